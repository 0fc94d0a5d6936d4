/* api.c: the JSON API, the fields policy-search --json prints.
 *   /api/search?q=&dept=&lead=&doc=&issuer=&from=&to=&limit=&offset=
 *   /api/clause/ID, /api/clause?doc=&clause=     one clause; a label in the chosen documents
 *   /api/documents, /api/document/FILE           metadata; one document's clauses and outline
 *   /api/departments                             measures, led and supported, per department
 *   /api/dept?name=&role=lead|supporting&format=json|csv|md   a department's clauses
 *   /api/related/ID, /api/cites?doc=, /api/cited-by?doc=, /api/matrix
 * Errors are {"error": "..."}: 400 for a bad request, 404 for an unknown path or id. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "clause_report.h"
#include "html.h"
#include "serve.h"
#include "tally.h"
#include "view.h"
#include "xalloc.h"

static const char JSON_TYPE[] = "application/json; charset=utf-8";

/* A JSON value written as the body, and released. */
static int send_json(req *r, json_t *v)
{
    char *s = v ? json_dumps(v, JSON_INDENT(2) | JSON_REAL_PRECISION(15)) : NULL;
    json_decref(v);
    if (!s)
        return req_json_error(r, 500, "out of memory");
    fprintf(r->out, "%s\n", s);
    free(s);
    r->content_type = JSON_TYPE;
    return 200;
}

/* A page of hits as ps_hits_to_json writes it, with an optional "note". */
static int send_hits(req *r, const ps_hits *h, const ps_query *q, const char *text, size_t offset,
                     const ps_suggestions *sg, const char *note)
{
    ps_page_json how = {
        .query = q, .query_text = text, .offset = offset, .suggestions = sg, .note = note};
    char *s = ps_hits_json(h, &how);
    if (!s)
        return req_json_error(r, 500, "out of memory");
    fprintf(r->out, "%s\n", s);
    free(s);
    r->content_type = JSON_TYPE;
    return 200;
}

static int search_failed(req *r, const ps_error *err)
{
    return req_json_error(r,
                          err->code == PS_ERR_NOT_FOUND ? 404
                          : err->code == PS_ERR_QUERY   ? 400
                                                        : 500,
                          "%s", err->msg);
}

static int api_search(req *r)
{
    filter f;
    char why[600];
    int status = filter_read(r, &f, why, sizeof why);
    if (status) {
        filter_free(&f);
        return req_json_error(r, status, "%s", why);
    }
    if (!filter_has_criteria(&f)) {
        filter_free(&f);
        return req_json_error(r, 400, "empty query: give q, dept, doc, issuer, from or to");
    }
    ps_search s;
    filter_search(&f, &s);
    ps_hits *h = NULL;
    ps_error err = {0};
    if (ps_index_search(r->ix, &s, &h, &err) != PS_OK) {
        filter_free(&f);
        return search_failed(r, &err);
    }
    ps_suggestions *sg = NULL;
    if (f.query && ps_hits_total(h) < PS_SUGGEST_BELOW &&
        ps_suggest(r->ix, &s, f.q, 3, &sg, &err) != PS_OK)
        fprintf(stderr, "policy-serve: suggestions: %s\n", err.msg);
    const char *note = f.files_set && f.n_files == 0
                           ? "no indexed document matches the doc, issuer, from and to given"
                           : NULL;
    status = send_hits(r, h, f.query, f.q, f.offset, sg, note);
    ps_suggestions_free(sg);
    ps_hits_free(h);
    filter_free(&f);
    return status;
}

static int api_clause(req *r, const char *id)
{
    ps_hits *h = NULL;
    ps_error err = {0};
    if (id) {
        if (clause_get(r->ix, id, &h, &err) != PS_OK)
            return search_failed(r, &err);
        int status = send_hits(r, h, NULL, id, 0, NULL, NULL);
        ps_hits_free(h);
        return status;
    }
    const char *label = req_arg_nonempty(r, "clause"), *doc = req_arg_nonempty(r, "doc");
    if (!label)
        return req_json_error(r, 400, "give the clause label (clause=13) and the document (doc=)");
    doc_list docs;
    if (docs_load(r->ix, &docs) != PS_OK)
        return req_json_error(r, 500, "cannot read the documents' metadata");
    size_t n = 0;
    const char **files = doc ? docs_match_ranked(&docs, doc, &n, NULL) : NULL;
    ps_search s = {0};
    s.files = files;
    s.n_files = n;
    s.label = label;
    s.limit = PAGE_MAX;
    int status;
    if (ps_index_search(r->ix, &s, &h, &err) != PS_OK)
        status = search_failed(r, &err);
    else
        status = send_hits(r, h, NULL, label, 0, NULL,
                           doc && n == 0 ? "no indexed document has this in its title, 文号 or "
                                           "file name"
                                         : NULL);
    ps_hits_free(h);
    free(files);
    docs_free(&docs);
    return status;
}

