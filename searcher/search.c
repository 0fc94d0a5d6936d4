/* search.c: the search every mode shares: options turned into a ps_search, and a plain
 * search printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "suggest.h"
#include "xalloc.h"

enum { CLAUSE_LIMIT = 200 };

bool options_search(const options *o, const ps_query *q, const doc_list *docs, ps_search *s,
                    const char ***files)
{
    memset(s, 0, sizeof *s);
    *files = NULL;
    s->query = q;
    if (o->n_depts) {
        s->depts = o->dept_names;
        s->n_depts = o->n_dept_names;
    }
    s->lead_only = o->lead;
    s->offset = o->offset;
    s->limit = o->clause && !o->limit_set ? CLAUSE_LIMIT : o->limit;
    s->label = o->clause;
    if (!o->n_docs)
        return true;
    /* several --doc: the documents any of them names */
    size_t n = 0;
    const char **all = xcalloc(docs->n + 1, sizeof *all);
    for (size_t k = 0; k < o->n_docs; k++) {
        size_t m = 0;
        const char **found = docs_match(docs, o->docs[k], &m);
        for (size_t i = 0; i < m; i++) {
            bool have = false;
            for (size_t j = 0; j < n && !have; j++)
                have = strcmp(all[j], found[i]) == 0;
            if (!have)
                all[n++] = found[i];
        }
        free(found);
    }
    *files = all;
    s->files = all;
    s->n_files = n;
    return n > 0;
}

int run_search(const options *o, ps_index *ix, const ps_query *q, const doc_list *docs)
{
    ps_search s;
    const char **files;
    ps_error err = {0};
    ps_hits *h = NULL;
    int status = EXIT_OK;
    options_search(o, q, docs, &s, &files);
    if (ps_index_search(ix, &s, &h, &err) != PS_OK) {
        fprintf(stderr, "policy-search: %s\n", err.msg);
        status = EXIT_FAIL;
    } else {
        print_opts po = o->print;
        ps_suggestions *sg = NULL;
        if (q && o->print.json && ps_hits_total(h) < PS_SUGGEST_BELOW &&
            ps_suggest(ix, &s, o->words, SUGGESTIONS_SHOWN, &sg, &err) != PS_OK)
            fprintf(stderr, "policy-search: suggestions: %s\n", err.msg);
        po.suggestions = sg;
        status = print_hits(stdout, h, q, o->offset, &po) ? EXIT_FAIL : EXIT_OK;
        ps_suggestions_free(sg);
        fflush(stdout); /* the results, then what might have been meant */
        if (q && !o->print.json &&
            print_suggestions(stderr, ix, &s, o->words, ps_hits_total(h)) != 0)
            status = EXIT_FAIL;
        ps_hits_free(h);
    }
    free(files);
    return status;
}

/* --full ID: the clause with that id, whole; a paragraph's id gives its clause. */
int run_full_id(const options *o, ps_index *ix)
{
    ps_hits *h = NULL;
    ps_error err = {0};
    ps_status st = ps_index_get(ix, o->words, &h, &err);
    if (st == PS_OK && ps_hits_get(h, 0)->record->part > 0 &&
        ps_hits_get(h, 0)->record->parts > 1) {
        char *clause = xstrdup(ps_hits_get(h, 0)->record->clause);
        ps_hits_free(h);
        st = ps_index_get(ix, clause, &h, &err);
        free(clause);
    }
    if (st != PS_OK) {
        fprintf(stderr, "policy-search: --full %s\n", err.msg);
        return st == PS_ERR_NOT_FOUND ? EXIT_USAGE : EXIT_FAIL;
    }
    int status = print_hits(stdout, h, NULL, 0, &o->print) ? EXIT_FAIL : EXIT_OK;
    ps_hits_free(h);
    return status;
}
