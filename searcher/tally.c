/* tally.c: departments counted over every clause in one pass (see tally.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally.h"
#include "xalloc.h"

enum { PAGE = 2000 };

/* The row of 'name', added in name order when new. */
static dept_tally *row_of(tally *t, const char *name)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(t->v[mid].name, name);
        if (c == 0)
            return &t->v[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    t->v = xreallocarray(t->v, t->n + 1, sizeof *t->v);
    memmove(t->v + lo + 1, t->v + lo, (t->n - lo) * sizeof *t->v);
    t->n++;
    t->v[lo] = (dept_tally){xstrdup(name), 0, 0, 0, xcalloc(t->n_docs + 1, sizeof(size_t))};
    return &t->v[lo];
}

static void count_clause(tally *t, const ps_hit *hit, const doc_list *docs)
{
    const doc_info *doc = docs_by_file(docs, hit->doc->file);
    const ps_record *r = hit->record;
    t->clauses++;
    for (size_t k = 0; k < r->n_departments; k++) {
        bool again = false; /* a name listed twice (two roles) counts once */
        for (size_t j = 0; j < k && !again; j++)
            again = strcmp(r->departments[j].name, r->departments[k].name) == 0;
        if (again)
            continue;
        dept_tally *d = row_of(t, r->departments[k].name);
        d->measures++;
        d->lead += r->departments[k].role == PS_ROLE_LEAD;
        d->supporting += r->departments[k].role == PS_ROLE_SUPPORTING;
        if (doc)
            d->per_doc[doc - docs->v]++;
    }
}

static int by_measures(const void *a, const void *b)
{
    const dept_tally *x = a, *y = b;
    if (x->measures != y->measures)
        return x->measures < y->measures ? 1 : -1;
    return strcmp(x->name, y->name);
}

bool tally_load(ps_index *ix, const doc_list *docs, tally *out)
{
    memset(out, 0, sizeof *out);
    out->n_docs = docs->n;
    for (size_t offset = 0;; offset += PAGE) {
        ps_search s = {0}; /* no query: every clause once, in document order */
        s.offset = offset;
        s.limit = PAGE;
        ps_hits *h = NULL;
        ps_error err = {0};
        if (ps_index_search(ix, &s, &h, &err) != PS_OK) {
            fprintf(stderr, "policy-search: %s\n", err.msg);
            tally_free(out);
            return false;
        }
        for (size_t i = 0; i < ps_hits_count(h); i++)
            count_clause(out, ps_hits_get(h, i), docs);
        size_t got = ps_hits_count(h);
        ps_hits_free(h);
        if (got < PAGE)
            break;
    }
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, by_measures);
    return true;
}

void tally_free(tally *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].name);
        free(t->v[i].per_doc);
    }
    free(t->v);
    memset(t, 0, sizeof *t);
}
