/* related.c: related-clause search (policy-search --related ID): the clauses of other documents
 * most like one clause, with the words they share, most telling first.
 *
 * Key words. ICU's dictionary-based word segmentation cuts the clause into words; words of two
 * or more CJK characters and Latin words are kept. Words ICU does not know come out as single
 * characters (战略|预|留|区); a run of two or more of them, up to a character that is grammar
 * (的, 及, 在 …), is read as one word (预留区). Two or three words that follow each other
 * directly are also one term (战略+预留区: 战略预留区, 新型+基础+设施: 新型基础设施), so a clause
 * that shares the phrase ranks above one that has the words apart. The department names of the
 * clause's tags are left out: a shared 市财政局 says who does a measure, not what it is about.
 * Bigrams alone cannot do this: the rarest bigrams of a clause are the ones that straddle two
 * words (新城|交通 gives 城交), which say nothing.
 *
 * Generic words. The words of policy prose that would make every clause look like every other
 * are generic: those listed in data/generic-words.txt (加快, 推进, 建设 …), always, and those
 * the index shows to be in most of its documents (低于, 享受, 给予 in the corpus): see
 * generic_from() for the rule, counted per document (file), not per clause. A generic word
 * the clause itself repeats (REPEATED times or more, like 新城 in a measure on the 新城) is what
 * the clause is about, and stays. Other generic words are never searched for, shown or scored.
 *
 * Ranking. See rank_words() for what a key word weighs (its rarity among clauses, squared;
 * more for a phrase; its uses in the clause) and score_candidates() for how a clause of another
 * document scores: BM25 over the key words it shares, more for sharing several, more for
 * sharing the clause's topic. A clause sharing two distinctive words beats one sharing a word
 * that fills many clauses (新城 is in 56 of the corpus's 580 records outside its own document;
 * 战略预留区 in 2). */
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

/* In the hand list of data/generic-words.txt. */
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

/* Characters that, standing alone, are grammar, quantity or date rather than content: they end
 * a run of single characters instead of joining it (在|新城|范围|内 has no word 内). */
static const char FUNCTION_CHARS[] = "的地得了着过和与及或并且而但在于为对向从自由把被将以其之所"
                                     "可能会应要使让给到至也都还又再就才更最很不没未非是有无按"
                                     "各该此每某个项条次家第年月日时万亿元后前中内外上下等如若即";

/* One CJK character that may start or continue a run: a word ICU does not know. */
static bool content_char(const char *w)
{
    size_t n = strlen(w), i = 0;
    uint32_t cp = psi_utf8_next(w, n, &i);
    if (i != n || !psi_is_han(cp))
        return false;
    return strstr(FUNCTION_CHARS, w) == NULL;
}

enum { TERM_WORDS = 3 }; /* longest run of words taken as one term */

/* The word cut: the words and terms of a text already normalized. */
typedef struct cutter {
    psi_keyword *out;
    unsigned *parts; /* per word: how many words it joins */
    size_t n_out, cap;
    size_t *slot; /* open addressing over 'out': index + 1, 0 when empty */
    size_t n_slots;
    psi_buf run;                /* single characters read so far */
    size_t chars;               /* in 'run' */
    char *prev[TERM_WORDS - 1]; /* the words just before, latest first, with nothing between */
    size_t n_prev;
} cutter;

/* Counts a use of w (a word, or a term of n_parts words): a clause has hundreds, so they are
 * found by hash, not by scanning. */
