/* pdf.c: the PDF reader, on poppler's GLib API (text with a box per character). poppler's
 * lines, with their boxes, go to layout.c, which rebuilds lines, paragraphs, running headers
 * and pages from them as it does for OFD. An encrypted or damaged PDF gets one line. */
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

static void add_frag(psi_frag **v, size_t *n, size_t *cap, const double box[4], const char *s,
                     size_t len)
{
    if (box[1] <= box[0] || len == 0)
        return;
    if (*n == *cap)
        *v = psi_xrealloc(*v, (*cap *= 2) * sizeof **v);
    (*v)[(*n)++] = (psi_frag){(box[2] + box[3]) / 2, box[3] - box[2], box[0], box[1], s, len};
}

/* The page's text as fragments with their boxes: poppler's lines, cut where two characters
 * stand half a character box apart (poppler keeps a table row's cells in one line, without so
 * much as a space between them). */
static size_t page_fragments(const char *text, const PopplerRectangle *r, guint n_rects,
                             psi_frag **out)
{
    size_t cap = 64, n = 0;
    psi_frag *v = psi_xmalloc(cap * sizeof *v);
    const char *s = text, *start = text;
    double box[4] = {INFINITY, -INFINITY, INFINITY, -INFINITY}; /* x1 x2 y1 y2 */
    for (guint i = 0; *s && i < n_rects; i++) {
        gunichar c = g_utf8_get_char(s);
        const char *next = g_utf8_next_char(s);
        if (c == '\n') {
            add_frag(&v, &n, &cap, box, start, (size_t)(s - start));
            box[0] = box[2] = INFINITY, box[1] = box[3] = -INFINITY;
            start = next;
        } else if (c != ' ') {
            double h = r[i].y2 - r[i].y1;
            if (box[1] > box[0] && r[i].x1 - box[1] > 0.5 * h) { /* a column gap */
                add_frag(&v, &n, &cap, box, start, (size_t)(s - start));
                box[0] = box[2] = INFINITY, box[1] = box[3] = -INFINITY;
                start = s;
            }
            box[0] = fmin(box[0], r[i].x1), box[1] = fmax(box[1], r[i].x2);
            box[2] = fmin(box[2], r[i].y1), box[3] = fmax(box[3], r[i].y2);
        }
        s = next;
    }
    add_frag(&v, &n, &cap, box, start, (size_t)(s - start));
    *out = v;
    return n;
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
    psi_layout *lo = psi_layout_new();
    int n_pages = poppler_document_get_n_pages(doc);
    for (int p = 0; p < n_pages; p++) {
        PopplerPage *page = poppler_document_get_page(doc, p);
        double w = 0, h = 0;
        char *text = NULL;
        PopplerRectangle *rects = NULL;
        guint n_rects = 0;
        psi_frag *f = NULL;
        size_t n = 0;
        if (page) {
            poppler_page_get_size(page, &w, &h);
            text = poppler_page_get_text(page);
            if (text && poppler_page_get_text_layout(page, &rects, &n_rects))
                n = page_fragments(text, rects, n_rects, &f);
        }
        psi_layout_add_page(lo, h, f, n); /* an unreadable page is an empty one */
        free(f);
        g_free(rects);
        g_free(text);
        if (page)
            g_object_unref(page);
    }
    g_object_unref(doc);
    ps_status st = psi_layout_blocks(lo, path, a, out, err);
    psi_layout_free(lo);
    return st;
}
