/* layout.c: text placed on pages (PDF through poppler, OFD's text objects) into blocks:
 *   - fragments at the same height are one line, left to right (poppler splits "第四条" from
 *     the rest of its line at a wide gap, and may list a heading after the line below it);
 *   - a line that reaches the text block's right edge is FULL and one that starts right of its
 *     left edge is INDENT: para.c joins wrapped lines by these flags, so a paragraph ends where
 *     the page says, not where a wrap width is guessed;
 *   - running headers and footers (the same text near the top or bottom of many pages, digits
 *     aside) and page numbers ("- 2 -", "— 2 —", "第2页 共18页") are left out;
 *   - spaces that justified text puts between two CJK characters ("公 共 安 全") are dropped;
 *   - the centered title in the tallest type on page 1 is a title hint.
 * Every line keeps its page (psi_blocks.pages), for citations by page. Pages with almost no
 * text are a scan: one line says so, and nothing is indexed from them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

/* Fewer characters on a page than this: no text layer to speak of (a scanning app's watermark,
 * "扫描全能王 创建", is 8). A file none of whose pages has more is a scan. */
enum { SCAN_CHARS_PER_PAGE = 40 };

/* A run of a line's text with no column gap in it: a table's cell, or the whole line. */
typedef struct span {
    double x1, x2;
    size_t off, len; /* in the line's text */
} span;

enum { MAX_SPANS = 16 };

typedef struct pline {
    unsigned page; /* 1-based */
    double y, h, x1, x2;
    psi_buf text;
    size_t chars; /* not counting spaces */
    bool drop;    /* header, footer or page number */
    span spans[MAX_SPANS];
    size_t n_spans;
    bool in_table; /* its text went into 'row' of the row's first line */
    psi_buf row;   /* a table row as a pipe row ("| 1 | 任务 | 市财政局 |") */
    bool header;   /* the row is the table's header: a rule follows it */
} pline;

typedef struct plines {
    pline *v;
    size_t n, cap;
} plines;

static bool is_cjk(uint32_t cp)
{
    return psi_is_han(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* Appends a fragment's text, without spaces between two CJK characters. */
static void put_fragment(psi_buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t at = i;
        uint32_t cp = psi_utf8_next(s, n, &i);
        if (cp == ' ' || cp == 0x3000) {
            size_t j = i;
            while (j < n && (s[j] == ' '))
                j++;
            size_t back = b->len;
            uint32_t before = back ? psi_utf8_prev(b->data, &back) : 0;
            size_t k = j;
            uint32_t after = j < n ? psi_utf8_next(s, n, &k) : 0;
            if (before && after && is_cjk(before) && is_cjk(after) && cp == ' ') {
                i = j;
                continue;
            }
        }
        psi_buf_put(b, s + at, i - at);
    }
}

/* Top to bottom: a strict order (a tolerance here would not be transitive, and qsort's result
 * undefined); lines are grouped afterwards. */
static int by_height(const void *a, const void *b)
{
    const psi_frag *x = a, *y = b;
    return x->y != y->y ? (x->y < y->y ? -1 : 1) : (x->x1 > y->x1) - (x->x1 < y->x1);
}

static int by_left(const void *a, const void *b)
{
    const psi_frag *x = a, *y = b;
    return (x->x1 > y->x1) - (x->x1 < y->x1);
}

/* The page's lines: fragments at one height joined left to right, with a space where they
 * stand apart (poppler splits "第四条" from its line at a wide gap; OFD may place every
 * character on its own). */
static void page_lines(unsigned page, psi_frag *f, size_t n, plines *out)
{
    size_t first = out->n;
    if (n == 0) /* a page without text (f may be NULL) */
        return;
    qsort(f, n, sizeof *f, by_height);
    /* a line: the fragments within half a height of its first one's, then left to right */
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && f[j].y - f[i].y <= 0.5 * fmin(f[i].h, f[j].h); j++)
            ;
        qsort(f + i, j - i, sizeof *f, by_left);
    }
    for (size_t i = 0; i < n; i++) {
        pline *l = out->n > first ? &out->v[out->n - 1] : NULL;
        bool same = l && fabs(f[i].y - l->y) <= 0.5 * fmin(f[i].h, l->h);
        if (!same) {
            if (out->n == out->cap)
                out->v = psi_xrealloc(out->v,
                                      (out->cap = out->cap ? out->cap * 2 : 256) * sizeof *out->v);
            l = &out->v[out->n++];
            memset(l, 0, sizeof *l);
            l->page = page, l->y = f[i].y, l->h = f[i].h, l->x1 = f[i].x1, l->x2 = f[i].x2;
            l->spans[l->n_spans++] = (span){f[i].x1, f[i].x2, 0, 0};
        } else {
            double gap = f[i].x1 - l->x2, h = fmin(f[i].h, l->h);
            if (gap > 0.4 * h)
                psi_buf_putc(&l->text, ' ');
            if (gap > 0.5 * h && l->n_spans < MAX_SPANS) /* a column gap */
                l->spans[l->n_spans++] = (span){f[i].x1, f[i].x2, l->text.len, 0};
            l->x2 = fmax(l->x2, f[i].x2);
        }
        put_fragment(&l->text, f[i].s, f[i].n);
        span *last = &l->spans[l->n_spans - 1];
        last->x2 = fmax(last->x2, f[i].x2);
        last->len = l->text.len - last->off;
    }
    for (size_t i = first; i < out->n; i++) {
        pline *l = &out->v[i];
        for (size_t k = 0; k < l->text.len;) {
            uint32_t cp = psi_utf8_next(l->text.data, l->text.len, &k);
            l->chars += !psi_is_space(cp);
        }
    }
}

