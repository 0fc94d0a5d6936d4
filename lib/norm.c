/* norm.c: the one normalization both sides of a search go through.
 *
 * Per character: NFKC with case folding (ICU's nfkc_cf: full-width ＲＥＩＴｓ -> reits, ㈠ ->
 * (一)), then traditional -> simplified with ICU's "Traditional-Simplified" transform (養老 ->
 * 养老), then white space dropped (line wraps, stray spaces in PDF text) while remembering where
 * it was, so Latin words stay apart. Working per character keeps a map from every normalized
 * character back to its source bytes, which the snippet highlighter needs.
 * Both ICU steps are tabulated at build time by tools/gen-fold.c (every code point through
 * ICU once): loading the transform's rules at run time cost ~25 ms per process. */
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

/* From the generated fold-table.c: keys[i] folds to pool[offsets[i] .. offsets[i + 1]). */
extern const size_t psi_fold_count;
extern const uint32_t psi_fold_keys[], psi_fold_offsets[], psi_fold_pool[];

/* Folds one code point; returns the number of code points written to out (at most 8). */
static size_t fold(uint32_t cp, uint32_t *out)
{
    if (cp < 0x80) {
        out[0] = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
        return 1;
    }
    size_t lo = 0, hi = psi_fold_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (psi_fold_keys[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == psi_fold_count || psi_fold_keys[lo] != cp) {
        out[0] = cp;
        return 1;
    }
    size_t n = psi_fold_offsets[lo + 1] - psi_fold_offsets[lo];
    if (n > 8)
        n = 8;
    memcpy(out, psi_fold_pool + psi_fold_offsets[lo], n * sizeof *out);
    return n;
}

static void norm_push(psi_norm *nm, uint32_t cp, size_t src, size_t src_end, bool space)
{
    if (nm->n == nm->cap) {
        nm->cap = nm->cap ? nm->cap * 2 : 256;
        nm->cp = psi_xrealloc(nm->cp, nm->cap * sizeof *nm->cp);
        nm->src = psi_xrealloc(nm->src, nm->cap * sizeof *nm->src);
        nm->src_end = psi_xrealloc(nm->src_end, nm->cap * sizeof *nm->src_end);
        nm->space_before = psi_xrealloc(nm->space_before, nm->cap * sizeof *nm->space_before);
    }
    nm->cp[nm->n] = cp;
    nm->src[nm->n] = src;
    nm->src_end[nm->n] = src_end;
    nm->space_before[nm->n] = space;
    nm->n++;
}

ps_status psi_normalize(const char *s, size_t n_bytes, psi_norm *out, ps_error *err)
{
    (void)err;
    out->n = 0;
    bool space = false;
    for (size_t i = 0; i < n_bytes;) {
        size_t start = i;
        uint32_t cp = psi_utf8_next(s, n_bytes, &i);
        if (psi_is_space(cp)) {
            space = true;
            continue;
        }
        uint32_t f[8];
        size_t nf = fold(cp, f);
        for (size_t k = 0; k < nf; k++) {
            if (psi_is_space(f[k])) {
                space = true;
                continue;
            }
            norm_push(out, f[k], start, i, space);
            space = false;
        }
    }
    return PS_OK;
}

void psi_norm_free(psi_norm *nm)
{
    free(nm->cp);
    free(nm->src);
    free(nm->src_end);
    free(nm->space_before);
    memset(nm, 0, sizeof *nm);
}

char *psi_normalize_str(const char *s, size_t n_bytes)
{
    psi_norm nm = {0};
    psi_normalize(s, n_bytes, &nm, NULL);
    char *out = psi_xmalloc(nm.n * 4 + 1);
    size_t o = 0;
    for (size_t i = 0; i < nm.n; i++)
        o += psi_utf8_encode(nm.cp[i], out + o);
    out[o] = '\0';
    psi_norm_free(&nm);
    return out;
}

char *ps_normalize(const char *s)
{
    return psi_normalize_str(s, strlen(s));
}
