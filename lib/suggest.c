/* suggest.c: help when nothing matches (ps_suggest). A query that finds fewer than
 * PS_SUGGEST_BELOW clauses gets near queries that find more, each one run to be sure and
 * shown with its count; the query itself is never changed. Three kinds, the first two tried
 * on each word of the query that finds nothing on its own (a word that occurs is no typo, however
 * rare), the third on the whole query:
 *
 * - Spelling (临港新片去 -> 临港新片区). The index keeps Xapian spelling data of the short
 *   words of every paragraph (index.c). Each stretch of two to four characters of the word
 *   is looked up within one edit (Xapian counts edits in Unicode characters, so 去 -> 区 is
 *   one edit, not three bytes), the word is rebuilt around the correction and the query is
 *   run again. Xapian answers with its most frequent candidate only (美古 -> 美丽, never
 *   美谷), so the words of the spelling data one edit from each two-character stretch are
 *   tried too, most frequent first, up to NEAR_PER_WORD searches (东方美古 -> 东方美谷).
 * - Split (人才住房 -> 人才 住房). A word that finds nothing, cut in two where both halves
 *   have two characters or more; the cut whose query finds most wins.
 * - Key words. A sentence-like query (SENTENCE_CHARS characters or more) becomes its two
 *   or three rarest distinctive words (ICU words, generic policy words left out: see
 *   related.c) that still occur together, in the order the query has them.
 */
#include <stdlib.h>
#include <string.h>

#include "xapian-shim.h"

enum {
    SPELL_MIN_CHARS = 2, /* stretches looked up in the spelling data: two to four characters */
    SPELL_MAX_CHARS = 4,
    WORD_MAX_CHARS = 16,   /* longer words are sentences: key words, not spelling or splits */
    SPLIT_MIN_CHARS = 2,   /* each half of a split */
    SENTENCE_CHARS = 10,   /* a query of this many characters may be a sentence */
    KEY_WORDS_KEPT = 3,    /* at most this many key words in a suggestion */
    MAX_WORDS_TRIED = 8,   /* query words looked at */
    MAX_SEARCHES = 200,    /* searches one call may run, counts of the same text run once */
    MAX_CANDIDATES = 256,  /* suggestions considered before the best are kept */
    NEAR_PER_STRETCH = 12, /* spelling words one edit away tried per stretch, most frequent first */
    NEAR_PER_WORD = 24,    /* ... and per query word */
};

struct ps_suggestions {
    ps_suggestion *v;
    size_t n;
    size_t query_total;
};

const char *ps_suggest_kind_name(ps_suggest_kind kind)
{
    switch (kind) {
    case PS_SUGGEST_SPELLING:
        return "spelling";
    case PS_SUGGEST_SPLIT:
        return "split";
    case PS_SUGGEST_KEY_WORDS:
        return "key_words";
    }
    return "?";
}

/* ---- Counting: each text searched once ------------------------------------------------------ */

typedef struct counted {
    char *text;
    size_t total;
    bool exact;
} counted;

typedef struct candidate {
    char *query;
    size_t total;
    bool exact;
    ps_suggest_kind kind;
    const char *from; /* the query word (owned by the ctx's words) or NULL */
} candidate;

/* A positive word of the query and where the query text has it. */
typedef struct qword {
    char *typed;         /* as typed, without quotes */
    size_t start, end;   /* bytes of the word in the query text */
    size_t ostart, oend; /* the same with its quotation marks, if quoted */
    size_t total;        /* clauses the word finds alone */
} qword;

/* A word of the spelling data. */
typedef struct dict_word {
    uint32_t *v; /* code points */
    size_t n;
    size_t freq;
} dict_word;

typedef struct ctx {
    ps_index *ix;
    ps_search base; /* the caller's filters */
    const char *text;
    size_t query_total;
    ps_error *err;
    counted *seen;
    size_t n_seen;
    size_t searches;
    qword *words;
    size_t n_words;
    candidate *cands;
    size_t n_cands;
    dict_word *dict; /* the spelling data, read when first needed */
    size_t n_dict;
    bool dict_read;
} ctx;

/* Clauses 'text' finds under the caller's filters (0 when it does not parse, or when this call
 * has run its share of searches). */
