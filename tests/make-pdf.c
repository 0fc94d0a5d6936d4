/* make-pdf.c: writes the PDF fixtures of tests/cli/pdf.sh with cairo, laid out as offices lay
 * out a 公文: a running header and a "— N —" footer on every page, an indented first line,
 * lines wrapped at the text block's right edge, a measure that runs onto the next page, a
 * justified line with spaces between characters, a heading with a marker, a table of contents,
 * a task-division table with cells wrapped in their columns, a wrapped line that starts with a
 * number (8.5平方米).
 *   make-pdf text OUT.pdf      the document above (3 pages)
 *   make-pdf scan OUT.pdf      2 pages of "scanned" image and a watermark, no text layer
 *   make-pdf file IN OUT.pdf   IN's lines as paragraphs (first line indented), with the same
 *                              running header and page numbers
 * Needs a CJK font (Debian fonts-noto-cjk). */
#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <string.h>

enum { SIZE = 16, LEFT = 90, PER_LINE = 26, TOP = 110, BOTTOM = 740, STEP = 30 };

typedef struct page {
    cairo_t *cr;
    int number;
    double y;
} page;

static void furniture(page *p)
{
    char footer[32];
    cairo_set_font_size(p->cr, 12);
    cairo_move_to(p->cr, LEFT, 50);
    cairo_show_text(p->cr, "测试市人民政府办公厅文件");
    snprintf(footer, sizeof footer, "— %d —", p->number);
    cairo_move_to(p->cr, 280, 800);
    cairo_show_text(p->cr, footer);
    cairo_set_font_size(p->cr, SIZE);
    p->y = TOP;
}

/* Writes the file out: 0, or 1 when cairo failed. */
static int finish(cairo_t *cr, cairo_surface_t *s)
{
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_status_t st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    return st == CAIRO_STATUS_SUCCESS ? 0 : 1;
}

static void next_line(page *p)
{
    p->y += STEP;
    if (p->y > BOTTOM) {
        cairo_show_page(p->cr);
        p->number++;
        furniture(p);
    }
}

/* Lines of PER_LINE CJK characters (two ASCII characters take the room of one), the first
 * indented by 'indent' characters. */
static void paragraph(page *p, const char *text, int indent)
{
    const char *at = text;
    int first = 1;
    while (*at) {
        int room = 2 * (PER_LINE - (first ? indent : 0));
        const char *end = at;
        while (*end && room > 0) {
            unsigned char c = (unsigned char)*end;
            int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            room -= len == 1 ? 1 : 2;
            end += len;
        }
        char line[PER_LINE * 4 + 1];
        memcpy(line, at, (size_t)(end - at));
        line[end - at] = '\0';
        cairo_move_to(p->cr, LEFT + (first ? indent : 0) * SIZE, p->y);
        cairo_show_text(p->cr, line);
        at = end;
        first = 0;
        next_line(p);
    }
}

