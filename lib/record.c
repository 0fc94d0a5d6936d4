/* record.c: access to a parsed document's records, and records as JSON (the object --dump
 * prints, the index stores and the searcher prints). Kept apart from doc.c so that programs
 * that only search do not link the readers (cmark, libxml2, iconv). */
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
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "file", m->file, "title",
                     str_or_null(m->title), "issuer", str_or_null(m->issuer), "date",
                     str_or_null(m->date), "number", str_or_null(m->number), "jurisdiction",
                     str_or_null(m->jurisdiction));
}

char *psi_doc_meta_json(const ps_doc *doc)
{
    json_t *o = meta_object(&doc->meta);
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    return s;
}

char *ps_record_to_json(const ps_doc *doc, size_t i)
{
    const ps_record *r = ps_doc_get_record(doc, i);
    return r ? psi_record_json(doc, r) : NULL;
}

char *psi_record_json(const ps_doc *doc, const ps_record *r)
{
    const ps_doc_meta *m = &doc->meta;
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
        "{s:s, s:o, s:s, s:I, s:I, s:o, s:{s:s, s:I, s:I}, s:s, s:o, s:o, s:s, s:o}", "id", r->id,
        "doc", meta_object(m), "label", r->label, "part", (json_int_t)r->part, "parts",
        (json_int_t)r->parts, "path", path, "source", "file", m->source, "line_start",
        (json_int_t)r->line_start, "line_end", (json_int_t)r->line_end, "text", r->text,
        "departments", dept_array(r->departments, r->n_departments), "deadline",
        str_or_null(r->deadline), "citation", r->citation, "cites", cites);
    if (!o)
        return NULL;
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}