static void add_word(cutter *c, const char *w, unsigned n_parts)
{
    if (2 * (c->n_out + 1) > c->n_slots) { /* grow and rehash */
        size_t n = c->n_slots ? c->n_slots * 2 : 64;
        free(c->slot);
        c->slot = psi_xcalloc(n, sizeof *c->slot);
        c->n_slots = n;
        for (size_t i = 0; i < c->n_out; i++) {
            size_t h = ps_content_hash(c->out[i].word, strlen(c->out[i].word)) & (n - 1);
            while (c->slot[h])
                h = (h + 1) & (n - 1);
            c->slot[h] = i + 1;
        }
    }
    size_t h = ps_content_hash(w, strlen(w)) & (c->n_slots - 1);
    for (; c->slot[h]; h = (h + 1) & (c->n_slots - 1))
        if (strcmp(c->out[c->slot[h] - 1].word, w) == 0) {
            c->out[c->slot[h] - 1].count++;
            return;
        }
    if (c->n_out == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->out = psi_xrealloc(c->out, c->cap * sizeof *c->out);
        c->parts = psi_xrealloc(c->parts, c->cap * sizeof *c->parts);
    }
    c->out[c->n_out] = (psi_keyword){psi_xstrndup(w, strlen(w)), 1};
    c->parts[c->n_out] = n_parts;
    c->slot[h] = ++c->n_out;
}

/* Ends the flow of words: what follows is not adjacent to what came before. */
static void cut_break(cutter *c)
{
    for (size_t i = 0; i < c->n_prev; i++)
        free(c->prev[i]);
    c->n_prev = 0;
}

/* A word: itself, and with the words just before it as terms of two and three words. A generic
 * word is neither, and ends the flow (推进|交通 and 加强|新城 say nothing together). */
static void cut_word(cutter *c, const char *w)
{
    if (is_generic(w)) {
        cut_break(c);
        return;
    }
    add_word(c, w, 1);
    psi_buf term = {0};
    psi_buf_puts(&term, w);
    for (size_t k = 0; k < c->n_prev; k++) {
        psi_buf longer = {0};
        psi_buf_printf(&longer, "%s%s", c->prev[k], term.data);
        psi_buf_free(&term);
        term = longer;
        if (!is_generic(term.data))
            add_word(c, term.data, (unsigned)k + 2);
    }
    psi_buf_free(&term);
    if (c->n_prev == TERM_WORDS - 1)
        free(c->prev[--c->n_prev]);
    memmove(&c->prev[1], &c->prev[0], c->n_prev * sizeof *c->prev);
    c->prev[0] = psi_xstrndup(w, strlen(w));
    c->n_prev++;
}

/* A run of single characters ends: two or more make a word, one alone is a break. */
static void cut_flush(cutter *c)
{
    if (c->chars >= 2)
        cut_word(c, c->run.data);
    else if (c->chars == 1)
        cut_break(c);
    psi_buf_clear(&c->run);
    c->chars = 0;
}

/* The key words and terms of a normalized text, with their uses; (*parts)[i] (the caller frees
 * it, unless 'parts' is NULL) is how many words key word i joins. */
static size_t key_words_norm(const char *norm, psi_keyword **out, unsigned **parts)
{
    cutter c = {0};
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
            if (U_FAILURE(e) || wlen <= 0 || wlen >= (int32_t)sizeof w) {
                cut_flush(&c);
                cut_break(&c);
                continue;
            }
            w[wlen] = '\0';
            if (content_char(w)) {
                psi_buf_puts(&c.run, w);
                c.chars++;
                continue;
            }
            cut_flush(&c);
            if (word_shape(w))
                cut_word(&c, w);
            else
                cut_break(&c);
        }
        cut_flush(&c);
    }
    if (bi)
        ubrk_close(bi);
    cut_break(&c);
    psi_buf_free(&c.run);
    free(c.slot);
    free(u);
    *out = c.out;
    if (parts)
        *parts = c.parts;
    else
        free(c.parts);
    return c.n_out;
}

size_t psi_key_words(const char *text, psi_keyword **out)
{
    char *norm = psi_normalize_str(text, strlen(text));
    size_t n = key_words_norm(norm, out, NULL);
    free(norm);
    return n;
}

void psi_key_words_free(psi_keyword *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].word);
    free(v);
}

/* The normalized text of a record without the names of its departments: each is blanked, so
 * it neither counts nor joins the words on either side. The caller frees. */
