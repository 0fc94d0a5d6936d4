/* xref.c: cross-references between documents.
 *   --related ID     clauses of other documents most like clause ID, with the shared terms
 *   --cites DOC      what DOC refers to (《title》 or 文号), resolved to indexed documents
 *   --cited-by DOC   clauses of other documents that refer to DOC by title or number */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "xalloc.h"

enum { ALL = 100000 };

int run_related(const options *o, ps_index *ix)
{
    ps_hits *h = NULL;
    ps_error err = {0};
    if (ps_index_related(ix, o->related, o->limit, &h, &err) != PS_OK) {
        fprintf(stderr, "policy-search: --related %s\n", err.msg);
        return err.code == PS_ERR_NOT_FOUND ? EXIT_USAGE : EXIT_FAIL;
    }
    print_opts po = o->print;
    po.query_text = o->related;
    int status = o->format                             ? report_hits(o, h, o->related)
                 : print_hits(stdout, h, NULL, 0, &po) ? EXIT_FAIL
                                                       : EXIT_OK;
    ps_hits_free(h);
    return status;
}

/* One cited document with the clauses that cite it. */
typedef struct cited {
    ps_cite cite; /* title or number as first written */
    char *key;    /* ps_cite_key */
    const doc_info *target;
    json_t *clauses; /* array of ids */
} cited;

static void add_cited(cited **v, size_t *n, const ps_cite *c, const char *id, const doc_list *docs)
{
    char *key = ps_cite_key(c->title ? c->title : c->number);
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i].key, key) == 0) {
            free(key);
            json_array_append_new((*v)[i].clauses, json_string(id));
            return;
        }
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    cited *e = &(*v)[(*n)++];
    e->cite.title = c->title ? xstrdup(c->title) : NULL;
    e->cite.number = c->number ? xstrdup(c->number) : NULL;
    e->key = key;
    e->target = docs_resolve(docs, c);
    e->clauses = json_array();
    json_array_append_new(e->clauses, json_string(id));
}

/* One document's references: printed, or with --json added to 'all' (one JSON document for
 * however many documents --cites names). */
static void print_cited(const cited *v, size_t n, const doc_info *from, const print_opts *po,
                        json_t *all)
{
    if (po->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *o = json_object();
            json_object_set_new(o, v[i].cite.title ? "title" : "number",
                                json_string(v[i].cite.title ? v[i].cite.title : v[i].cite.number));
            json_object_set_new(o, "resolved",
                                v[i].target ? json_string(v[i].target->file) : json_null());
            json_object_set(o, "clauses", v[i].clauses);
            json_array_append_new(arr, o);
        }
        json_array_append_new(all, json_pack("{s:s, s:o}", "doc", from->file, "cites", arr));
        return;
    }
    printf("%s%s%s%s cites %zu document%s:\n", from->title ? "《" : "",
           from->title ? from->title : from->file, from->title ? "》" : "", "", n,
           n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        const cited *c = &v[i];
        if (c->cite.title)
            printf("  《%s》", c->cite.title);
        else
            printf("  %s", c->cite.number);
        if (c->target)
            printf(" -> %s\n", c->target->file);
        else
            printf(" (not indexed)\n");
        size_t k;
        json_t *id;
        json_array_foreach(c->clauses, k, id) printf("      in %s\n", json_string_value(id));
    }
}

int run_cites(const options *o, ps_index *ix, const doc_list *docs)
{
    size_t n_files = 0;
    const char **files = docs_match(docs, o->cites, &n_files);
    if (n_files == 0) {
        free(files);
        return EXIT_OK;
    }
    int status = EXIT_OK;
    json_t *all = json_array();
    for (size_t f = 0; f < n_files && status == EXIT_OK; f++) {
        ps_search s = {0};
        s.files = &files[f];
        s.n_files = 1;
        s.limit = ALL;
        ps_hits *h = NULL;
        ps_error err = {0};
        if (ps_index_search(ix, &s, &h, &err) != PS_OK) {
            fprintf(stderr, "policy-search: %s\n", err.msg);
            status = EXIT_FAIL;
            break;
        }
        cited *v = NULL;
        size_t n = 0;
        for (size_t i = 0; i < ps_hits_count(h); i++) {
            const ps_record *r = ps_hits_get(h, i)->record;
            for (size_t k = 0; k < r->n_cites; k++)
                add_cited(&v, &n, &r->cites[k], r->id, docs);
        }
        print_cited(v, n, docs_by_file(docs, files[f]), &o->print, all);
        for (size_t i = 0; i < n; i++) {
            free((char *)v[i].cite.title);
            free((char *)v[i].cite.number);
            free(v[i].key);
            json_decref(v[i].clauses);
        }
        free(v);
        ps_hits_free(h);
    }
    if (o->print.json && status == EXIT_OK)
        print_json(stdout, ix, json_pack("{s:o}", "documents", all));
    else
        json_decref(all);
    free(files);
    return status;
}

int run_cited_by(const options *o, ps_index *ix, const doc_list *docs)
{
    size_t n_files = 0;
    bool clear = false;
    const char **files = docs_match_ranked(docs, o->cited_by, &n_files, &clear);
    int status = EXIT_OK;
    if (n_files > 1 && clear) /* one answers best: 十四五 is the five-year plan itself */
        n_files = 1;
    if (n_files != 1) {
        if (n_files == 0)
            docs_say_none(o->cited_by);
        else
            fprintf(stderr,
                    "policy-search: --cited-by \"%s\" matches %zu documents; name one (file name "
                    "or more of the title)\n",
                    o->cited_by, n_files);
        free(files);
        return n_files ? EXIT_USAGE : EXIT_OK;
    }
    const doc_info *d = docs_by_file(docs, files[0]);
    ps_search s = {0};
    s.cited_title = d->title;
    s.cited_number = d->number;
    s.exclude_file = d->file;
    s.offset = o->offset;
    s.limit = o->limit_set ? o->limit : ALL;
    ps_hits *h = NULL;
    ps_error err = {0};
    if (ps_index_search(ix, &s, &h, &err) != PS_OK) {
        fprintf(stderr, "policy-search: %s\n", err.msg);
        status = EXIT_FAIL;
    } else {
        print_opts po = o->print;
        po.query_text = o->cited_by;
        status = o->format                                     ? report_hits(o, h, o->cited_by)
                 : print_hits(stdout, h, NULL, o->offset, &po) ? EXIT_FAIL
                                                               : EXIT_OK;
        ps_hits_free(h);
    }
    free(files);
    return status;
}