/* "2", "- 2 -", "— 2 —", "第2页", "第 2 页 共 18 页", "2/18", "II"; not a year or a date
 * (2024-2025, 2024/12/31). */
static bool is_page_number(const char *s, size_t n)
{
    size_t digits = 0, other = 0, roman = 0, slashes = 0, of = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = psi_utf8_next(s, n, &i);
        if (cp >= '0' && cp <= '9')
            digits++;
        else if (strchr("IVXivx", (int)cp) && cp < 128)
            roman++;
        else if (cp == '/')
            slashes++;
        else if (cp == 0x5171) /* 共 */
            of++;
        else if (!(psi_is_space(cp) || cp == '-' || cp == 0x2014 || cp == 0x2013 || cp == 0xFF0D ||
                   cp == 0x7B2C /* 第 */ || cp == 0x9875 /* 页 */))
            other++;
    }
    bool two = (slashes == 1 && of == 0) || (slashes == 0 && of == 1); /* page and pages */
    return other == 0 && ((digits > 0 && digits <= (two ? 8u : 4u) && slashes + of <= 1) ||
                          (digits == 0 && roman > 0 && roman <= 5 && slashes + of == 0));
}

/* The text of a line without digits or spaces: a running header or footer keeps it from page
 * to page while its page number changes. */
static char *running_key(const pline *l)
{
    psi_buf k = {0};
    for (size_t i = 0; i < l->text.len;) {
        size_t at = i;
        uint32_t cp = psi_utf8_next(l->text.data, l->text.len, &i);
        if (!psi_is_space(cp) && !(cp >= '0' && cp <= '9'))
            psi_buf_put(&k, l->text.data + at, i - at);
    }
    return k.data ? psi_buf_detach(&k) : psi_xstrndup("", 0);
}

static bool is_header_line(const pline *l);

/* A running line's text (digits aside) and a page it is on. */
typedef struct key_page {
    char *key;
    unsigned page;
    size_t pages; /* of its key: on how many pages it runs */
} key_page;

static int by_key_page(const void *a, const void *b)
{
    const key_page *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->page > y->page) - (x->page < y->page);
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const key_page *)a)->key, ((const key_page *)b)->key);
}