static char *content_text(const ps_record *r)
{
    char *norm = psi_normalize_str(r->text, strlen(r->text));
    for (size_t i = 0; i < r->n_departments; i++) {
        const char *names[2] = {r->departments[i].written, r->departments[i].name};
        for (size_t k = 0; k < 2; k++) {
            if (!names[k] || !*names[k])
                continue;
            char *name = psi_normalize_str(names[k], strlen(names[k]));
            size_t len = strlen(name);
            for (char *p = len ? strstr(norm, name) : NULL; p; p = strstr(p + len, name))
                memset(p, ' ', len);
            free(name);
        }
    }
    return norm;
}

/* ---- How many documents have a word ---------------------------------------------------------- */

/* The fewest documents, of 'n_files', that make a word generic: more than half of them, and at
 * least GENERIC_MIN_DOCS. "Most documents" needs both: with 5 documents indexed, a word in 3 may
 * just be the topic two of them share (战略预留区 is in 3 of the 5 here), while one in 4 or 5 is
 * the language of policy (低于 and 给予 are in 4, 享受 in all 5); with fewer than 4 documents, no
 * spread tells prose from topic, and only the hand list holds. 6 of 10, 51 of 100. Returns
 * n_files + 1 when no count does. */
static size_t generic_from(size_t n_files)
{
    enum { GENERIC_MIN_DOCS = 4 };
    size_t most = n_files / 2 + 1;
    return most < GENERIC_MIN_DOCS ? GENERIC_MIN_DOCS : most;
}

static void count_file(void *ctx, const char *term, size_t n_docs)
{
    (void)term;
    (void)n_docs;
    (*(size_t *)ctx)++;
}

/* The file a stored record belongs to, copied; NULL when the record is damaged. */
static char *file_of(const char *data)
{
    psi_arena *a = psi_arena_new();
    ps_record r;
    ps_doc_meta m;
    char *out =
        psi_record_read(data, a, &r, &m) && m.file ? psi_xstrndup(m.file, strlen(m.file)) : NULL;
    psi_arena_free(a);
    return out;
}

typedef struct file_set {
    char **v;
    size_t n;
} file_set;

static bool file_set_add(file_set *s, char *f)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], f) == 0) {
            free(f);
            return false;
        }
    s->v = psi_xrealloc(s->v, (s->n + 1) * sizeof *s->v);
    s->v[s->n++] = f;
    return true;
}

static void file_set_free(file_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
}

/* How many documents have the word, counted up to 'enough' (then *df == enough). Matches come
 * in document order, a page at a time; each page leaves out the documents already seen, so a
 * word spread over many clauses of a few documents costs a page, and one over many documents a
 * page per COUNT_PAGE clauses of new documents. */