static void add_doc_json(void *ctx, const ps_doc_meta *m)
{
    json_array_append_new(ctx, doc_meta_json(m));
}

static int api_documents(req *r)
{
    json_t *arr = json_array();
    ps_error err = {0};
    if (ps_index_each_doc(r->ix, add_doc_json, arr, &err) != PS_OK) {
        json_decref(arr);
        return req_json_error(r, 500, "%s", err.msg);
    }
    return send_json(r, json_pack("{s:o}", "documents", arr));
}

static json_t *outline_json(const outline_node *n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n->n_children; i++) {
        const outline_node *c = &n->children[i];
        json_array_append_new(arr,
                              json_pack("{s:s, s:o, s:s, s:o}", "label", c->label, "title",
                                        c->title ? json_string(c->title) : json_null(), "clause",
                                        c->first_clause, "children", outline_json(c)));
    }
    return arr;
}

static int api_document(req *r, const char *file)
{
    doc_view v;
    ps_error err = {0};
    ps_status st = doc_view_load(r->ix, file, &v, &err);
    if (st != PS_OK)
        return st == PS_ERR_NOT_FOUND ? req_json_error(r, 404, "no indexed document \"%s\"", file)
                                      : req_json_error(r, 500, "%s", err.msg);
    json_t *clauses = json_array();
    for (size_t i = 0; i < ps_hits_count(v.hits); i++) {
        const ps_record *rec = ps_hits_get(v.hits, i)->record;
        json_t *path = json_array();
        for (size_t k = 0; k < rec->n_path; k++)
            json_array_append_new(
                path,
                json_pack("{s:s, s:o}", "label", rec->path[k].label, "title",
                          rec->path[k].title ? json_string(rec->path[k].title) : json_null()));
        json_array_append_new(
            clauses, json_pack("{s:s, s:s, s:o, s:s, s:o, s:I, s:I}", "id", rec->clause, "label",
                               rec->label ? rec->label : "", "path", path, "citation",
                               rec->citation, "text", json_string(rec->text), "line_start",
                               (json_int_t)rec->line_start, "line_end", (json_int_t)rec->line_end));
    }
    json_t *doc = doc_meta_json(ps_hits_count(v.hits) ? ps_hits_get(v.hits, 0)->doc : NULL);
    int status = send_json(r, json_pack("{s:o, s:o, s:o}", "doc", doc, "outline",
                                        outline_json(&v.outline), "clauses", clauses));
    doc_view_free(&v);
    return status;
}

/* The documents' metadata and the department tally: 0, or the status of the error sent. */
static int load_tally(req *r, doc_list *docs, tally *t)
{
    if (docs_load(r->ix, docs) != PS_OK)
        return req_json_error(r, 500, "cannot read the documents' metadata");
    if (!tally_load(r->ix, docs, t)) {
        docs_free(docs);
        return req_json_error(r, 500, "cannot count the departments");
    }
    return 0;
}

static int api_departments(req *r)
{
    doc_list docs;
    tally t;
    int status = load_tally(r, &docs, &t);
    if (status)
        return status;
    json_t *arr = json_array();
    for (size_t i = 0; i < t.n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:I, s:I, s:I}", "name", t.v[i].name, "clauses",
                                             (json_int_t)t.v[i].measures, "lead",
                                             (json_int_t)t.v[i].lead, "supporting",
                                             (json_int_t)t.v[i].supporting));
    status = send_json(r, json_pack("{s:s, s:I, s:o}", "counts", "measures (clauses)", "clauses",
                                    (json_int_t)t.clauses, "departments", arr));
    tally_free(&t);
    docs_free(&docs);
    return status;
}

/* Content-Disposition for a report: an ASCII fallback name and the department's own name
 * (RFC 5987), so a browser saves 市财政局.csv. */
