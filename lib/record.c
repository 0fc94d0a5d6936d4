/* record.c: records as JSON, both ways, in one place. A record is stored in the index as the
 * JSON object --dump prints; a search reads it back here into a ps_record and ps_doc_meta,
 * once, and callers use the structures. Kept apart from doc.c so that programs that only
 * search do not link the readers (cmark, libxml2, iconv). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

const ps_doc_meta *ps_doc_get_meta(const ps_doc *doc)
{
    return &doc->meta;
}

size_t ps_doc_record_count(const ps_doc *doc)
{
    return doc->n_records;
}

const ps_record *ps_doc_get_record(const ps_doc *doc, size_t i)
{
    return i < doc->n_records ? &doc->records[i] : NULL;
}

/* ---- Writing --------------------------------------------------------------------------------- */

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* [{"name", "written", "role", "jurisdiction"}] */
static json_t *dept_array(const ps_dept *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o}", "name", v[i].name, "written",
                                             v[i].written, "role", ps_role_name(v[i].role),
                                             "jurisdiction", str_or_null(v[i].jurisdiction)));
    return arr;
}

static json_t *meta_object(const ps_doc_meta *m)
{
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "file", m->file, "title",
                     str_or_null(m->title), "cited_as", str_or_null(m->cited_as), "issuer",
                     str_or_null(m->issuer), "date", str_or_null(m->date), "number",
                     str_or_null(m->number), "jurisdiction", str_or_null(m->jurisdiction));
}

static json_t *record_object(const ps_doc_meta *m, const ps_record *r)
{
    json_t *path = json_array();
    for (size_t k = 0; k < r->n_path; k++)
        json_array_append_new(path, json_pack("{s:s, s:o}", "label", r->path[k].label, "title",
                                              str_or_null(r->path[k].title)));
    json_t *cites = json_array();
    for (size_t k = 0; k < r->n_cites; k++)
        json_array_append_new(cites, r->cites[k].title
                                         ? json_pack("{s:s}", "title", r->cites[k].title)
                                         : json_pack("{s:s}", "number", r->cites[k].number));
    json_t *o = json_pack(
        "{s:s, s:s, s:o, s:s, s:I, s:I, s:o, s:{s:s, s:I, s:I}, s:s, s:o, s:o, s:s, s:o}", "id",
        r->id, "clause", r->clause ? r->clause : r->id, "doc", meta_object(m), "label", r->label,
        "part", (json_int_t)r->part, "parts", (json_int_t)r->parts, "path", path, "source", "file",
        m->source, "line_start", (json_int_t)r->line_start, "line_end", (json_int_t)r->line_end,
        "text", r->text, "departments", dept_array(r->departments, r->n_departments), "deadline",
        str_or_null(r->deadline), "citation", r->citation, "cites", cites);
    json_t *src = o ? json_object_get(o, "source") : NULL;
    if (src && r->page_start) { /* a file with pages: where a reader finds the clause */
        json_object_set_new(src, "page_start", json_integer((json_int_t)r->page_start));
        json_object_set_new(src, "page_end", json_integer((json_int_t)r->page_end));
    }
    return o;
}

static char *dump_compact(json_t *o)
{
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    return s;
}

char *psi_doc_meta_json(const ps_doc_meta *m)
{
    return dump_compact(meta_object(m));
}

char *psi_record_json(const ps_doc_meta *m, const ps_record *r)
{
    return dump_compact(record_object(m, r));
}

char *ps_record_to_json(const ps_doc *doc, size_t i)
{
    const ps_record *r = ps_doc_get_record(doc, i);
    return r ? psi_record_json(&doc->meta, r) : NULL;
}

/* [{"query", "total", "total_exact", "kind", "from"}] */
static json_t *suggestion_array(const ps_suggestions *sg)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < ps_suggestions_count(sg); i++) {
        const ps_suggestion *g = ps_suggestions_get(sg, i);
        json_array_append_new(arr, json_pack("{s:s, s:I, s:b, s:s, s:o}", "query", g->query,
                                             "total", (json_int_t)g->total, "total_exact",
                                             g->total_exact, "kind", ps_suggest_kind_name(g->kind),
                                             "from", str_or_null(g->from)));
    }
    return arr;
}

static json_t *results_array(const ps_hits *h, const ps_page_json *how)
{
    enum { SNIPPET_CHARS = 90 };
    json_t *results = json_array();
    size_t n = how->pick ? how->n_pick : ps_hits_count(h);
    for (size_t i = 0; i < n; i++) {
        const ps_hit *hit = ps_hits_get(h, how->pick ? how->pick[i] : i);
        if (!hit)
            continue;
        json_t *o = record_object(hit->doc, hit->record);
        char *snippet = ps_snippet(hit->record->text, how->query, "[", "]", SNIPPET_CHARS);
        json_object_set_new(o, "rank", json_integer((json_int_t)(how->offset + i + 1)));
        json_object_set_new(o, "score", json_real(hit->score));
        json_object_set_new(o, "snippet", str_or_null(snippet));
        if (hit->shared_terms)
            json_object_set_new(o, "shared_terms", json_string(hit->shared_terms));
        if (how->roles && how->roles[i])
            json_object_set_new(o, "role", json_string(how->roles[i]));
        free(snippet);
        json_array_append_new(results, o);
    }
    return results;
}