/* Marks table-of-contents lines, page numbers, and lines near the top or bottom of a page
 * whose text (digits aside) repeats there on at least a third of the pages (two at least). A
 * table's header row repeated on each page is the table's, not a running header. */
static void mark_running(plines *ls, const double *heights, unsigned pages)
{
    enum { MARGIN_PERCENT = 12 };
    char **line_key = psi_xcalloc(ls->n + 1, sizeof *line_key); /* edge lines' running keys */
    key_page *keys = psi_xcalloc(ls->n + 1, sizeof *keys);      /* the same, sorted */
    size_t n_keys = 0;
    for (size_t i = 0; i < ls->n; i++) {
        pline *l = &ls->v[i];
        /* a table of contents is no text of the document, wherever it stands */
        l->drop =
            psi_toc_line(l->text.data, l->text.len) || psi_toc_title(l->text.data, l->text.len);
        double h = heights[l->page - 1];
        bool edge = l->y < h * MARGIN_PERCENT / 100 || l->y > h * (100 - MARGIN_PERCENT) / 100;
        if (!edge || l->drop || is_header_line(l))
            continue;
        if (is_page_number(l->text.data, l->text.len)) {
            l->drop = true;
            continue;
        }
        line_key[i] = running_key(l);
        keys[n_keys++] = (key_page){line_key[i], l->page, 0};
    }
    qsort(keys, n_keys, sizeof *keys, by_key_page);
    for (size_t i = 0, j; i < n_keys; i = j) { /* distinct pages per key */
        size_t distinct = 0;
        for (j = i; j < n_keys && strcmp(keys[j].key, keys[i].key) == 0; j++)
            distinct += j == i || keys[j].page != keys[j - 1].page;
        for (size_t k = i; k < j; k++)
            keys[k].pages = distinct;
    }
    size_t need = pages / 3 > 2 ? pages / 3 : 2;
    for (size_t i = 0; i < ls->n; i++) {
        if (!line_key[i] || !*line_key[i] || pages < 2)
            continue;
        key_page probe = {line_key[i], 0, 0};
        const key_page *hit = bsearch(&probe, keys, n_keys, sizeof *keys, by_key);
        ls->v[i].drop = hit && hit->pages >= need;
    }
    for (size_t i = 0; i < ls->n; i++)
        free(line_key[i]);
    free(line_key);
    free(keys);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* A page's text block: its left and right edges (the 10th and 90th percentiles of the ends of
 * its long lines) and the width of a character (their median). */
typedef struct block_box {
    double left, right, ch;
    bool known;
} block_box;

static block_box page_box(const plines *ls, size_t from, size_t to)
{
    block_box box = {0, 0, 0, false};
    size_t n = 0;
    double *lefts = psi_xcalloc(to - from + 1, sizeof *lefts);
    double *rights = psi_xcalloc(to - from + 1, sizeof *rights);
    double *widths = psi_xcalloc(to - from + 1, sizeof *widths);
    for (size_t i = from; i < to; i++) {
        const pline *l = &ls->v[i];
        if (l->drop || l->chars < 8)
            continue;
        lefts[n] = l->x1, rights[n] = l->x2, widths[n] = (l->x2 - l->x1) / (double)l->chars;
        n++;
    }
    if (n > 0) {
        qsort(lefts, n, sizeof *lefts, cmp_double);
        qsort(rights, n, sizeof *rights, cmp_double);
        qsort(widths, n, sizeof *widths, cmp_double);
        box = (block_box){lefts[n / 10], rights[n - 1 - n / 10], widths[n / 2], true};
    }
    free(lefts);
    free(rights);
    free(widths);
    return box;
}

/* FULL: the line reaches the block's right edge; INDENT: it starts right of its left edge. */
static void mark_geometry(const plines *ls, size_t from, size_t to, block_box box, unsigned *flags)
{
    for (size_t i = from; box.known && i < to; i++) {
        const pline *l = &ls->v[i];
        flags[i] |= l->x2 >= box.right - 1.5 * box.ch ? PSI_BLOCK_FULL : 0;
        flags[i] |= l->x1 >= box.left + 1.2 * box.ch ? PSI_BLOCK_INDENT : 0;
    }
}