static ps_status count_documents(ps_index *ix, const char *word, size_t enough, size_t *df,
                                 ps_error *err)
{
    enum { COUNT_PAGE = 500 };
    file_set seen = {0};
    ps_status st = PS_OK;
    while (seen.n < enough) {
        psq_node *w = psi_word_node("", word);
        if (!w)
            break;
        psq_node *tree = psq_new(PSQ_AND_NOT);
        psq_add(tree, w);
        psq_add(tree, psq_term("", PSI_TERM_WHOLE, strlen(PSI_TERM_WHOLE)));
        for (size_t i = 0; i < seen.n; i++)
            psq_add(tree, psq_term(PSI_PREFIX_FILE, seen.v[i], strlen(seen.v[i])));
        psx_run how = {.limit = COUNT_PAGE, .collapse_slot = -1, .sort_slot = PSI_SLOT_ORDER};
        psx_page page;
        st = psi_query(ix, tree, &how, &page, err);
        psq_free(tree);
        if (st != PS_OK)
            break;
        size_t added = 0;
        for (size_t i = 0; i < page.n && seen.n < enough; i++) {
            char *f = file_of(page.v[i].data);
            if (!f) {
                st = psi_fail(err, PS_ERR_DB, "index: a stored record is damaged; re-index");
                break;
            }
            added += file_set_add(&seen, f);
        }
        bool last = page.n < COUNT_PAGE;
        psx_page_free(&page);
        if (st != PS_OK || last || added == 0)
            break;
    }
    *df = seen.n;
    file_set_free(&seen);
    return st;
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

enum {
    REPEATED = 3,   /* uses that make a word the clause's topic (and keep it if generic) */
    KEY_WORDS = 24, /* most telling key words searched for */
    SHOWN_WORDS = 6 /* shared words shown per result */
};

typedef struct key_word {
    const char *word; /* normalized; owned by the psi_keyword list */
    double telling;   /* what one shared use says: rarity squared, doubled for a term */
    double weight;    /* 'telling' times the uses in the clause */
    double scale;     /* 'weight' over the rarity Xapian's own BM25 gives */
    unsigned words;   /* how many words it joins */
    unsigned uses;    /* in the clause */
    size_t i;         /* index in the key words, for a stable order */
} key_word;

static int by_weight(const void *a, const void *b)
{
    const key_word *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return x->i < y->i ? -1 : x->i > y->i ? 1 : 0;
}

/* How many clauses of other documents have the word. */
static ps_status count_clauses(ps_index *ix, const char *file, const char *word, size_t *n,
                               ps_error *err)
{
    *n = 0;
    psq_node *w = psi_word_node("", word);
    if (!w)
        return PS_OK;
    psq_node *tree = and_not(w, others_node(file));
    psx_run count = {.limit = 0, .collapse_slot = -1, .sort_slot = PSI_SLOT_ORDER};
    psx_page page;
    ps_status st = psi_query(ix, tree, &count, &page, err);
    psq_free(tree);
    if (st == PS_OK)
        *n = page.total;
    psx_page_free(&page);
    return st;
}

/* The key words worth searching for, by weight. A word counts when another document has it
 * and it is not generic, or the clause repeats it. A term may hold a generic word (战略 in
 * 战略预留区): the phrase is rare where the word is not.
 * Document counts decide that much; how much a word weighs comes from the clauses, where the counts
 * are large enough to mean something (with 5 documents, a word in 2 or in 3 of them is chance, and
 * one in 3, like 战略预留区, is what links them). Its weight is the product of
 *   - its rarity among the clauses of other documents, log(records / clauses with it), squared:
 *     it weighs the word on the clause's side and again on the candidate's, as the cosine of two
 *     tf-idf vectors does; 战略预留区 in 2 clauses then outweighs 储备 and 收入 in a dozen each;
 *   - 2 for a term of two or three words: a shared phrase is a shared concept (用地指标), not
 *     two words that met by chance;
 *   - its uses in the clause. */
static ps_status rank_words(ps_index *ix, const char *file, const psi_keyword *words,
                            const unsigned *parts, size_t n, key_word *out, size_t *n_out,
                            ps_error *err)
{
    size_t n_files = 0, n_records = 0;
    ps_status st = psx_terms_each(ix->db, PSI_PREFIX_FILE, count_file, &n_files, err);
    if (st == PS_OK)
        st = psx_doccount(ix->db, &n_records, err);
    size_t common = generic_from(n_files);
    *n_out = 0;
    for (size_t i = 0; i < n && st == PS_OK; i++) {
        size_t df = 0, cf = 0;
        st = count_documents(ix, words[i].word, common, &df, err);
        if (st != PS_OK || df < 2) /* only its own document: relates it to nothing */
            continue;
        if (df >= common && words[i].count < REPEATED)
            continue;
        st = count_clauses(ix, file, words[i].word, &cf, err);
        if (st != PS_OK || cf == 0)
            continue;
        double rarity = log((double)(n_records > cf ? n_records : cf + 1) / (double)cf);
        double term = parts[i] > 1 ? 2 : 1;
        out[(*n_out)++] = (key_word){words[i].word,
                                     rarity * rarity * term,
                                     rarity * rarity * term * words[i].count,
                                     rarity * term * words[i].count,
                                     parts[i],
                                     words[i].count,
                                     i};
    }
    qsort(out, *n_out, sizeof *out, by_weight);
    return st;
}

/* A candidate from the pool: its record's text, score and what it shares. */
typedef struct candidate {
    size_t page_i; /* in the page of matches */
    char *text;    /* content_text() of its record */
    double score, weight;
    const char *id;
    size_t shared[KEY_WORDS]; /* key words it has */
    size_t n_shared;
} candidate;

static int by_score(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return strcmp(x->id, y->id);
}

/* Uses of w in text, each blanked: a stretch of text counts once, for the longest key word that
 * covers it (预留区 inside 战略预留区 has counted already). */
static size_t take(char *text, const char *w)
{
    size_t n = 0, len = strlen(w);
    for (char *p = strstr(text, w); p; p = strstr(p + len, w)) {
        memset(p, ' ', len);
        n++;
    }
    return n;
}

/* Each candidate's score: BM25 over the key words with their weights (k1 = 1.2; b = 0.5, since
 * a clause is a paragraph, whose length says less than a web page's), times
 *   - m / (m + 1) for the m words it shares: one shared word, however rare, counts half, two
 *     count two thirds (a term counts as the words it joins);
 *   - 1 + the share of the clause's topic words it has: the words the clause repeats (新城 and
 *     交通 in a measure on the 新城's transport) say what it is about, and a clause of another
 *     document on the same topic comes before one that only shares a detail. */
static void score_candidates(candidate *c, size_t n, const key_word *kw, size_t n_kw)
{
    const double k1 = 1.2, b = 0.5;
    double avg = 0;
    size_t n_topic = 0;
    for (size_t k = 0; k < n_kw; k++)
        n_topic += kw[k].words == 1 && kw[k].uses >= REPEATED;
    for (size_t i = 0; i < n; i++)
        avg += (double)strlen(c[i].text);
    avg = n && avg > 0 ? avg / (double)n : 1;
    for (size_t i = 0; i < n; i++) {
        double norm = k1 * (1 - b + b * (double)strlen(c[i].text) / avg), sum = 0;
        unsigned m = 0;
        size_t topic = 0;
        for (size_t k = 0; k < n_kw; k++)
            topic += kw[k].words == 1 && kw[k].uses >= REPEATED && strstr(c[i].text, kw[k].word);
        char *text = psi_xstrndup(c[i].text, strlen(c[i].text));
        c[i].n_shared = 0;
        /* Longer terms take their stretch first, each length in weight order. */
        for (unsigned len = TERM_WORDS; len >= 1; len--)
            for (size_t k = 0; k < n_kw; k++) {
                if (kw[k].words != len)
                    continue;
                double tf = (double)take(text, kw[k].word);
                if (tf == 0)
                    continue;
                sum += kw[k].weight * tf * (k1 + 1) / (tf + norm);
                m += kw[k].words;
                c[i].shared[c[i].n_shared++] = k;
            }
        free(text);
        c[i].score = sum * m / (m + 1) * (1 + (n_topic ? (double)topic / (double)n_topic : 0));
    }
}

/* The shared words of a candidate, most telling first ("、"-joined into 'out'); a word inside
 * one already shown (农村集体 after 农村集体经营) is not shown again. */
static void shared_words(const candidate *c, const key_word *kw, psi_buf *out)
{
    size_t order[KEY_WORDS], n = c->n_shared, shown[SHOWN_WORDS], n_shown = 0;
    memcpy(order, c->shared, n * sizeof *order);
    for (size_t a = 1; a < n; a++) /* insertion sort: a handful, stable */
        for (size_t b = a; b > 0 && kw[order[b]].telling > kw[order[b - 1]].telling; b--) {
            size_t t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    for (size_t s = 0; s < n && n_shown < SHOWN_WORDS; s++) {
        bool inside = false;
        for (size_t t = 0; t < n_shown && !inside; t++)
            inside = strstr(kw[shown[t]].word, kw[order[s]].word) != NULL;
        if (!inside)
            shown[n_shown++] = order[s];
    }
    for (size_t s = 0; s < n_shown; s++)
        psi_buf_printf(out, "%s%s", s ? "、" : "", kw[shown[s]].word);
}

ps_status ps_index_related(ps_index *ix, const char *id, size_t limit, ps_hits **out, ps_error *err)
{
    *out = NULL;
    ps_hits *self = NULL, *pool = NULL, *h = NULL;
    psi_keyword *words = NULL;
    unsigned *parts = NULL;
    size_t n_words = 0, n_kw = 0, n_cand = 0;
    key_word *kw = NULL;
    candidate *cand = NULL;
    psx_page page = {0};
    psq_node *tree = NULL;
    ps_status st = ps_index_get(ix, id, &self, err);
    if (st != PS_OK)
        goto out;
    const ps_hit *clause = ps_hits_get(self, 0);
    char *text = content_text(clause->record);
    n_words = key_words_norm(text, &words, &parts);
    free(text);
    kw = psi_xcalloc(n_words + 1, sizeof *kw);
    st = rank_words(ix, clause->doc->file, words, parts, n_words, kw, &n_kw, err);
    if (st != PS_OK)
        goto out;
    if (n_kw > KEY_WORDS)
        n_kw = KEY_WORDS;

    /* A pool of candidates by Xapian (its BM25 gives one rarity factor, the scale the rest of
     * each word's weight), then scored. */
    psq_node *any = psq_new(PSQ_OR);
    for (size_t k = 0; k < n_kw; k++) {
        psq_node *w = psi_word_node("", kw[k].word);
        if (!w)
            continue;
        w->scale *= kw[k].scale;
        psq_add(any, w);
    }
    if (any->n_kids == 0)
        psq_add(any, psq_new(PSQ_NONE));
    tree = and_not(any, others_node(clause->doc->file));
    size_t pool_size = limit * 10 < 200 ? 200 : limit * 10;
    psx_run how = {.limit = pool_size,
                   .ranked = true,
                   .collapse_slot = PSI_SLOT_CLAUSE,
                   .sort_slot = PSI_SLOT_ORDER};
    st = psi_query(ix, tree, &how, &page, err);
    if (st != PS_OK)
        goto out;
    pool = psi_hits_new();
    cand = psi_xcalloc(page.n + 1, sizeof *cand);
    for (size_t i = 0; i < page.n && st == PS_OK; i++) {
        st = psi_hits_add(pool, page.v[i].data, page.v[i].weight, NULL, err);
        if (st != PS_OK)
            break;
        const ps_hit *p = ps_hits_get(pool, i);
        cand[n_cand].page_i = i;
        cand[n_cand].text = content_text(p->record);
        cand[n_cand].weight = page.v[i].weight;
        cand[n_cand].id = p->record->id;
        n_cand++;
    }
    if (st != PS_OK)
        goto out;
    score_candidates(cand, n_cand, kw, n_kw);
    qsort(cand, n_cand, sizeof *cand, by_score);

    h = psi_hits_new();
    psi_hits_note_missing(h, ix);
    psi_hits_set_total(h, page.total, page.total_exact);
    for (size_t i = 0; i < n_cand && i < limit && st == PS_OK; i++) {
        psi_buf shared = {0};
        shared_words(&cand[i], kw, &shared);
        st = psi_hits_add(h, page.v[cand[i].page_i].data, cand[i].score,
                          shared.len ? shared.data : NULL, err);
        psi_buf_free(&shared);
    }
out:
    for (size_t i = 0; i < n_cand; i++)
        free(cand[i].text);
    free(cand);
    psq_free(tree);
    psx_page_free(&page);
    free(kw);
    free(parts);
    psi_key_words_free(words, n_words);
    ps_hits_free(pool);
    ps_hits_free(self);
    if (st != PS_OK) {
        ps_hits_free(h);
        return st;
    }
    *out = h;
    return PS_OK;
}