static ps_status count(ctx *c, const char *text, size_t *total, bool *exact)
{
    *total = 0;
    *exact = true;
    for (size_t i = 0; i < c->n_seen; i++)
        if (strcmp(c->seen[i].text, text) == 0) {
            *total = c->seen[i].total;
            *exact = c->seen[i].exact;
            return PS_OK;
        }
    if (c->searches >= MAX_SEARCHES)
        return PS_OK;
    c->searches++;
    ps_query *q = NULL;
    ps_status st = PS_OK;
    if (ps_query_parse(text, &q, NULL) == PS_OK) {
        ps_search s = c->base;
        s.query = q;
        s.offset = 0;
        s.limit = 1;
        ps_hits *h = NULL;
        st = ps_index_search(c->ix, &s, &h, c->err);
        if (st == PS_OK) {
            *total = ps_hits_total(h);
            *exact = ps_hits_total_exact(h);
        }
        ps_hits_free(h);
        ps_query_free(q);
    }
    if (st == PS_OK) {
        c->seen = psi_xrealloc(c->seen, (c->n_seen + 1) * sizeof *c->seen);
        c->seen[c->n_seen++] = (counted){psi_xstrndup(text, strlen(text)), *total, *exact};
    }
    return st;
}

/* Runs 'query' and keeps it as a candidate when it finds more than the query itself. */
static ps_status consider(ctx *c, char *query, ps_suggest_kind kind, const char *from)
{
    size_t total = 0;
    bool exact = true;
    ps_status st = PS_OK;
    bool known = strcmp(query, c->text) == 0;
    for (size_t i = 0; i < c->n_cands && !known; i++)
        known = strcmp(c->cands[i].query, query) == 0;
    if (!known && c->n_cands < MAX_CANDIDATES)
        st = count(c, query, &total, &exact);
    if (known || st != PS_OK || total <= c->query_total) {
        free(query);
        return st;
    }
    c->cands = psi_xrealloc(c->cands, (c->n_cands + 1) * sizeof *c->cands);
    c->cands[c->n_cands++] = (candidate){query, total, exact, kind, from};
    return PS_OK;
}

/* ---- The query's words ----------------------------------------------------------------------- */

/* Where a word of the query begins or ends: the text's ends, white space, quotation marks. */
static bool is_edge_cp(uint32_t cp)
{
    return cp < 0x20 || psi_is_space(cp) || cp == '"' || cp == 0xFF02 || cp == 0x201C ||
           cp == 0x201D || cp == 0x300C || cp == 0x300D;
}

/* Finds 'w' in the query text as a word of its own, at or after 'from'. */
static bool locate(const char *text, const char *w, size_t from, qword *out)
{
    size_t n = strlen(text), wl = strlen(w);
    for (const char *p = strstr(text + from, w); wl && p; p = strstr(p + 1, w)) {
        size_t start = (size_t)(p - text), end = start + wl, b = start, a = end;
        uint32_t before = start > 0 ? psi_utf8_prev(text, &b) : 0;
        uint32_t after = end < n ? psi_utf8_next(text, n, &a) : 0;
        if ((start > 0 && !is_edge_cp(before)) || (end < n && !is_edge_cp(after)))
            continue;
        bool quoted = start > 0 && end < n && before >= 0x20 && after >= 0x20 &&
                      !psi_is_space(before) && !psi_is_space(after);
        out->start = start;
        out->end = end;
        out->ostart = quoted ? b : start;
        out->oend = quoted ? a : end;
        return true;
    }
    return false;
}

/* The query's positive words (psi_query_words also lists the canonical department of a word
 * that names one: left out), each located in the text and counted alone. */
static ps_status collect_words(ctx *c, const ps_query *q)
{
    const char *w[2 * MAX_WORDS_TRIED];
    size_t n = psi_query_words(q, w, 2 * MAX_WORDS_TRIED), from = 0;
    ps_status st = PS_OK;
    for (size_t i = 0; i < n && c->n_words < MAX_WORDS_TRIED && st == PS_OK; i++) {
        if (i > 0 && w[i] == ps_dept_canonical(w[i - 1], strlen(w[i - 1])))
            continue;
        qword qw = {0};
        if (!locate(c->text, w[i], from, &qw) && !locate(c->text, w[i], 0, &qw))
            continue;
        from = qw.oend;
        qw.typed = psi_xstrndup(w[i], strlen(w[i]));
        char *alone = psi_xstrndup(c->text + qw.ostart, qw.oend - qw.ostart);
        bool exact;
        st = count(c, alone, &qw.total, &exact);
        free(alone);
        c->words = psi_xrealloc(c->words, (c->n_words + 1) * sizeof *c->words);
        c->words[c->n_words++] = qw;
    }
    return st;
}