static char *attachment_name(const char *dept, const char *ext)
{
    char *enc = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&enc, &n);
    if (!f)
        xalloc_die(0);
    url_part(f, dept);
    fclose(f);
    char *s = xasprintf("attachment; filename=\"dept.%s\"; filename*=UTF-8''%s.%s", ext, enc, ext);
    free(enc);
    return s;
}

static int api_dept(req *r)
{
    const char *format = req_arg_nonempty(r, "format");
    if (format && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "md"))
        return req_json_error(r, 400, "format is json, csv or md");
    dept_view v;
    char why[600];
    int status = dept_view_load(r, &v, why, sizeof why);
    if (status) {
        dept_view_free(&v);
        return req_json_error(r, status, "%s", why);
    }
    if (!format || strcmp(format, "json") == 0) {
        const char **roles = xcalloc(v.n + 1, sizeof *roles);
        for (size_t i = 0; i < v.n; i++)
            roles[i] = dept_view_role(&v, dept_view_hit(&v, i)->record);
        ps_page_json how = {.pick = v.keep, .n_pick = v.n, .roles = roles};
        char *results = ps_hits_results_json(v.h, &how);
        free(roles);
        json_t *names = json_array();
        for (size_t i = 0; i < v.f.n_depts; i++)
            json_array_append_new(names, json_string(v.f.depts[i]));
        /* the library's results array, as it wrote it, inside this document */
        json_t *head = json_pack("{s:s, s:o, s:s, s:I}", "dept", v.typed, "departments", names,
                                 "role", v.role ? v.role : "any", "total", (json_int_t)v.n);
        char *h = head ? json_dumps(head, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
        json_decref(head);
        size_t hl = h ? strlen(h) : 0;
        if (!results || hl < 2 || h[hl - 1] != '}') {
            free(h);
            free(results);
            dept_view_free(&v);
            return req_json_error(r, 500, "out of memory");
        }
        h[hl - 2] = '\0'; /* "…\n}": the members, then the results */
        fprintf(r->out, "%s,\n  \"results\": %s\n}\n", h, results);
        free(h);
        free(results);
        r->content_type = JSON_TYPE;
        status = 200;
    } else {
        bool md = strcmp(format, "md") == 0;
        /* as policy-search --dept X --format F writes it */
        clause_report_write(r->out, md ? "md" : "csv", v.f.depts[0], v.h, v.keep, v.n,
                            (const char *const *)v.f.depts, v.f.n_depts, v.role);
        r->content_type = md ? "text/markdown; charset=utf-8" : "text/csv; charset=utf-8";
        r->disposition = attachment_name(v.f.depts[0], md ? "md" : "csv");
        status = 200;
    }
    dept_view_free(&v);
    return status;
}

static int api_related(req *r, const char *id)
{
    size_t limit = 10;
    const char *l = req_arg_nonempty(r, "limit");
    if (l) {
        char *end;
        long v = strtol(l, &end, 10);
        if (*end || v < 1 || v > PAGE_MAX)
            return req_json_error(r, 400, "limit is a number from 1 to %d", PAGE_MAX);
        limit = (size_t)v;
    }
    ps_hits *h = NULL;
    ps_error err = {0};
    if (ps_index_related(r->ix, id, limit, &h, &err) != PS_OK)
        return search_failed(r, &err);
    int status = send_hits(r, h, NULL, id, 0, NULL, NULL);
    ps_hits_free(h);
    return status;
}

/* The doc= argument and every document's metadata, which /api/cites and /api/cited-by
 * resolve it against: 0, or the error status already written. */
static int doc_and_docs(req *r, const char **doc, doc_list *docs)
{
    *doc = req_arg_nonempty(r, "doc");
    if (!*doc)
        return req_json_error(r, 400, "give the document: doc= (title, 文号 or file name)");
    if (docs_load(r->ix, docs) != PS_OK)
        return req_json_error(r, 500, "cannot read the documents' metadata");
    return 0;
}