/* Centered in the block, with room on both sides. */
static bool centered(const pline *l, block_box box)
{
    double before = l->x1 - box.left, after = box.right - l->x2;
    return box.known && before > 2 * box.ch && after > 2 * box.ch &&
           fabs(before - after) < 2 * box.ch;
}

/* A date in Chinese numerals: 二〇二四年, 二〇二四年十二月. */
static bool numeral_date(const char *t, size_t n)
{
    static const char *const CHARS = "〇一二三四五六七八九十年月日";
    for (size_t i = 0; i < n;) {
        size_t at = i;
        psi_utf8_next(t, n, &i);
        char one[5] = {0};
        memcpy(one, t + at, i - at < 4 ? i - at : 4);
        if (!strstr(CHARS, one))
            return false;
    }
    return n > 0;
}

/* Not a title line though centered: 文号 (沪府发〔2024〕12号, "（十四届第3号）"), the issuer's
 * mark (…文件), a date, a sentence. */
static bool title_like(const pline *l)
{
    const char *t = l->text.data;
    size_t n = l->text.len;
    return n > 0 && t[0] != '(' && !(n >= 3 && memcmp(t, "（", 3) == 0) && !numeral_date(t, n) &&
           !(memmem(t, n, "〔", 3) && memmem(t, n, "号", 3)) && !psi_issuer_mark(t, n) &&
           !psi_ends_with(t, n, "。") && !(memmem(t, n, "年", 3) && memmem(t, n, "日", 3)) &&
           l->chars <= 60;
}

/* The title as page 1 shows it: the run of centered lines (at most 4) in the tallest type
 * among them, above the body. NULL when page 1 has no centered line. */
static const char *page_title(const plines *ls, block_box box, psi_arena *a)
{
    size_t best = (size_t)-1, best_n = 0;
    double best_h = 0;
    for (size_t i = 0; i < ls->n && ls->v[i].page == ls->v[0].page;) {
        const pline *l = &ls->v[i];
        if (l->drop || !centered(l, box) || !title_like(l)) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < ls->n && j - i < 4 && ls->v[j].page == l->page && !ls->v[j].drop &&
               centered(&ls->v[j], box) && title_like(&ls->v[j]) &&
               fabs(ls->v[j].h - l->h) < 0.15 * l->h && ls->v[j].y - ls->v[j - 1].y < 2.5 * l->h)
            j++;
        if (l->h > best_h * 1.05)
            best = i, best_n = j - i, best_h = l->h;
        i = j;
    }
    if (best == (size_t)-1)
        return NULL;
    psi_buf t = {0};
    for (size_t k = best; k < best + best_n; k++)
        psi_buf_put(&t, ls->v[k].text.data, ls->v[k].text.len);
    const char *title = psi_squeeze_cjk_spaces(a, t.data, t.len);
    psi_buf_free(&t);
    return title;
}

/* ---- Tables from column positions ----------------------------------------------------------
 * A table's header row names its columns (序号, 重点任务, 牵头单位, 配合单位, 完成时限 …): a line
 * of three or more cells, two of them header words. Its cells give the columns, split halfway
 * between them. The lines below are read into the columns, cell by cell, until a line has
 * text across a column split (the body text again); a table goes on across a page break,
 * where a repeated header is skipped. A row starts where the first column has text (its 序号),
 * so a cell wrapped over several lines stays one cell. Each row becomes a pipe row under the
 * header, as table.c reads Markdown's, so a task table's departments are read by column. */

static const char *const HEADER_WORDS[] = {"序号", "任务", "牵头", "责任", "配合", "协同", "时限",
                                           "时间", "单位", "部门", "措施", "内容", NULL};

static bool header_word(const char *s, size_t n)
{
    for (const char *const *w = HEADER_WORDS; *w; w++)
        if (memmem(s, n, *w, strlen(*w)))
            return true;
    return false;
}