/* The query text with bytes [start, end) replaced by 'with', set off by spaces when 'apart'. */
static char *replaced(const char *text, size_t start, size_t end, const char *with, bool apart)
{
    psi_buf b = {0};
    psi_buf_put(&b, text, start);
    if (apart && start > 0 && text[start - 1] != ' ')
        psi_buf_putc(&b, ' ');
    psi_buf_puts(&b, with);
    if (apart && text[end] && text[end] != ' ')
        psi_buf_putc(&b, ' ');
    psi_buf_puts(&b, text + end);
    return psi_buf_detach(&b);
}

/* A word's normalized code points. */
typedef struct cps {
    uint32_t *v;
    size_t n;
} cps;

static cps decode(const char *s)
{
    size_t n = strlen(s), i = 0;
    cps out = {psi_xcalloc(n + 1, sizeof *out.v), 0};
    while (i < n)
        out.v[out.n++] = psi_utf8_next(s, n, &i);
    return out;
}

static void put_cps(psi_buf *b, const uint32_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char u[4];
        psi_buf_put(b, u, psi_utf8_encode(v[i], u));
    }
}

/* ---- Spelling -------------------------------------------------------------------------------- */

/* Whether [i, j) of the word may be looked up: CJK characters only, or one whole Latin word
 * (the spelling data holds ICU words, which never cut a Latin word). */
static bool lookup_span(const cps *w, size_t i, size_t j)
{
    bool han = true, latin = true;
    for (size_t k = i; k < j; k++) {
        han &= psi_is_han(w->v[k]);
        latin &= psi_is_word_cp(w->v[k]);
    }
    if (han)
        return j - i >= SPELL_MIN_CHARS && j - i <= SPELL_MAX_CHARS;
    return latin && (i == 0 || !psi_is_word_cp(w->v[i - 1])) &&
           (j == w->n || !psi_is_word_cp(w->v[j]));
}

/* Whether a and b are one edit apart: a character changed, added, dropped, or two adjacent
 * characters swapped. */
static bool one_edit(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    if (na == nb) {
        size_t i = 0;
        while (i < na && a[i] == b[i])
            i++;
        if (i == na)
            return false;
        if (i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
            memcmp(a + i + 2, b + i + 2, (na - i - 2) * sizeof *a) == 0)
            return true;
        return memcmp(a + i + 1, b + i + 1, (na - i - 1) * sizeof *a) == 0;
    }
    if (na + 1 == nb)
        return one_edit(b, nb, a, na);
    if (na != nb + 1)
        return false;
    size_t i = 0;
    while (i < nb && a[i] == b[i])
        i++;
    return memcmp(a + i + 1, b + i, (nb - i) * sizeof *a) == 0;
}

static void dict_add(void *ctxp, const char *word, size_t freq)
{
    ctx *c = ctxp;
    c->dict = psi_xrealloc(c->dict, (c->n_dict + 1) * sizeof *c->dict);
    cps w = decode(word);
    c->dict[c->n_dict++] = (dict_word){w.v, w.n, freq};
}

static int by_freq(const void *a, const void *b)
{
    const dict_word *x = *(const dict_word *const *)a, *y = *(const dict_word *const *)b;
    return x->freq != y->freq ? (x->freq > y->freq ? -1 : 1) : 0;
}

/* The query with the word's stretch [i, i + len) replaced by 'fix', considered. */
static ps_status try_fix(ctx *c, const qword *qw, const cps *w, size_t i, size_t len,
                         const uint32_t *fix, size_t fix_n)
{
    psi_buf word = {0};
    put_cps(&word, w->v, i);
    put_cps(&word, fix, fix_n);
    put_cps(&word, w->v + i + len, w->n - i - len);
    ps_status st = consider(c, replaced(c->text, qw->start, qw->end, word.data, false),
                            PS_SUGGEST_SPELLING, qw->typed);
    psi_buf_free(&word);
    return st;
}

/* The spelling data of every shard, read once per call of ps_suggest. */
static ps_status load_dict(ctx *c)
{
    if (c->dict_read)
        return PS_OK;
    c->dict_read = true;
    return psx_spelling_each(c->ix->db, dict_add, c, c->err);
}

