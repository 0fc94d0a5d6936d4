/* test-relevance.c: the project's own relevance measurement, run in the suite.
 * For each query of tests/relevance/queries.tsv it searches an index of corpus/ and judges the
 * top 10 results against the source files themselves:
 *   - a result is relevant when the source lines it cites, normalized (markup stripped), hold
 *     every gold term (precision);
 *   - the gold set is every clause whose paragraphs, or whole text, hold every gold term, found
 *     by scanning the parsed records without the index (recall: clauses covered in the top 10
 *     over min(10, gold));
 *   - "none" queries must return nothing.
 * The judgments use a normalization of the test's own (plain() below: no white space, full-width
 * ASCII as ASCII, ASCII lower case), not the engine's ps_normalize, so a bug in the engine's
 * normalizer cannot judge itself. Every judgment is also made with ps_normalize; the two must
 * agree, and any query where they do not is named.
 * It prints the figures per query and fails under R@10 0.98 or P@10 0.98. */
#include <errno.h>

#include "ps-private.h"
#include "tap.h"
#include "util.h"

enum { K = 10, MAX_GOLD = 4096 };

static ps_doc *docs[N_CORPUS];
static char *raw[N_CORPUS];

/* Decodes one UTF-8 character at s[*i] and advances *i; a stray byte is returned as itself. */
static unsigned next_cp(const char *s, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    size_t len = u[0] < 0x80 ? 1 : u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
    unsigned cp = len == 1 ? u[0] : u[0] & (0x7F >> len);
    for (size_t k = 1; k < len; k++) {
        if ((u[k] & 0xC0) != 0x80) { /* cut sequence: take the lead byte alone */
            len = 1;
            cp = u[0];
            break;
        }
        cp = cp << 6 | (u[k] & 0x3F);
    }
    *i += len;
    return cp;
}

static void put_cp(psi_buf *b, unsigned cp)
{
    if (cp < 0x80) {
        psi_buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        psi_buf_putc(b, (char)(0xC0 | cp >> 6));
        psi_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        psi_buf_putc(b, (char)(0xE0 | cp >> 12));
        psi_buf_putc(b, (char)(0x80 | (cp >> 6 & 0x3F)));
        psi_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        psi_buf_putc(b, (char)(0xF0 | cp >> 18));
        psi_buf_putc(b, (char)(0x80 | (cp >> 12 & 0x3F)));
        psi_buf_putc(b, (char)(0x80 | (cp >> 6 & 0x3F)));
        psi_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    }
}

/* The test's own normalization, independent of the engine: drops white space (ASCII, no-break,
 * the U+2000 spaces, ideographic space U+3000, line breaks), maps full-width ASCII (U+FF01-FF5E)
 * to ASCII and lower-cases ASCII letters. Nothing else: traditional characters stay as they
 * are. The caller frees. */