static bool is_header_line(const pline *l)
{
    size_t words = 0;
    for (size_t k = 0; k < l->n_spans; k++)
        words += l->spans[k].len <= 18 &&
                 header_word(l->text.data + l->spans[k].off, l->spans[k].len); /* six characters */
    return !l->drop && l->n_spans >= 3 && words >= 2;
}

typedef struct columns {
    size_t n;
    double split[MAX_SPANS]; /* between column k and k + 1 */
} columns;

static columns columns_of(const pline *header)
{
    columns c = {header->n_spans, {0}};
    for (size_t k = 0; k + 1 < header->n_spans; k++)
        c.split[k] = (header->spans[k].x2 + header->spans[k + 1].x1) / 2;
    return c;
}

static size_t column_at(const columns *c, double x)
{
    size_t k = 0;
    while (k + 1 < c->n && x > c->split[k])
        k++;
    return k;
}

/* Whether the line fits the columns: no cell runs across a split by more than a character. */
static bool fits(const pline *l, const columns *c)
{
    double ch = l->h;
    for (size_t s = 0; s < l->n_spans; s++)
        for (size_t k = 0; k + 1 < c->n; k++)
            if (l->spans[s].x1 < c->split[k] - ch && l->spans[s].x2 > c->split[k] + ch)
                return false;
    return true;
}

static void put_cell(psi_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '|')
            psi_buf_puts(b, "｜");
        else
            psi_buf_putc(b, s[i]);
}

static void end_row(pline *first, psi_buf *cells, size_t n)
{
    if (!first)
        return;
    psi_buf_puts(&first->row, "|");
    for (size_t k = 0; k < n; k++) {
        psi_buf_putc(&first->row, ' ');
        put_cell(&first->row, cells[k].data ? cells[k].data : "", cells[k].len);
        psi_buf_puts(&first->row, " |");
        psi_buf_clear(&cells[k]);
    }
}

/* Reads the table whose header is line h; returns the index after it. */
static size_t read_table(plines *ls, size_t h)
{
    pline *head = &ls->v[h];
    columns c = columns_of(head);
    psi_buf cells[MAX_SPANS] = {{0}};
    head->in_table = head->header = true;
    psi_buf hdr[MAX_SPANS] = {{0}};
    for (size_t k = 0; k < head->n_spans; k++)
        put_cell(&hdr[k], head->text.data + head->spans[k].off, head->spans[k].len);
    end_row(head, hdr, c.n);
    pline *row = NULL;
    size_t i = h + 1;
    for (; i < ls->n; i++) {
        pline *l = &ls->v[i];
        if (l->drop)
            continue;
        if (is_header_line(l) && l->n_spans == c.n) { /* repeated on a new page */
            l->in_table = true;
            continue;
        }
        if (is_header_line(l)) /* the next table */
            break;
        if (!fits(l, &c))
            break;
        bool first_col = false;
        for (size_t s = 0; s < l->n_spans; s++)
            first_col |= column_at(&c, (l->spans[s].x1 + l->spans[s].x2) / 2) == 0;
        if (first_col || !row) {
            end_row(row, cells, c.n);
            row = l;
        }
        l->in_table = true;
        for (size_t s = 0; s < l->n_spans; s++) {
            size_t k = column_at(&c, (l->spans[s].x1 + l->spans[s].x2) / 2);
            put_cell(&cells[k], l->text.data + l->spans[s].off, l->spans[s].len);
        }
    }
    end_row(row, cells, c.n);
    for (size_t k = 0; k < MAX_SPANS; k++) {
        psi_buf_free(&cells[k]);
        psi_buf_free(&hdr[k]);
    }
    return i;
}

static void rebuild_tables(plines *ls)
{
    for (size_t i = 0; i < ls->n;)
        i = is_header_line(&ls->v[i]) ? read_table(ls, i) : i + 1;
}

