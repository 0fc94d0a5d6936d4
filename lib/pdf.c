/* pdf.c: the PDF reader, on poppler's GLib API (text with a box per character).
 * Lines are rebuilt from the boxes, not from a text extraction's line breaks:
 *   - fragments at the same height are one line, left to right (poppler splits "第四条" from
 *     the rest of its line at a wide gap, and may list a heading after the line below it);
 *   - a line that reaches the text block's right edge is FULL and one that starts right of its
 *     left edge is INDENT: para.c joins wrapped lines by these flags, so a paragraph ends where
 *     the page says, not where a wrap width is guessed;
 *   - running headers and footers (the same text near the top or bottom of many pages, digits
 *     aside) and page numbers ("- 2 -", "— 2 —", "第2页 共18页") are left out;
 *   - spaces that justified text puts between two CJK characters ("公 共 安 全") are dropped.
 * Every line keeps its page (psi_blocks.pages), for citations by page. A PDF whose pages hold
 * almost no text is a scan: one line says so, and nothing is indexed from it. */
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

/* Fewer characters per page than this: no text layer to speak of (a scanning app's watermark,
 * "扫描全能王 创建", is 8). */
enum { SCAN_CHARS_PER_PAGE = 40 };

typedef struct pline {
    unsigned page; /* 1-based */
    double y, h, x1, x2;
    psi_buf text;
    size_t chars; /* not counting spaces */
    bool drop;    /* header, footer or page number */
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

typedef struct frag {
    double y, h, x1, x2;
    const char *s;
    size_t n;
} frag;

static int by_position(const void *a, const void *b)
{
    const frag *x = a, *y = b;
    if (fabs(x->y - y->y) > 0.5 * fmin(x->h, y->h))
        return x->y < y->y ? -1 : 1;
    return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

/* The page's text as fragments (poppler's lines), each with its box. */
static size_t page_fragments(const char *text, const PopplerRectangle *r, guint n_rects, frag **out)
{
    size_t cap = 64, n = 0;
    frag *v = psi_xmalloc(cap * sizeof *v);
    const char *s = text, *start = text;
    double x1 = INFINITY, x2 = -INFINITY, y1 = INFINITY, y2 = -INFINITY;
    for (guint i = 0; *s; i++) {
        gunichar c = g_utf8_get_char(s);
        const char *next = g_utf8_next_char(s);
        bool end = c == '\n' || !*next || i >= n_rects;
        if (c != '\n' && i < n_rects && c != ' ') {
            x1 = fmin(x1, r[i].x1), x2 = fmax(x2, r[i].x2);
            y1 = fmin(y1, r[i].y1), y2 = fmax(y2, r[i].y2);
        }
        if (end) {
            const char *stop = c == '\n' ? s : next;
            if (x2 > x1 && stop > start) {
                if (n == cap)
                    v = psi_xrealloc(v, (cap *= 2) * sizeof *v);
                v[n++] = (frag){(y1 + y2) / 2, y2 - y1, x1, x2, start, (size_t)(stop - start)};
            }
            x1 = y1 = INFINITY, x2 = y2 = -INFINITY;
            start = next;
            if (i >= n_rects)
                break;
        }
        s = next;
    }
    *out = v;
    return n;
}

/* The page's lines: fragments at one height joined left to right. */
static void page_lines(unsigned page, const char *text, const PopplerRectangle *r, guint n_rects,
                       plines *out)
{
    frag *f = NULL;
    size_t n = page_fragments(text, r, n_rects, &f);
    qsort(f, n, sizeof *f, by_position);
    for (size_t i = 0; i < n; i++) {
        pline *l = out->n ? &out->v[out->n - 1] : NULL;
        bool same = l && l->page == page && fabs(f[i].y - l->y) <= 0.5 * fmin(f[i].h, l->h);
        if (!same) {
            if (out->n == out->cap)
                out->v = psi_xrealloc(out->v,
                                      (out->cap = out->cap ? out->cap * 2 : 256) * sizeof *out->v);
            l = &out->v[out->n++];
            *l = (pline){page, f[i].y, f[i].h, f[i].x1, f[i].x2, {0}, 0, false};
        } else {
            psi_buf_putc(&l->text, ' ');
            l->x2 = fmax(l->x2, f[i].x2);
        }
        put_fragment(&l->text, f[i].s, f[i].n);
    }
    for (size_t i = 0; i < out->n; i++) {
        pline *l = &out->v[i];
        if (l->page != page || l->chars)
            continue;
        for (size_t k = 0; k < l->text.len;) {
            uint32_t cp = psi_utf8_next(l->text.data, l->text.len, &k);
            l->chars += !psi_is_space(cp);
        }
    }
    free(f);
}

/* "2", "- 2 -", "— 2 —", "第2页", "第 2 页 共 18 页", "2/18", "II". */
static bool is_page_number(const char *s, size_t n)
{
    size_t digits = 0, other = 0, roman = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = psi_utf8_next(s, n, &i);
        if (cp >= '0' && cp <= '9')
            digits++;
        else if (strchr("IVXivx", (int)cp) && cp < 128)
            roman++;
        else if (!(psi_is_space(cp) || cp == '-' || cp == 0x2014 || cp == 0x2013 || cp == 0xFF0D ||
                   cp == '/' || cp == 0x7B2C /* 第 */ || cp == 0x9875 /* 页 */ ||
                   cp == 0x5171 /* 共 */))
            other++;
    }
    return other == 0 && ((digits > 0 && digits <= 8) || (digits == 0 && roman > 0 && roman <= 5));
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

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Marks page numbers, and lines near the top or bottom of a page whose text (digits aside)
 * repeats there on at least a third of the pages (two at least). */
static void mark_running(plines *ls, const double *heights, unsigned pages)
{
    enum { MARGIN_PERCENT = 12 };
    char **keys = psi_xcalloc(ls->n + 1, sizeof *keys);
    size_t n_keys = 0;
    bool *edge = psi_xcalloc(ls->n + 1, sizeof *edge);
    for (size_t i = 0; i < ls->n; i++) {
        pline *l = &ls->v[i];
        double h = heights[l->page - 1];
        edge[i] = l->y < h * MARGIN_PERCENT / 100 || l->y > h * (100 - MARGIN_PERCENT) / 100;
        if (!edge[i])
            continue;
        if (is_page_number(l->text.data, l->text.len))
            l->drop = true;
        else
            keys[n_keys++] = running_key(l);
    }
    qsort(keys, n_keys, sizeof *keys, cmp_str);
    size_t need = pages / 3 > 2 ? pages / 3 : 2;
    for (size_t i = 0; i < ls->n; i++) {
        pline *l = &ls->v[i];
        if (!edge[i] || l->drop || pages < 2)
            continue;
        char *k = running_key(l);
        char **hit = *k ? bsearch(&k, keys, n_keys, sizeof *keys, cmp_str) : NULL;
        size_t count = 0;
        if (hit) {
            char **lo = hit, **hi = hit;
            while (lo > keys && strcmp(lo[-1], k) == 0)
                lo--;
            while (hi + 1 < keys + n_keys && strcmp(hi[1], k) == 0)
                hi++;
            count = (size_t)(hi - lo) + 1;
        }
        l->drop = count >= need;
        free(k);
    }
    for (size_t i = 0; i < n_keys; i++)
        free(keys[i]);
    free(keys);
    free(edge);
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

static void plines_free(plines *ls)
{
    for (size_t i = 0; i < ls->n; i++)
        psi_buf_free(&ls->v[i].text);
    free(ls->v);
}

ps_status psi_read_pdf(const char *bytes, size_t n_bytes, const char *path, psi_arena *a,
                       psi_blocks *out, ps_error *err)
{
    GError *gerr = NULL;
    GBytes *data = g_bytes_new_static(bytes, n_bytes);
    PopplerDocument *doc = poppler_document_new_from_bytes(data, NULL, &gerr);
    g_bytes_unref(data);
    if (!doc) {
        bool locked =
            gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED;
        ps_status st = psi_fail(err, PS_ERR_PARSE, "%s: %s", path,
                                locked ? "encrypted PDF: cannot read it without its password"
                                       : "damaged PDF: cannot read it");
        g_clear_error(&gerr);
        return st;
    }
    int n_pages = poppler_document_get_n_pages(doc);
    plines ls = {0};
    double *heights = psi_xcalloc((size_t)n_pages + 1, sizeof *heights);
    size_t chars = 0;
    for (int p = 0; p < n_pages; p++) {
        PopplerPage *page = poppler_document_get_page(doc, p);
        if (!page)
            continue;
        double w;
        poppler_page_get_size(page, &w, &heights[p]);
        char *text = poppler_page_get_text(page);
        PopplerRectangle *rects = NULL;
        guint n_rects = 0;
        if (text && poppler_page_get_text_layout(page, &rects, &n_rects)) {
            size_t before = ls.n;
            page_lines((unsigned)p + 1, text, rects, n_rects, &ls);
            for (size_t i = before; i < ls.n; i++)
                chars += ls.v[i].chars;
        }
        g_free(rects);
        g_free(text);
        g_object_unref(page);
    }
    g_object_unref(doc);
    ps_status st = PS_OK;
    if (n_pages == 0 || chars < (size_t)n_pages * SCAN_CHARS_PER_PAGE) {
        st = psi_fail(err, PS_ERR_PARSE, "%s: no text layer (scanned?); OCR it first", path);
    } else {
        mark_running(&ls, heights, (unsigned)n_pages);
        unsigned *flags = psi_xcalloc(ls.n + 1, sizeof *flags);
        for (size_t i = 0, j; i < ls.n; i = j) {
            for (j = i; j < ls.n && ls.v[j].page == ls.v[i].page; j++)
                ;
            block_box box = page_box(&ls, i, j);
            mark_geometry(&ls, i, j, box, flags);
            if (i == 0) /* a hint, as front matter's title is: the text's own comes first */
                out->fm_title = page_title(&ls, box, a);
        }
        /* Line i + 1 of the rebuilt text is ls.v[i]; left-out lines keep their numbers. */
        out->pages = psi_arena_alloc(a, (ls.n + 2) * sizeof *out->pages);
        out->n_lines = ls.n;
        out->wrapped = true;
        out->geometry = true;
        for (size_t i = 0; i < ls.n; i++) {
            out->pages[i + 1] = ls.v[i].page;
            if (ls.v[i].drop) {
                out->skipped++;
                continue;
            }
            if (ls.v[i].chars > 0)
                psi_blocks_add(out, a, ls.v[i].text.data, ls.v[i].text.len, i + 1, i + 1, flags[i]);
        }
        free(flags);
    }
    free(heights);
    plines_free(&ls);
    return st;
}