static char *plain(const char *s)
{
    psi_buf b = {0};
    psi_buf_puts(&b, "");
    for (size_t i = 0, n = strlen(s); i < n;) {
        unsigned cp = next_cp(s, &i);
        if (cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 ||
            (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x3000)
            continue;
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        if (cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
        put_cp(&b, cp);
    }
    return psi_buf_detach(&b);
}

/* Gold terms of a query, in both normal forms. */
typedef struct terms {
    char *plain[8]; /* by plain() */
    char *eng[8];   /* by ps_normalize() */
    size_t n;
} terms;

static void terms_add(terms *t, const char *g)
{
    t->plain[t->n] = plain(g);
    t->eng[t->n] = ps_normalize(g);
    t->n++;
}

static void terms_free(terms *t)
{
    for (size_t k = 0; k < t->n; k++) {
        free(t->plain[k]);
        free(t->eng[k]);
    }
    t->n = 0;
}

static bool holds_all_in(const char *nt, char *const *t, size_t n)
{
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++)
        ok = strstr(nt, t[i]) != NULL;
    return ok;
}

/* Whether 'text' holds every gold term after plain(): the judgment the figures use. Sets
 * *disagree when ps_normalize judges otherwise. */
static bool holds_all(const char *text, const terms *t, size_t *disagree)
{
    char *p = plain(text), *e = ps_normalize(text);
    bool ok = holds_all_in(p, t->plain, t->n), eng = holds_all_in(e, t->eng, t->n);
    free(p);
    free(e);
    *disagree += ok != eng;
    return ok;
}

/* Source lines [from, to] of corpus file f with tags removed. The caller frees. */
static char *source_text(size_t f, size_t from, size_t to)
{
    psi_buf b = {0};
    const char *p = raw[f];
    for (size_t line = 1; *p && line <= to; line++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (line >= from) {
            bool in_tag = false;
            for (size_t i = 0; i < len; i++) {
                if (p[i] == '<')
                    in_tag = true;
                else if (p[i] == '>')
                    in_tag = false;
                else if (!in_tag)
                    psi_buf_putc(&b, p[i]);
            }
            psi_buf_putc(&b, '\n');
        }
        p = nl ? nl + 1 : p + len;
    }
    return psi_buf_detach(&b);
}

static size_t file_index(const char *name)
{
    for (size_t f = 0; f < N_CORPUS; f++)
        if (strcmp(name, corpus_file(f)) == 0)
            return f;
    return N_CORPUS;
}

/* The test's normalization is a test too: show it on the forms the queries use, and that a
 * judgment fails when a term is missing. */
static void plain_self_check(void)
{
    static const char *const cases[][2] = {
        {"ＲＣＥＰ", "rcep"},         {"５Ｇ网络", "5g网络"},
        {"PM2.5　浓度", "pm2.5浓度"}, {"市发展改革\n  委", "市发展改革委"},
        {"MaaS\t出行", "maas出行"},   {"養老服務", "養老服務"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = plain(cases[i][0]), name[128];
        snprintf(name, sizeof name, "plain(\"%s\")", cases[i][0]);
        for (char *c = name; *c; c++) /* keep the TAP line on one line */
            if (*c == '\n' || *c == '\t')
                *c = ' ';
        TAP_STR_EQ(got, cases[i][1], name);
        free(got);
    }
    terms t = {0};
    terms_add(&t, "新城");
    terms_add(&t, "火星");
    size_t disagree = 0;
    TAP_OK(!holds_all("新城交通", &t, &disagree) && holds_all("火星新\n城", &t, &disagree) &&
               disagree == 0,
           "self-check: a clause missing one gold term is not relevant");
    terms_free(&t);
}

int main(void)
{
    plain_self_check();
    static char db[] = "/tmp/ps-test-relevance-XXXXXX";
    ps_index *ix = NULL;
    ps_error err = {0};
    if (!mkdtemp(db))
        tap_bail("cannot create %s: %s", db, strerror(errno));
    remove_at_exit(db);
    if (ps_index_open(db, PS_OPEN_WRITE, &ix, &err) != PS_OK)
        tap_bail("cannot open %s for writing: %s", db, err.msg);
    for (size_t f = 0; f < N_CORPUS; f++) {
        char rel[256];
        snprintf(rel, sizeof rel, "corpus/%s", corpus_file(f));
        size_t n;
        raw[f] = slurp(src_path(rel), &n);
        if (ps_doc_parse(raw[f], n, corpus_file(f), rel, &docs[f], &err) != PS_OK)
            tap_bail("cannot parse %s: %s", rel, err.msg);
        if (ps_index_put_doc(ix, docs[f], ps_content_hash(raw[f], n), NULL, &err) != PS_OK)
            tap_bail("cannot index %s: %s", rel, err.msg);
    }
    if (ps_index_commit(ix, &err) != PS_OK)
        tap_bail("cannot commit %s: %s", db, err.msg);
    ps_index_close(ix);
    ix = NULL;
    if (ps_index_open(db, PS_OPEN_READ, &ix, &err) != PS_OK)
        tap_bail("cannot open %s for reading: %s", db, err.msg);

    char *queries = slurp(src_path("tests/relevance/queries.tsv"), NULL);
    double sum_r = 0, sum_p = 0;
    size_t n_scored = 0, none_ok = 0, n_none = 0, disagree_total = 0, no_gold = 0;
    size_t line_no = 0;
    char *next = queries;
    while (next && *next) {
        char *line = next, *nl = strchr(line, '\n');
        next = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        line_no++;
        if (line[0] == '#' || line[0] == '\0')
            continue;
        /* id, kind, query, gold terms: exactly four tab-separated fields. */
        char *field[4] = {line};
        size_t n_fields = 1;
        for (char *p = line; *p; p++)
            if (*p == '\t') {
                *p = '\0';
                if (n_fields < 4)
                    field[n_fields] = p + 1;
                n_fields++;
            }
        if (n_fields != 4 || !*field[0] || !*field[1] || !*field[2] || !*field[3])
            tap_bail("tests/relevance/queries.tsv:%zu: %zu fields, want 4 non-empty (id, kind, "
                     "query, gold terms)",
                     line_no, n_fields);
        char *qid = field[0], *kind = field[1], *query = field[2], *gold_s = field[3];
        terms t = {0};
        for (char *save, *g = strtok_r(gold_s, "|", &save); g; g = strtok_r(NULL, "|", &save)) {
            if (strcmp(g, "-") == 0)
                continue;
            if (t.n == 8)
                tap_bail("tests/relevance/queries.tsv:%zu: more than 8 gold terms", line_no);
            terms_add(&t, g);
        }
        if (strcmp(kind, "none") != 0 && t.n == 0)
            tap_bail("tests/relevance/queries.tsv:%zu: query %s has no gold terms", line_no, qid);
        size_t disagree = 0;

        ps_query *q = NULL;
        ps_hits *h = NULL;
        ps_search s = {0};
        s.limit = K;
        if (ps_query_parse(query, &q, &err) != PS_OK ||
            (s.query = q, ps_index_search(ix, &s, &h, &err)) != PS_OK) {
            TAP_OK(0, "%s %s: %s", qid, query, err.msg);
            terms_free(&t);
            ps_query_free(q);
            continue;
        }
        if (strcmp(kind, "none") == 0) {
            n_none++;
            none_ok += ps_hits_count(h) == 0;
            printf("# %s\t%s\t%s\thits=%zu\n", qid, kind, query, ps_hits_count(h));
        } else {
            /* Gold clauses, by scanning records (paragraphs and whole clauses). */
            static char *gold[MAX_GOLD];
            size_t n_gold = 0;
            for (size_t f = 0; f < N_CORPUS; f++) {
                const ps_doc *d = docs[f];
                for (int pass = 0; pass < 2; pass++) {
                    size_t n = pass ? d->n_wholes : d->n_records;
                    for (size_t i = 0; i < n && n_gold < MAX_GOLD; i++) {
                        const ps_record *r = pass ? &d->wholes[i] : &d->records[i];
                        if (!holds_all(r->text, &t, &disagree))
                            continue;
                        char *c = strdup(r->clause);
                        bool dup = false;
                        for (size_t g = 0; g < n_gold && !dup; g++)
                            dup = strcmp(gold[g], c) == 0;
                        if (dup)
                            free(c);
                        else
                            gold[n_gold++] = c;
                    }
                }
            }
            size_t relevant = 0, covered = 0;
            for (size_t i = 0; i < ps_hits_count(h); i++) {
                const ps_hit *hit = ps_hits_get(h, i);
                size_t f = file_index(hit->doc->file);
                char *st = f < N_CORPUS
                               ? source_text(f, hit->record->line_start, hit->record->line_end)
                               : strdup("");
                relevant += holds_all(st, &t, &disagree);
                free(st);
                for (size_t g = 0; g < n_gold; g++)
                    covered += strcmp(gold[g], hit->record->clause) == 0;
            }
            double p = ps_hits_count(h) ? (double)relevant / ps_hits_count(h) : 0;
            size_t want = n_gold < K ? n_gold : K;
            double r = want ? (double)covered / want : 1.0;
            if (r > 1)
                r = 1;
            sum_p += p;
            sum_r += r;
            n_scored++;
            printf("# %s\t%s\t%s\tgold=%zu\thits=%zu\tP@10=%.2f\tR@10=%.2f\n", qid, kind, query,
                   n_gold, ps_hits_count(h), p, r);
            if (disagree)
                printf("# %s: %zu judgments differ between plain() and ps_normalize()\n", qid,
                       disagree);
            disagree_total += disagree;
            if (n_gold == 0) { /* R@10 would be 1.0 for a query whose terms occur nowhere */
                printf("# %s: no clause holds the gold terms\n", qid);
                no_gold++;
            }
            for (size_t g = 0; g < n_gold; g++)
                free(gold[g]);
        }
        ps_hits_free(h);
        ps_query_free(q);
        terms_free(&t);
    }
    double mr = n_scored ? sum_r / n_scored : 0, mp = n_scored ? sum_p / n_scored : 0;
    printf("# SUMMARY\tR@10=%.3f\tP@10=%.3f\tnone_ok=%zu/%zu\n", mr, mp, none_ok, n_none);
    TAP_OK(mr >= 0.98, "mean R@10 %.3f >= 0.98 over %zu queries", mr, n_scored);
    TAP_OK(mp >= 0.98, "mean P@10 %.3f >= 0.98", mp);
    TAP_OK(none_ok == n_none && n_none > 0, "every none query returns nothing (%zu/%zu)", none_ok,
           n_none);
    TAP_OK(n_scored + n_none > 0, "queries.tsv holds queries (%zu scored, %zu none)", n_scored,
           n_none);
    TAP_INT_EQ(no_gold, 0, "every scored query has at least one gold clause");
    TAP_INT_EQ(disagree_total, 0,
               "the test's own normalization and ps_normalize judge every clause alike");
    free(queries);
    ps_index_close(ix);
    for (size_t f = 0; f < N_CORPUS; f++) {
        ps_doc_free(docs[f]);
        free(raw[f]);
    }
    return tap_done();
}