static void plines_free(plines *ls)
{
    for (size_t i = 0; i < ls->n; i++) {
        psi_buf_free(&ls->v[i].text);
        psi_buf_free(&ls->v[i].row);
    }
    free(ls->v);
}

struct psi_layout {
    plines ls;
    double *heights; /* of each page, in the fragments' unit */
    size_t n_pages, cap_pages;
};

psi_layout *psi_layout_new(void)
{
    return psi_xcalloc(1, sizeof(psi_layout));
}

void psi_layout_add_page(psi_layout *lo, double height, psi_frag *frags, size_t n)
{
    if (lo->n_pages == lo->cap_pages)
        lo->heights =
            psi_xrealloc(lo->heights, (lo->cap_pages = lo->cap_pages ? lo->cap_pages * 2 : 16) *
                                          sizeof *lo->heights);
    lo->heights[lo->n_pages++] = height;
    page_lines((unsigned)lo->n_pages, frags, n, &lo->ls);
}

void psi_layout_free(psi_layout *lo)
{
    if (!lo)
        return;
    plines_free(&lo->ls);
    free(lo->heights);
    free(lo);
}

ps_status psi_layout_blocks(psi_layout *lo, const char *path, psi_arena *a, psi_blocks *out,
                            ps_error *err)
{
    ps_status st = PS_OK;
    size_t text_pages = 0; /* pages with a text layer: a scanned annex does not lose the rest */
    for (size_t i = 0, j; i < lo->ls.n; i = j) {
        size_t chars = 0;
        for (j = i; j < lo->ls.n && lo->ls.v[j].page == lo->ls.v[i].page; j++)
            chars += lo->ls.v[j].chars;
        text_pages += chars >= SCAN_CHARS_PER_PAGE;
    }
    if (text_pages == 0) {
        st = psi_fail(err, PS_ERR_PARSE, "%s: no text layer (scanned?); OCR it first", path);
    } else {
        mark_running(&lo->ls, lo->heights, (unsigned)lo->n_pages);
        rebuild_tables(&lo->ls);
        unsigned *flags = psi_xcalloc(lo->ls.n + 1, sizeof *flags);
        for (size_t i = 0, j; i < lo->ls.n; i = j) {
            for (j = i; j < lo->ls.n && lo->ls.v[j].page == lo->ls.v[i].page; j++)
                ;
            block_box box = page_box(&lo->ls, i, j);
            mark_geometry(&lo->ls, i, j, box, flags);
            if (i == 0) /* a hint, as front matter's title is: the text's own comes first */
                out->fm_title = page_title(&lo->ls, box, a);
        }
        /* Line i + 1 of the rebuilt text is lo->ls.v[i]; left-out lines keep their numbers. */
        out->pages = psi_arena_alloc(a, (lo->ls.n + 2) * sizeof *out->pages);
        out->n_lines = lo->ls.n;
        out->wrapped = true;
        out->geometry = true;
        for (size_t i = 0; i < lo->ls.n; i++) {
            out->pages[i + 1] = lo->ls.v[i].page;
            const pline *l = &lo->ls.v[i];
            if (l->drop) {
                out->skipped++;
                continue;
            }
            if (l->in_table) { /* a row on its first line, the rule under the header */
                if (l->row.len)
                    psi_blocks_add(out, a, l->row.data, l->row.len, i + 1, i + 1, 0);
                if (l->header) {
                    psi_buf rule = {0};
                    for (size_t k = 0; k < l->row.len; k++)
                        if (l->row.data[k] == '|')
                            psi_buf_puts(&rule, rule.len ? "---|" : "|");
                    psi_blocks_add(out, a, rule.data, rule.len, i + 1, i + 1, 0);
                    psi_buf_free(&rule);
                }
                continue;
            }
            if (lo->ls.v[i].chars > 0)
                psi_blocks_add(out, a, lo->ls.v[i].text.data, lo->ls.v[i].text.len, i + 1, i + 1,
                               flags[i]);
        }
        free(flags);
    }
    return st;
}