/* The word of the spelling data one edit from w, by Xapian's rule (get_spelling_suggestion):
 * the most frequent, the first in byte order on a tie, none when w itself is more frequent.
 * Computed here over the merged data, not by Xapian: its remote backend carries no spelling
 * data, and its candidates depend on how the data is split, so a sharded index would suggest
 * otherwise than one index. NULL when there is none. */
static const dict_word *dict_suggest(const ctx *c, const cps *w)
{
    const dict_word *best = NULL;
    size_t exact = 0;
    for (size_t k = 0; k < c->n_dict; k++) {
        const dict_word *d = &c->dict[k];
        if (d->n == w->n && memcmp(d->v, w->v, w->n * sizeof *w->v) == 0)
            exact = d->freq;
        else if (one_edit(w->v, w->n, d->v, d->n) && (!best || d->freq > best->freq))
            best = d;
    }
    return best && best->freq >= exact ? best : NULL;
}

/* Every word of the spelling data one edit from a two-character stretch of w. */
static ps_status spelling_near(ctx *c, const qword *qw, const cps *w)
{
    ps_status st = load_dict(c);
    const dict_word **near = psi_xcalloc(c->n_dict + 1, sizeof *near);
    size_t tried = 0;
    for (size_t i = 0; i + 2 <= w->n && st == PS_OK && tried < NEAR_PER_WORD; i++) {
        if (!psi_is_han(w->v[i]) || !psi_is_han(w->v[i + 1]))
            continue;
        size_t n = 0;
        for (size_t k = 0; k < c->n_dict; k++)
            if (one_edit(w->v + i, 2, c->dict[k].v, c->dict[k].n))
                near[n++] = &c->dict[k];
        qsort(near, n, sizeof *near, by_freq);
        for (size_t k = 0; k < n && k < NEAR_PER_STRETCH && tried < NEAR_PER_WORD && st == PS_OK;
             k++, tried++)
            st = try_fix(c, qw, w, i, 2, near[k]->v, near[k]->n);
    }
    free(near);
    return st;
}

static ps_status spelling(ctx *c, const qword *qw)
{
    char *norm = ps_normalize(qw->typed);
    cps w = decode(norm);
    ps_status st = PS_OK;
    for (size_t len = w.n; len >= 1 && st == PS_OK && w.n <= WORD_MAX_CHARS; len--) {
        for (size_t i = 0; i + len <= w.n && st == PS_OK; i++) {
            if (!lookup_span(&w, i, i + len))
                continue;
            st = load_dict(c);
            cps part = {w.v + i, len};
            const dict_word *fix = st == PS_OK ? dict_suggest(c, &part) : NULL;
            if (fix)
                st = try_fix(c, qw, &w, i, len, fix->v, fix->n);
        }
    }
    if (st == PS_OK && w.n <= WORD_MAX_CHARS)
        st = spelling_near(c, qw, &w);
    free(w.v);
    free(norm);
    return st;
}

/* ---- Splits -------------------------------------------------------------------------------- */

static ps_status split(ctx *c, const qword *qw)
{
    char *norm = ps_normalize(qw->typed);
    cps w = decode(norm);
    ps_status st = PS_OK;
    bool plain = w.n <= WORD_MAX_CHARS;
    for (size_t k = 0; k < w.n; k++)
        plain &= psi_is_han(w.v[k]) || psi_is_word_cp(w.v[k]);
    char *best = NULL;
    size_t best_total = 0;
    for (size_t k = SPLIT_MIN_CHARS; plain && k + SPLIT_MIN_CHARS <= w.n && st == PS_OK; k++) {
        if (psi_is_word_cp(w.v[k - 1]) && psi_is_word_cp(w.v[k]))
            continue; /* never inside a Latin word or a number */
        psi_buf halves = {0};
        put_cps(&halves, w.v, k);
        psi_buf_putc(&halves, ' ');
        put_cps(&halves, w.v + k, w.n - k);
        char *query = replaced(c->text, qw->ostart, qw->oend, halves.data, true);
        psi_buf_free(&halves);
        size_t total = 0;
        bool exact;
        st = count(c, query, &total, &exact);
        if (st == PS_OK && total > best_total) {
            free(best);
            best = query;
            best_total = total;
        } else {
            free(query);
        }
    }
    if (best && st == PS_OK)
        st = consider(c, best, PS_SUGGEST_SPLIT, qw->typed);
    else
        free(best);
    free(w.v);
    free(norm);
    return st;
}

