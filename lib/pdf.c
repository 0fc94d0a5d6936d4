/* pdf.c: the PDF reader, on poppler's GLib API (text with a box per character). poppler's
 * lines, with their boxes, go to layout.c, which rebuilds lines, paragraphs, running headers
 * and pages from them as it does for OFD. An encrypted or damaged PDF gets one line. */
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

/* The page's text as fragments (poppler's lines), each with its box. */
static size_t page_fragments(const char *text, const PopplerRectangle *r, guint n_rects,
                             psi_frag **out)
{
    size_t cap = 64, n = 0;
    psi_frag *v = psi_xmalloc(cap * sizeof *v);
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
                v[n++] = (psi_frag){(y1 + y2) / 2, y2 - y1, x1, x2, start, (size_t)(stop - start)};
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