static char *dump_page(json_t *v)
{
    char *s = v ? json_dumps(v, JSON_PRESERVE_ORDER | JSON_INDENT(1) | JSON_REAL_PRECISION(15) |
                                    JSON_ENCODE_ANY)
                : NULL;
    json_decref(v);
    return s;
}

char *ps_hits_results_json(const ps_hits *h, const ps_page_json *how)
{
    return dump_page(results_array(h, how));
}

char *ps_hits_to_json(const ps_hits *h, const ps_query *q, const char *query_text, size_t offset,
                      const ps_suggestions *suggestions)
{
    ps_page_json how = {
        .query = q, .query_text = query_text, .offset = offset, .suggestions = suggestions};
    return ps_hits_json(h, &how);
}

char *ps_hits_json(const ps_hits *h, const ps_page_json *how)
{
    const char *query_text = how->query_text;
    json_t *top = json_pack("{s:s, s:I, s:b, s:o}", "query", query_text ? query_text : "", "total",
                            (json_int_t)ps_hits_total(h), "total_exact", ps_hits_total_exact(h),
                            "results", results_array(h, how));
    if (top && how->suggestions)
        json_object_set_new(top, "suggestions", suggestion_array(how->suggestions));
    if (top && how->note)
        json_object_set_new(top, "note", json_string(how->note));
    if (top && psi_hits_partial_count(h)) { /* shards left out: the answer is not whole */
        json_t *names = json_array();
        for (size_t i = 0; i < psi_hits_partial_count(h); i++)
            json_array_append_new(names, json_string(psi_hits_partial(h, i)));
        json_object_set_new(top, "partial", names);
    }
    return dump_page(top);
}

/* ---- Reading back ---------------------------------------------------------------------------- */

/* A copy of a string member in the arena; NULL when missing or null. */
static const char *str_of(json_t *o, const char *key, psi_arena *a)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? psi_arena_strdup(a, s) : NULL;
}

static size_t int_of(json_t *o, const char *key)
{
    json_int_t v = json_integer_value(json_object_get(o, key));
    return v > 0 ? (size_t)v : 0;
}

static ps_role role_named(const char *s)
{
    return s && strcmp(s, "lead") == 0         ? PS_ROLE_LEAD
           : s && strcmp(s, "supporting") == 0 ? PS_ROLE_SUPPORTING
                                               : PS_ROLE_RESPONSIBLE;
}

static void read_meta(json_t *o, psi_arena *a, ps_doc_meta *m)
{
    memset(m, 0, sizeof *m);
    m->file = str_of(o, "file", a);
    m->title = str_of(o, "title", a);
    m->cited_as = str_of(o, "cited_as", a);
    m->issuer = str_of(o, "issuer", a);
    m->date = str_of(o, "date", a);
    m->number = str_of(o, "number", a);
    m->jurisdiction = str_of(o, "jurisdiction", a);
}

bool psi_doc_meta_read(const char *json, psi_arena *a, ps_doc_meta *m)
{
    json_t *o = json_loads(json, 0, NULL);
    read_meta(o, a, m);
    json_decref(o);
    return o && m->file;
}

bool psi_record_read(const char *json, psi_arena *a, ps_record *r, ps_doc_meta *m)
{
    json_t *o = json_loads(json, 0, NULL);
    memset(r, 0, sizeof *r);
    read_meta(json_object_get(o, "doc"), a, m);
    json_t *src = json_object_get(o, "source");
    m->source = str_of(src, "file", a);
    r->id = str_of(o, "id", a);
    r->clause = str_of(o, "clause", a);
    r->label = str_of(o, "label", a);
    r->part = int_of(o, "part");
    r->parts = int_of(o, "parts");
    r->line_start = int_of(src, "line_start");
    r->line_end = int_of(src, "line_end");
    r->page_start = int_of(src, "page_start");
    r->page_end = int_of(src, "page_end");
    r->text = str_of(o, "text", a);
    r->deadline = str_of(o, "deadline", a);
    r->citation = str_of(o, "citation", a);

    json_t *path = json_object_get(o, "path"), *depts = json_object_get(o, "departments"),
           *cites = json_object_get(o, "cites");
    ps_heading *hv = psi_arena_alloc(a, (json_array_size(path) + 1) * sizeof *hv);
    ps_dept *dv = psi_arena_alloc(a, (json_array_size(depts) + 1) * sizeof *dv);
    ps_cite *cv = psi_arena_alloc(a, (json_array_size(cites) + 1) * sizeof *cv);
    size_t i;
    json_t *e;
    json_array_foreach(path, i, e) hv[r->n_path++] =
        (ps_heading){str_of(e, "label", a), str_of(e, "title", a)};
    json_array_foreach(depts, i, e) dv[r->n_departments++] =
        (ps_dept){str_of(e, "name", a), str_of(e, "written", a), str_of(e, "jurisdiction", a),
                  role_named(json_string_value(json_object_get(e, "role")))};
    json_array_foreach(cites, i, e) cv[r->n_cites++] =
        (ps_cite){str_of(e, "title", a), str_of(e, "number", a)};
    r->path = hv;
    r->departments = dv;
    r->cites = cv;
    json_decref(o);
    bool whole = o && r->id && r->text && m->file && r->label && r->citation;
    for (size_t k = 0; whole && k < r->n_departments; k++)
        whole = dv[k].name && dv[k].written;
    if (whole && !r->clause)
        r->clause = r->id; /* an index written before records named their clause */
    return whole;
}
