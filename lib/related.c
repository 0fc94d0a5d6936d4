/* related.c: the words that say what a clause is about, for related-clause search.
 * ICU's dictionary-based word segmentation cuts the clause into words; words of two or more CJK
 * characters and Latin words are kept, minus the generic words of policy prose listed in
 * data/generic-words.txt (加快, 推进, 建设 …), which would otherwise make every clause look like
 * every other. Bigrams alone cannot do this: the rarest bigrams of a clause are the ones that
 * straddle two words (新城|交通 gives 城交), which say nothing. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "xapian-shim.h"

extern const char ps_generic_words_txt[];

static char **generic;
static size_t n_generic;
static pthread_once_t generic_once = PTHREAD_ONCE_INIT;

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
    pthread_once(&generic_once, load);
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
        letter |= psi_is_word_cp(cp) && !(cp >= '0' && cp <= '9');
        other |= !psi_is_han(cp) && !psi_is_word_cp(cp);
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

/* ---- Related clauses ------------------------------------------------------------------------- */

/* Clauses of the clause's own document, and whole-clause copies: never related results. */
static psq_node *others_node(const char *file)
{
    psq_node *n = psq_new(PSQ_OR);
    psq_add(n, psq_term("", PSI_TERM_WHOLE, strlen(PSI_TERM_WHOLE)));
    psq_add(n, psq_term(PSI_PREFIX_FILE, file, strlen(file)));
    return n;
}

static psq_node *and_not(psq_node *a, psq_node *b)
{
    psq_node *n = psq_new(PSQ_AND_NOT);
    psq_add(n, a);
    psq_add(n, b);
    return n;
}

/* The stored record with this id, read into 'a'; PS_ERR_NOT_FOUND when there is none. */
static ps_status record_by_id(ps_index *ix, const char *id, ps_hits **out, ps_error *err)
{
    char *term = psi_id_term(id);
    psq_node *tree = psq_term("", term, strlen(term));
    free(term);
    psx_run how = {0, 1, 0, false, -1, PSI_SLOT_ORDER};
    psx_page page;
    ps_status st = psx_query(ix->db, tree, &how, &page, err);
    psq_free(tree);
    if (st != PS_OK)
        return st;
    *out = psi_hits_new();
    if (page.n == 0)
        st = psi_fail(err, PS_ERR_NOT_FOUND, "%s: no clause with this id", id);
    else
        st = psi_hits_add(*out, page.v[0].data, 0, NULL, err);
    psx_page_free(&page);
    return st;
}

typedef struct ranked_word {
    double weight;
    size_t i; /* index in the key words */
} ranked_word;

static int by_weight(const void *a, const void *b)
{
    const ranked_word *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return x->i < y->i ? 1 : x->i > y->i ? -1 : 0; /* as std::greater on (weight, i) did */
}

/* Key words weighted by uses in the clause x inverse clause frequency among other documents;
 * words no other clause has relate it to nothing. Returns how many, most telling first. */
static ps_status rank_words(ps_index *ix, const char *file, const psi_keyword *words, size_t n,
                            ranked_word *out, size_t *n_out, ps_error *err)
{
    size_t n_docs = 0;
    ps_status st = psx_doccount(ix->db, &n_docs, err);
    *n_out = 0;
    for (size_t i = 0; i < n && st == PS_OK; i++) {
        psq_node *word = psi_word_node("", words[i].word);
        if (!word)
            continue;
        psq_node *tree = and_not(word, others_node(file));
        psx_run count = {0, 0, 0, false, -1, PSI_SLOT_ORDER};
        psx_page page;
        st = psx_query(ix->db, tree, &count, &page, err);
        psq_free(tree);
        if (st != PS_OK)
            break;
        if (page.total > 0)
            out[(*n_out)++] = (ranked_word){words[i].count * log((double)n_docs / page.total), i};
        psx_page_free(&page);
    }
    qsort(out, *n_out, sizeof *out, by_weight);
    return st;
}

ps_status ps_index_related(ps_index *ix, const char *id, size_t limit, ps_hits **out, ps_error *err)
{
    enum { KEY_WORDS = 12, SHOWN_WORDS = 6 };
    *out = NULL;
    ps_hits *self = NULL;
    ps_status st = record_by_id(ix, id, &self, err);
    if (st != PS_OK) {
        ps_hits_free(self);
        return st;
    }
    const ps_hit *clause = ps_hits_get(self, 0);
    psi_keyword *words = NULL;
    size_t n_words = psi_key_words(clause->record->text, &words), n_ranked = 0;
    ranked_word *ranked = psi_xcalloc(n_words + 1, sizeof *ranked);
    st = rank_words(ix, clause->doc->file, words, n_words, ranked, &n_ranked, err);
    if (n_ranked > KEY_WORDS)
        n_ranked = KEY_WORDS;
    /* BM25 already weighs rarity; scale each word by how much the clause uses it. */
    psq_node *any = psq_new(PSQ_OR);
    for (size_t k = 0; k < n_ranked; k++) {
        psq_node *w = psi_word_node("", words[ranked[k].i].word);
        w->scale *= words[ranked[k].i].count;
        psq_add(any, w);
    }
    psq_node *tree = and_not(any, others_node(clause->doc->file));
    psx_run how = {0, limit, 0, true, PSI_SLOT_CLAUSE, PSI_SLOT_ORDER};
    psx_page page = {0};
    if (st == PS_OK)
        st = psx_query(ix->db, tree, &how, &page, err);
    psq_free(tree);
    ps_hits *h = psi_hits_new();
    psi_hits_set_total(h, page.total, page.total_exact);
    for (size_t i = 0; i < page.n && st == PS_OK; i++) {
        st = psi_hits_add(h, page.v[i].data, page.v[i].weight, NULL, err);
        if (st != PS_OK)
            break;
        char *norm = ps_normalize(ps_hits_get(h, i)->record->text);
        psi_buf shared = {0};
        for (size_t k = 0, shown = 0; k < n_ranked && shown < SHOWN_WORDS; k++)
            if (strstr(norm, words[ranked[k].i].word)) /* most telling first */
                psi_buf_printf(&shared, "%s%s", shown++ ? "、" : "", words[ranked[k].i].word);
        if (shared.len)
            psi_hits_set_shared(h, i, shared.data);
        psi_buf_free(&shared);
        free(norm);
    }
    psx_page_free(&page);
    free(ranked);
    psi_key_words_free(words, n_words);
    ps_hits_free(self);
    if (st != PS_OK) {
        ps_hits_free(h);
        return st;
    }
    *out = h;
    return PS_OK;
}
