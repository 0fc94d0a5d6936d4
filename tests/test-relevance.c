/* test-relevance.c: the project's own relevance measurement, run in the suite.
 * For each query of tests/relevance/queries.tsv it searches an index of corpus/ and judges the
 * top 10 results against the source files themselves:
 *   - a result is relevant when the source lines it cites, normalized (markup stripped), hold
 *     every gold term (precision);
 *   - the gold set is every clause whose paragraphs, or whole text, hold every gold term, found
 *     by scanning the parsed records without the index (recall: clauses covered in the top 10
 *     over min(10, gold));
 *   - "none" queries must return nothing.
 * It prints the figures per query and fails under R@10 0.98 or P@10 0.98. */
#include <jansson.h>

#include "ps-private.h"
#include "tap.h"
#include "util.h"

enum { K = 10, MAX_GOLD = 4096 };

static ps_doc *docs[N_CORPUS];
static char *raw[N_CORPUS];

static bool holds_all(const char *text, char **terms, size_t n)
{
    char *nt = ps_normalize(text);
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++)
        ok = strstr(nt, terms[i]) != NULL;
    free(nt);
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

int main(void)
{
    char db[] = "/tmp/ps-test-relevance-XXXXXX";
    ps_index *ix = NULL;
    ps_error err = {0};
    if (!mkdtemp(db) || ps_index_open(db, PS_OPEN_WRITE, &ix, &err) != PS_OK) {
        printf("Bail out! %s\n", err.msg);
        return 1;
    }
    for (size_t f = 0; f < N_CORPUS; f++) {
        char rel[256];
        snprintf(rel, sizeof rel, "corpus/%s", corpus_file(f));
        size_t n;
        raw[f] = slurp(src_path(rel), &n);
        if (ps_doc_parse(raw[f], n, corpus_file(f), rel, &docs[f], &err) != PS_OK ||
            ps_index_put_doc(ix, docs[f], ps_content_hash(raw[f], n), NULL, &err) != PS_OK) {
            printf("Bail out! %s\n", err.msg);
            return 1;
        }
    }
    ps_index_commit(ix, &err);
    ps_index_close(ix);
    ps_index_open(db, PS_OPEN_READ, &ix, &err);

    char *queries = slurp(src_path("tests/relevance/queries.tsv"), NULL);
    double sum_r = 0, sum_p = 0;
    size_t n_scored = 0, none_ok = 0, n_none = 0;
    for (char *line = strtok(queries, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        char *qid = line, *kind = strchr(qid, '\t');
        *kind++ = '\0';
        char *query = strchr(kind, '\t');
        *query++ = '\0';
        char *gold_s = strchr(query, '\t');
        *gold_s++ = '\0';
        char *terms[8];
        size_t n_terms = 0;
        for (char *save, *t = strtok_r(gold_s, "|", &save); t && n_terms < 8;
             t = strtok_r(NULL, "|", &save))
            if (strcmp(t, "-") != 0)
                terms[n_terms++] = ps_normalize(t);

        ps_query *q = NULL;
        ps_hits *h = NULL;
        ps_search s = {0};
        s.limit = K;
        if (ps_query_parse(query, &q, &err) != PS_OK ||
            (s.query = q, ps_index_search(ix, &s, &h, &err)) != PS_OK) {
            TAP_OK(0, "%s %s: %s", qid, query, err.msg);
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
                        if (!holds_all(r->text, terms, n_terms))
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
                relevant += holds_all(st, terms, n_terms);
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
            for (size_t g = 0; g < n_gold; g++)
                free(gold[g]);
        }
        ps_hits_free(h);
        ps_query_free(q);
        for (size_t t = 0; t < n_terms; t++)
            free(terms[t]);
    }
    double mr = n_scored ? sum_r / n_scored : 0, mp = n_scored ? sum_p / n_scored : 0;
    printf("# SUMMARY\tR@10=%.3f\tP@10=%.3f\tnone_ok=%zu/%zu\n", mr, mp, none_ok, n_none);
    TAP_OK(mr >= 0.98, "mean R@10 %.3f >= 0.98 over %zu queries", mr, n_scored);
    TAP_OK(mp >= 0.98, "mean P@10 %.3f >= 0.98", mp);
    TAP_OK(none_ok == n_none && n_none > 0, "every none query returns nothing (%zu/%zu)", none_ok,
           n_none);
    free(queries);
    ps_index_close(ix);
    for (size_t f = 0; f < N_CORPUS; f++) {
        ps_doc_free(docs[f]);
        free(raw[f]);
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", db);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", db);
    return tap_done();
}
