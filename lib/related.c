/* related.c: the words that say what a clause is about, for related-clause search.
 * ICU's dictionary-based word segmentation cuts the clause into words; words of two or more CJK
 * characters and Latin words are kept, minus the generic words of policy prose listed in
 * data/generic-words.txt (加快, 推进, 建设 …), which would otherwise make every clause look like
 * every other. Bigrams alone cannot do this: the rarest bigrams of a clause are the ones that
 * straddle two words (新城|交通 gives 城交), which say nothing. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "ps-private.h"

extern const char ps_generic_words_txt[];

static char **generic;
static size_t n_generic;

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load(void)
{
    const char *s = ps_generic_words_txt;
    size_t cap = 0;
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (len > 0 && s[0] != '#') {
            if (n_generic == cap)
                generic = psi_xrealloc(generic, (cap = cap ? cap * 2 : 128) * sizeof *generic);
            generic[n_generic++] = psi_normalize_str(s, len);
        }
        s += len + (nl ? 1 : 0);
    }
    qsort(generic, n_generic, sizeof *generic, cmp);
}

static bool is_generic(const char *normalized)
{
    if (!generic)
        load();
    return bsearch(&normalized, generic, n_generic, sizeof *generic, cmp) != NULL;
}

/* A word worth matching: two or more CJK characters, or Latin letters (with digits). */
static bool word_shape(const char *w)
{
    size_t n = strlen(w), i = 0, han = 0, chars = 0;
    bool letter = false, other = false;
    while (i < n) {
        uint32_t cp = psi_utf8_next(w, n, &i);
        han += psi_is_han(cp);
        letter |= cp >= 'a' && cp <= 'z';
        other |= !psi_is_han(cp) && !(cp >= 'a' && cp <= 'z') && !(cp >= '0' && cp <= '9');
        chars++;
    }
    return !other && ((han >= 2 && han == chars) || (han == 0 && letter && chars >= 2));
}

static void add_word(psi_keyword **v, size_t *n, char *w)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i].word, w) == 0) {
            (*v)[i].count++;
            free(w);
            return;
        }
    *v = psi_xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[*n].word = w;
    (*v)[*n].count = 1;
    (*n)++;
}

size_t psi_key_words(const char *text, psi_keyword **out)
{
    *out = NULL;
    size_t n_out = 0;
    char *norm = psi_normalize_str(text, strlen(text));
    UErrorCode st = U_ZERO_ERROR;
    int32_t len16 = 0;
    u_strFromUTF8(NULL, 0, &len16, norm, -1, &st);
    st = U_ZERO_ERROR;
    UChar *u = psi_xmalloc(((size_t)len16 + 1) * sizeof *u);
    u_strFromUTF8(u, len16 + 1, NULL, norm, -1, &st);
    UBreakIterator *bi = U_SUCCESS(st) ? ubrk_open(UBRK_WORD, "zh", u, len16, &st) : NULL;
    if (bi && U_SUCCESS(st)) {
        for (int32_t start = ubrk_first(bi), end = ubrk_next(bi); end != UBRK_DONE;
             start = end, end = ubrk_next(bi)) {
            char w[256];
            int32_t wlen = 0;
            UErrorCode e = U_ZERO_ERROR;
            u_strToUTF8(w, sizeof w, &wlen, u + start, end - start, &e);
            if (U_FAILURE(e) || wlen <= 0 || wlen >= (int32_t)sizeof w)
                continue;
            w[wlen] = '\0';
            if (word_shape(w) && !is_generic(w))
                add_word(out, &n_out, psi_xstrndup(w, (size_t)wlen));
        }
    }
    if (bi)
        ubrk_close(bi);
    free(u);
    free(norm);
    return n_out;
}

void psi_key_words_free(psi_keyword *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].word);
    free(v);
}

char *psi_record_field(const char *json, const char *field)
{
    json_t *o = json_loads(json, 0, NULL);
    const char *s = o ? json_string_value(json_object_get(o, field)) : NULL;
    char *r = s ? psi_xstrndup(s, strlen(s)) : NULL;
    json_decref(o);
    return r;
}
