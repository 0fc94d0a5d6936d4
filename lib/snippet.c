/* snippet.c: the part of a clause around the first match, with every match marked.
 * Matching runs on normalized text (the same normalization as search), and marks are placed
 * on the original bytes, so "養老服務" highlights 养老服务 in a simplified-character clause and a
 * word cut by a wrap is marked whole. */
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

enum { MAX_WORDS = 32 };

char *ps_snippet(const char *text, const ps_query *q, const char *open, const char *close,
                 size_t width_chars)
{
    size_t n = strlen(text);
    psi_norm nm = {0};
    psi_normalize(text, n, &nm, NULL);
    bool *marked = psi_xcalloc(n + 1, sizeof *marked); /* per source byte */
    size_t first = n;
    const char *words[MAX_WORDS];
    size_t n_words = q ? psi_query_words(q, words, MAX_WORDS) : 0;
    for (size_t w = 0; w < n_words; w++) {
        psi_norm pat = {0};
        psi_normalize(words[w], strlen(words[w]), &pat, NULL);
        for (size_t i = 0; pat.n && i < nm.n; i++) {
            /* as search does, brackets and quotes inside the text do not break a match */
            size_t k = 0, j = i;
            while (k < pat.n && j < nm.n) {
                if (nm.cp[j] == pat.cp[k])
                    k++, j++;
                else if (k > 0 && psi_is_see_through(nm.cp[j]))
                    j++;
                else
                    break;
            }
            if (k < pat.n)
                continue;
            size_t from = nm.src[i], to = nm.src_end[j - 1];
            for (size_t b = from; b < to; b++)
                marked[b] = true;
            if (from < first)
                first = from;
        }
        psi_norm_free(&pat);
    }
    psi_norm_free(&nm);

    /* Window: start a third of the width before the first match, on a character boundary. */
    size_t start = 0;
    if (first < n) {
        size_t back = 0, i = first;
        while (i > 0 && back < width_chars / 3) {
            psi_utf8_prev(text, &i);
            back++;
        }
        start = i;
    }
    psi_buf out = {0};
    if (start > 0)
        psi_buf_puts(&out, "…");
    bool in_mark = false;
    size_t chars = 0, i = start;
    while (i < n && chars < width_chars) {
        size_t at = i;
        uint32_t cp = psi_utf8_next(text, n, &i);
        if (marked[at] != in_mark) {
            psi_buf_puts(&out, in_mark ? close : open);
            in_mark = marked[at];
        }
        if (cp == '\n' || cp == '\t')
            psi_buf_putc(&out, ' ');
        else
            psi_buf_put(&out, text + at, i - at);
        chars++;
    }
    if (in_mark)
        psi_buf_puts(&out, close);
    if (i < n)
        psi_buf_puts(&out, "…");
    free(marked);
    return psi_buf_detach(&out);
}