/* ---- Key words of a sentence ----------------------------------------------------------------- */

typedef struct kw_rank {
    size_t i; /* in the key words, which are in query order */
    size_t total;
} kw_rank;

static int by_rarity(const void *a, const void *b)
{
    const kw_rank *x = a, *y = b;
    if (x->total != y->total)
        return x->total < y->total ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Words of a question that policy texts do not use: never key words. */
static const char *const QUESTION_WORDS[] = {"如何", "怎么",   "怎样", "什么", "哪些",
                                             "哪个", "哪里",   "是否", "为何", "为什么",
                                             "请问", "有没有", "多少"};

/* A key word worth a count: not a question word, and not a term psi_key_words made of two
 * or three words that follow each other (如何解决 from 如何|解决), whose parts are key words
 * themselves. */
static bool key_word_kept(const psi_keyword *kw, size_t n, size_t i)
{
    for (size_t k = 0; k < sizeof QUESTION_WORDS / sizeof *QUESTION_WORDS; k++)
        if (strcmp(kw[i].word, QUESTION_WORDS[k]) == 0)
            return false;
    for (size_t k = 0; k < n; k++)
        if (k != i && strstr(kw[i].word, kw[k].word))
            return false;
    return true;
}

/* The chosen key words, in query order, as a query. */
static char *key_query(const psi_keyword *kw, const bool *chosen, size_t n)
{
    psi_buf b = {0};
    for (size_t i = 0; i < n; i++)
        if (chosen[i])
            psi_buf_printf(&b, "%s%s", b.len ? " " : "", kw[i].word);
    return psi_buf_detach(&b);
}

static ps_status key_words(ctx *c)
{
    psi_buf all = {0};
    for (size_t i = 0; i < c->n_words; i++)
        psi_buf_printf(&all, "%s%s", i ? " " : "", c->words[i].typed);
    char *norm = ps_normalize(all.data ? all.data : "");
    psi_buf_free(&all);
    cps chars = decode(norm);
    size_t letters = 0;
    for (size_t k = 0; k < chars.n; k++)
        letters += psi_is_han(chars.v[k]) || psi_is_word_cp(chars.v[k]);
    free(chars.v);
    free(norm);
    if (letters < SENTENCE_CHARS)
        return PS_OK;
    psi_keyword *kw = NULL;
    psi_buf text = {0};
    for (size_t i = 0; i < c->n_words; i++)
        psi_buf_printf(&text, "%s%s", i ? "，" : "", c->words[i].typed);
    size_t n = psi_key_words(text.data, &kw);
    psi_buf_free(&text);
    ps_status st = PS_OK;
    kw_rank *rank = psi_xcalloc(n + 1, sizeof *rank);
    bool *chosen = psi_xcalloc(n + 1, sizeof *chosen);
    size_t ranked = 0;
    for (size_t i = 0; i < n && n >= 2 && st == PS_OK; i++) {
        if (!key_word_kept(kw, n, i))
            continue;
        size_t total = 0;
        bool exact;
        st = count(c, kw[i].word, &total, &exact);
        if (total > 0)
            rank[ranked++] = (kw_rank){i, total};
    }
    qsort(rank, ranked, sizeof *rank, by_rarity);
    size_t kept = 0;
    for (size_t r = 0; r < ranked && kept < KEY_WORDS_KEPT && st == PS_OK; r++) {
        chosen[rank[r].i] = true;
        char *q = key_query(kw, chosen, n);
        size_t total = 0;
        bool exact;
        st = kept == 0 ? PS_OK : count(c, q, &total, &exact);
        if (kept == 0 || total > 0)
            kept++;
        else
            chosen[rank[r].i] = false;
        free(q);
    }
    if (kept > 0 && st == PS_OK)
        st = consider(c, key_query(kw, chosen, n), PS_SUGGEST_KEY_WORDS, NULL);
    free(chosen);
    free(rank);
    psi_key_words_free(kw, n);
    return st;
}

/* ---- Choosing -------------------------------------------------------------------------------- */

static int by_kind_then_total(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return strcmp(x->query, y->query);
}

/* The best of each kind first, then the rest in order, at most 'max'. A suggestion inside
 * another that finds as many clauses (临港新片 beside 临港新片区) is left out. */
static ps_suggestions *choose(ctx *c, size_t max)
{
    if (c->n_cands) /* qsort's array may not be NULL, even empty */
        qsort(c->cands, c->n_cands, sizeof *c->cands, by_kind_then_total);
    bool *taken = psi_xcalloc(c->n_cands + 1, sizeof *taken);
    for (size_t i = 0; i < c->n_cands; i++)
        for (size_t k = 0; k < c->n_cands && !taken[i]; k++)
            taken[i] = k != i && c->cands[k].total == c->cands[i].total &&
                       strstr(c->cands[k].query, c->cands[i].query);
    size_t *order = psi_xcalloc(c->n_cands + 1, sizeof *order), n = 0;
    for (size_t i = 0; i < c->n_cands; i++)
        if (!taken[i] && (n == 0 || c->cands[i].kind != c->cands[order[n - 1]].kind)) {
            order[n++] = i;
            taken[i] = true;
        }
    for (size_t i = 0; i < c->n_cands; i++)
        if (!taken[i])
            order[n++] = i;
    if (n > max)
        n = max;
    /* keep the kinds in their order: spelling, split, key words */
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0 && order[b] < order[b - 1]; b--) {
            size_t t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    ps_suggestions *sg = psi_xcalloc(1, sizeof *sg);
    sg->query_total = c->query_total;
    sg->v = psi_xcalloc(n + 1, sizeof *sg->v);
    for (size_t k = 0; k < n; k++) {
        candidate *cd = &c->cands[order[k]];
        sg->v[sg->n++] =
            (ps_suggestion){cd->query, cd->total, cd->exact, cd->kind,
                            cd->from ? psi_xstrndup(cd->from, strlen(cd->from)) : NULL};
        cd->query = NULL; /* now the suggestion's */
    }
    free(order);
    free(taken);
    return sg;
}

ps_status ps_suggest(ps_index *ix, const ps_search *s, const char *query_text, size_t max,
                     ps_suggestions **out, ps_error *err)
{
    *out = NULL;
    ps_query *q = NULL;
    ps_status st = ps_query_parse(query_text, &q, err);
    if (st != PS_OK)
        return st;
    ctx c = {.ix = ix, .text = query_text, .err = err};
    if (s)
        c.base = *s;
    bool exact;
    st = count(&c, query_text, &c.query_total, &exact);
    if (st == PS_OK && c.query_total < PS_SUGGEST_BELOW && max > 0) {
        st = collect_words(&c, q);
        /* A word that occurs is no typo, however rare (储能 is not 智能 misspelled). */
        for (size_t i = 0; i < c.n_words && st == PS_OK; i++)
            if (c.words[i].total == 0)
                st = spelling(&c, &c.words[i]);
        for (size_t i = 0; i < c.n_words && st == PS_OK; i++)
            if (c.words[i].total == 0)
                st = split(&c, &c.words[i]);
        if (st == PS_OK)
            st = key_words(&c);
    }
    if (st == PS_OK)
        *out = choose(&c, max);
    for (size_t i = 0; i < c.n_cands; i++)
        free(c.cands[i].query);
    free(c.cands);
    for (size_t i = 0; i < c.n_words; i++)
        free(c.words[i].typed);
    free(c.words);
    for (size_t i = 0; i < c.n_seen; i++)
        free(c.seen[i].text);
    free(c.seen);
    for (size_t i = 0; i < c.n_dict; i++)
        free(c.dict[i].v);
    free(c.dict);
    ps_query_free(q);
    return st;
}

size_t ps_suggestions_count(const ps_suggestions *sg)
{
    return sg ? sg->n : 0;
}

const ps_suggestion *ps_suggestions_get(const ps_suggestions *sg, size_t i)
{
    return sg && i < sg->n ? &sg->v[i] : NULL;
}

size_t ps_suggestions_query_total(const ps_suggestions *sg)
{
    return sg ? sg->query_total : 0;
}

void ps_suggestions_free(ps_suggestions *sg)
{
    if (!sg)
        return;
    for (size_t i = 0; i < sg->n; i++) {
        free((char *)sg->v[i].query);
        free((char *)sg->v[i].from);
    }
    free(sg->v);
    free(sg);
}