static int text_pdf(const char *out)
{
    cairo_surface_t *s = cairo_pdf_surface_create(out, 595, 842);
    page p = {cairo_create(s), 1, TOP};
    cairo_select_font_face(p.cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    furniture(&p);
    const char *title = "测试市关于促进城乡融合发展的若干措施";
    cairo_text_extents_t ext;
    cairo_text_extents(p.cr, title, &ext);
    cairo_move_to(p.cr, LEFT + (PER_LINE * SIZE - ext.x_advance) / 2, p.y); /* centered */
    cairo_show_text(p.cr, title);
    next_line(&p);
    paragraph(&p, "目录", 12); /* a table of contents, which is no text of the document */
    paragraph(&p, "一、总体要求……………………………1", 0);
    paragraph(&p, "二、保障措施……………………………2", 0);
    paragraph(&p, "一、总体要求", 2);
    paragraph(&p,
              "1.完善城乡融合发展体制机制。统筹推进新型城镇化和乡村全面振兴，"
              "健全城乡要素平等交换双向流动机制，推动公共资源合理配置，"
              "提升县城综合承载能力。（责任单位：市发展改革委、市农业农村委）",
              2);
    paragraph(&p,
              "2.加强城乡基础设施互联互通。推进城乡道路客运一体化发展，"
              "完善农村供水保障体系，提高农村电网供电可靠性。（责任单位：市交通委）",
              2);
    /* a justified line: the spaces are the layout's, not the text's */
    cairo_move_to(p.cr, LEFT + 2 * SIZE, p.y);
    cairo_show_text(p.cr, "3.保 障 公 共 安 全 。（责任单位：市应急局）");
    next_line(&p);
    paragraph(&p, "二、保障措施", 2);
    while (p.y < BOTTOM - 2 * STEP) /* the next measure starts at the foot of page 1 */
        paragraph(&p, "加强组织领导，压实工作责任，确保各项措施落到实处。", 2);
    paragraph(&p,
              "4.强化资金保障。统筹用好各级财政资金，引导金融资本和社会资本投入城乡融合发展"
              "重点领域，建立健全多元投入保障机制，确保项目资金及时足额到位。"
              "（责任单位：市财政局）",
              2);
    paragraph(&p, "5.做好宣传引导。及时总结推广典型经验做法。（责任单位：市委宣传部）", 2);
    /* a wrapped line that starts with a number is content, not a new item */
    paragraph(&p,
              "6.提高住房保障水平。新建租赁住房人均居住面积应不低于"
              "8.5平方米，满足基本居住需求。（责任单位：市住房城乡建设管理委）",
              0);
    /* a task-division table: cells at column positions, two of them wrapped in their cell */
    static const double COL[] = {LEFT, 130, 300, 370, 450};
    static const char *const TABLE[][5] = {
        {"序号", "重点任务", "牵头单位", "配合单位", "完成时限"},
        {"1", "开展安全隐患", "市应急局", "市公安局、", "2025年底前"},
        {"", "排查整治", "", "市消防局", ""},
        {"2", "完善城乡网格化管理", "市城运中心", "各区政府", "2026年6月底前"},
    };
    paragraph(&p, "附件：重点任务分工表", 0);
    cairo_set_font_size(p.cr, 12);
    for (size_t r = 0; r < sizeof TABLE / sizeof *TABLE; r++) {
        for (size_t c = 0; c < 5; c++) {
            cairo_move_to(p.cr, COL[c], p.y);
            cairo_show_text(p.cr, TABLE[r][c]);
        }
        p.y += 20;
    }
    cairo_set_font_size(p.cr, SIZE);
    next_line(&p);
    /* a numbered line that reaches the right edge without a stop reads like a heading, but
     * the page shows it going on */
    paragraph(&p,
              "第六条县级以上人民政府应当加强对城乡融合发展工作的领导，"
              "并将其纳入国民经济和社会发展规划。",
              2);
    cairo_show_page(p.cr);
    return finish(p.cr, s);
}

static int scan_pdf(const char *out)
{
    cairo_surface_t *s = cairo_pdf_surface_create(out, 595, 842);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    for (int n = 0; n < 2; n++) {
        cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 280);
        cairo_t *ic = cairo_create(img);
        cairo_set_source_rgb(ic, 0.9, 0.9, 0.85);
        cairo_paint(ic);
        cairo_destroy(ic);
        cairo_scale(cr, 2.5, 2.5);
        cairo_set_source_surface(cr, img, 18, 30);
        cairo_paint(cr);
        cairo_identity_matrix(cr);
        cairo_surface_destroy(img);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_font_size(cr, 8);
        cairo_move_to(cr, 480, 830);
        cairo_show_text(cr, "扫描全能王 创建"); /* what a scanning app leaves as text */
        cairo_show_page(cr);
    }
    return finish(cr, s);
}

static int file_pdf(const char *in, const char *out)
{
    FILE *f = fopen(in, "r");
    if (!f)
        return 1;
    cairo_surface_t *s = cairo_pdf_surface_create(out, 595, 842);
    page p = {cairo_create(s), 1, TOP};
    cairo_select_font_face(p.cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    furniture(&p);
    char line[1 << 16];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0])
            paragraph(&p, line, 2);
    }
    fclose(f);
    cairo_show_page(p.cr);
    return finish(p.cr, s);
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "file") == 0)
        return file_pdf(argv[2], argv[3]);
    if (argc == 3 && strcmp(argv[1], "text") == 0)
        return text_pdf(argv[2]);
    if (argc == 3 && strcmp(argv[1], "scan") == 0)
        return scan_pdf(argv[2]);
    fputs("usage: make-pdf text|scan OUT.pdf | file IN OUT.pdf\n", stderr);
    return 2;
}
