/* search.c: the search every mode shares: options turned into a ps_search, a plain search
 * printed, and the department list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

enum { CLAUSE_LIMIT = 200 };

bool options_search(const options *o, const ps_query *q, const doc_list *docs, ps_search *s,
                    const char ***files)
{
    memset(s, 0, sizeof *s);
    *files = NULL;
    s->query = q;
    if (o->dept) {
        s->depts = o->dept_names;
        s->n_depts = o->n_dept_names;
    }
    s->lead_only = o->lead;
    s->offset = o->offset;
    s->limit = o->clause && !o->limit_set ? CLAUSE_LIMIT : o->limit;
    s->label = o->clause;
    if (!o->doc)
        return true;
    size_t n = 0;
    *files = docs_match(docs, o->doc, &n);
    s->files = *files;
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
        status = print_hits(stdout, h, q, o->offset, &o->print) ? EXIT_FAIL : EXIT_OK;
        ps_hits_free(h);
    }
    free(files);
    return status;
}

static void collect_dept(void *ctx, const char *name, size_t n)
{
    dept_list_add(ctx, name, n);
}

int run_departments(const options *o, ps_index *ix)
{
    dept_list l = {NULL, 0};
    ps_error err = {0};
    if (ps_index_each_dept(ix, collect_dept, &l, &err) != PS_OK) {
        fprintf(stderr, "policy-search: %s\n", err.msg);
        dept_list_free(&l);
        return EXIT_FAIL;
    }
    dept_list_sort(&l);
    print_departments(stdout, &l, &o->print);
    dept_list_free(&l);
    return EXIT_OK;
}