static int api_cites(req *r)
{
    const char *doc;
    doc_list docs;
    int failed = doc_and_docs(r, &doc, &docs);
    if (failed)
        return failed;
    size_t n = 0;
    const char **files = docs_match_ranked(&docs, doc, &n, NULL);
    json_t *all = json_array();
    int status = 200;
    for (size_t i = 0; i < n && status == 200; i++) {
        cites_view cv;
        ps_error err = {0};
        if (cites_view_load(r->ix, &docs, files[i], &cv, &err) != PS_OK) {
            status = search_failed(r, &err);
            break;
        }
        json_t *arr = json_array();
        for (size_t k = 0; k < cv.n; k++) {
            json_t *o = json_object();
            json_object_set_new(o, cv.v[k].title ? "title" : "number",
                                json_string(cv.v[k].title ? cv.v[k].title : cv.v[k].number));
            json_object_set_new(o, "resolved",
                                cv.v[k].target ? json_string(cv.v[k].target->file) : json_null());
            json_t *ids = json_array();
            for (size_t j = 0; j < cv.v[k].n_clauses; j++)
                json_array_append_new(ids, json_string(cv.v[k].clauses[j]));
            json_object_set_new(o, "clauses", ids);
            json_array_append_new(arr, o);
        }
        json_array_append_new(all, json_pack("{s:s, s:o}", "doc", files[i], "cites", arr));
        cites_view_free(&cv);
    }
    if (status == 200) {
        json_t *top = json_pack("{s:o}", "documents", all);
        if (n == 0)
            json_object_set_new(top, "note",
                                json_string("no indexed document has this in its title, 文号 or "
                                            "file name"));
        status = send_json(r, top);
    } else {
        json_decref(all);
    }
    free(files);
    docs_free(&docs);
    return status;
}

static int api_cited_by(req *r)
{
    const char *doc;
    doc_list docs;
    int failed = doc_and_docs(r, &doc, &docs);
    if (failed)
        return failed;
    char why[600];
    const doc_info *d = NULL;
    int status = cited_doc(&docs, doc, &d, why, sizeof why);
    if (status) {
        docs_free(&docs);
        return req_json_error(r, status, "%s", why);
    }
    ps_hits *h = NULL;
    ps_error err = {0};
    if (cited_by_search(r->ix, d, ALL_CLAUSES, &h, &err) != PS_OK)
        status = search_failed(r, &err);
    else
        status = send_hits(r, h, NULL, doc, 0, NULL, NULL);
    ps_hits_free(h);
    docs_free(&docs);
    return status;
}

static int api_matrix(req *r)
{
    doc_list docs;
    tally t;
    int status = load_tally(r, &docs, &t);
    if (status)
        return status;
    json_t *rows = json_array(), *cols = json_array();
    for (size_t d = 0; d < docs.n; d++)
        json_array_append_new(
            cols, json_pack("{s:s, s:o}", "file", docs.v[d].file, "title",
                            docs.v[d].title ? json_string(docs.v[d].title) : json_null()));
    for (size_t k = 0; k < t.n; k++) {
        json_t *c = json_array();
        for (size_t d = 0; d < docs.n; d++)
            json_array_append_new(c, json_integer((json_int_t)t.v[k].per_doc[d]));
        json_array_append_new(rows, json_pack("{s:s, s:o, s:I}", "department", t.v[k].name,
                                              "clauses", c, "total", (json_int_t)t.v[k].measures));
    }
    status = send_json(r, json_pack("{s:s, s:o, s:o}", "counts", "measures (clauses)", "documents",
                                    cols, "departments", rows));
    tally_free(&t);
    docs_free(&docs);
    return status;
}

int api_dispatch(req *r, const char *rest)
{
    if (strcmp(rest, "/search") == 0)
        return api_search(r);
    if (strcmp(rest, "/clause") == 0)
        return api_clause(r, NULL);
    if (strncmp(rest, "/clause/", 8) == 0 && rest[8])
        return api_clause(r, rest + 8);
    if (strcmp(rest, "/documents") == 0)
        return api_documents(r);
    if (strncmp(rest, "/document/", 10) == 0 && rest[10])
        return api_document(r, rest + 10);
    if (strcmp(rest, "/departments") == 0)
        return api_departments(r);
    if (strcmp(rest, "/dept") == 0)
        return api_dept(r);
    if (strncmp(rest, "/related/", 9) == 0 && rest[9])
        return api_related(r, rest + 9);
    if (strcmp(rest, "/cites") == 0)
        return api_cites(r);
    if (strcmp(rest, "/cited-by") == 0)
        return api_cited_by(r);
    if (strcmp(rest, "/matrix") == 0)
        return api_matrix(r);
    return req_json_error(r, 404, "no such endpoint: /api%s", rest);
}
