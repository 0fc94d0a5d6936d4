/* norm.c: the one normalization both sides of a search go through.
 *
 * Per character: NFKC with case folding (ICU's nfkc_cf: full-width ＲＥＩＴｓ -> reits, ㈠ ->
 * (一)), then traditional -> simplified with ICU's "Traditional-Simplified" transform (養老 ->
 * 养老), then white space dropped (line wraps, stray spaces in PDF text) while remembering where
 * it was, so Latin words stay apart. Working per character keeps a map from every normalized
 * character back to its source bytes, which the snippet highlighter needs.
 * Results are cached per BMP code point: each distinct character goes through ICU once. */
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>

#include "ps-private.h"

typedef struct folded {
    uint8_t n; /* 0: not computed yet; else 1 + number of code points */
    uint32_t cp[3];
} folded;

static folded cache[0x10000];
static const UNormalizer2 *nfkc_cf;
static UTransliterator *t2s;
static bool icu_ready, t2s_failed;

static void icu_init(void)
{
    UErrorCode st = U_ZERO_ERROR;
    nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
    if (U_FAILURE(st))
        nfkc_cf = NULL;
    icu_ready = true;
}

/* Opened on first need: a query of ASCII alone never pays for loading the transform. */
static UTransliterator *get_t2s(void)
{
    if (!t2s && !t2s_failed) {
        UErrorCode st = U_ZERO_ERROR;
        static const UChar id[] = {'T', 'r', 'a', 'd', 'i', 't', 'i', 'o', 'n', 'a', 'l', '-',
                                   'S', 'i', 'm', 'p', 'l', 'i', 'f', 'i', 'e', 'd', 0};
        t2s = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
        if (U_FAILURE(st)) {
            t2s = NULL;
            t2s_failed = true;
        }
    }
    return t2s;
}

static size_t to_utf16(uint32_t cp, UChar *out)
{
    if (cp < 0x10000) {
        out[0] = (UChar)cp;
        return 1;
    }
    cp -= 0x10000;
    out[0] = (UChar)(0xD800 + (cp >> 10));
    out[1] = (UChar)(0xDC00 + (cp & 0x3FF));
    return 2;
}

/* Decodes UTF-16 into at most 'max' code points; returns how many. */
static size_t from_utf16(const UChar *s, int32_t n, uint32_t *out, size_t max)
{
    size_t o = 0;
    for (int32_t i = 0; i < n && o < max; i++) {
        uint32_t c = s[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n)
            c = 0x10000 + ((c - 0xD800) << 10) + (s[++i] - 0xDC00);
        out[o++] = c;
    }
    return o;
}

/* Folds one code point; returns the number of code points written to out (at most 8). */
static size_t fold_uncached(uint32_t cp, uint32_t *out)
{
    UChar src[4], buf[32];
    int32_t len = (int32_t)to_utf16(cp, src);
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = nfkc_cf ? unorm2_normalize(nfkc_cf, src, len, buf, 16, &st) : 0;
    if (!nfkc_cf || U_FAILURE(st)) {
        memcpy(buf, src, (size_t)len * sizeof *src);
        n = len;
    }
    bool han = false;
    for (int32_t i = 0; i < n; i++)
        han |= psi_is_han(buf[i]) || (buf[i] >= 0xD800 && buf[i] <= 0xDBFF);
    UTransliterator *t = han ? get_t2s() : NULL;
    if (t) {
        int32_t limit = n;
        st = U_ZERO_ERROR;
        utrans_transUChars(t, buf, &n, 32, 0, &limit, &st);
        if (U_FAILURE(st))
            n = len;
    }
    return from_utf16(buf, n, out, 8);
}

static size_t fold(uint32_t cp, uint32_t *out)
{
    if (cp < 0x80) {
        out[0] = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
        return 1;
    }
    if (!icu_ready)
        icu_init();
    if (cp < 0x10000 && cache[cp].n) {
        memcpy(out, cache[cp].cp, (cache[cp].n - 1u) * sizeof *out);
        return cache[cp].n - 1u;
    }
    size_t n = fold_uncached(cp, out);
    if (cp < 0x10000 && n <= 3) {
        cache[cp].n = (uint8_t)(n + 1);
        memcpy(cache[cp].cp, out, n * sizeof *out);
    }
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
