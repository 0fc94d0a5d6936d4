/* view.c: the data behind both the API and the pages (see view.h). */
#include <stdlib.h>
#include <string.h>

#include "clause_report.h"
#include "view.h"
#include "xalloc.h"

ps_status clause_get(ps_index *ix, const char *id, ps_hits **out, ps_error *err)
{
    ps_status st = ps_index_get(ix, id, out, err);
    if (st == PS_OK && ps_hits_count(*out) > 0) {
        const ps_record *rec = ps_hits_get(*out, 0)->record;
        if (rec->parts > 1 && strcmp(rec->clause, rec->id) != 0) {
            char *clause = xstrdup(rec->clause);
            ps_hits_free(*out);
            *out = NULL;
            st = ps_index_get(ix, clause, out, err);
            free(clause);
        }
    }
    return st;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *doc_meta_json(const ps_doc_meta *m)
{
    if (!m)
        return json_null();
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "file", str_or_null(m->file),
                     "source", str_or_null(m->source), "title", str_or_null(m->title), "cited_as",
                     str_or_null(m->cited_as), "issuer", str_or_null(m->issuer), "date",
                     str_or_null(m->date), "number", str_or_null(m->number), "format",
                     str_or_null(m->format), "jurisdiction", str_or_null(m->jurisdiction));
}

/* ---- Documents ---- */

char *heading_key(const ps_record *r, size_t depth)
{
    char *s = xstrdup("");
    for (size_t k = 0; k < depth && k < r->n_path; k++) {
        char *t = xasprintf("%s%s%s", s, k ? "/" : "", r->path[k].label ? r->path[k].label : "");
        free(s);
        s = t;
    }
    return s;
}

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void outline_add(outline_node *root, const ps_record *rec)
{
    outline_node *at = root;
    for (size_t k = 0; k < rec->n_path; k++) {
        const ps_heading *hd = &rec->path[k];
        outline_node *last = at->n_children ? &at->children[at->n_children - 1] : NULL;
        if (!last || !same(last->label, hd->label) || !same(last->title, hd->title)) {
            at->children = xreallocarray(at->children, at->n_children + 1, sizeof *at->children);
            last = &at->children[at->n_children++];
            memset(last, 0, sizeof *last);
            last->label = xstrdup(hd->label ? hd->label : "");
            last->title = hd->title ? xstrdup(hd->title) : NULL;
            last->first_clause = xstrdup(rec->clause);
            last->key = heading_key(rec, k + 1);
        }
        at = last;
    }
}

static void outline_free(outline_node *n)
{
    for (size_t i = 0; i < n->n_children; i++)
        outline_free(&n->children[i]);
    free(n->children);
    free(n->label);
    free(n->title);
    free(n->first_clause);
    free(n->key);
}

ps_status doc_view_load(ps_index *ix, const char *file, doc_view *v, ps_error *err)
{
    memset(v, 0, sizeof *v);
    ps_search s = {0};
    s.files = &file;
    s.n_files = 1;
    s.limit = ALL_CLAUSES;
    ps_status st = ps_index_search(ix, &s, &v->hits, err);
    if (st != PS_OK)
        return st;
    if (ps_hits_count(v->hits) == 0) {
        err->code = PS_ERR_NOT_FOUND;
        snprintf(err->msg, sizeof err->msg, "no indexed document \"%s\"", file);
        return PS_ERR_NOT_FOUND;
    }
    for (size_t i = 0; i < ps_hits_count(v->hits); i++)
        outline_add(&v->outline, ps_hits_get(v->hits, i)->record);
    return PS_OK;
}

void doc_view_free(doc_view *v)
{
    ps_hits_free(v->hits);
    outline_free(&v->outline);
    memset(v, 0, sizeof *v);
}

/* ---- Departments ---- */

int dept_view_load(req *r, dept_view *v, char *why, size_t why_bytes)
{
    memset(v, 0, sizeof *v);
    v->typed = req_arg_nonempty(r, "name");
    if (!v->typed)
        v->typed = req_arg_nonempty(r, "dept");
    if (!v->typed) {
        snprintf(why, why_bytes, "give the department: name=");
        return 400;
    }
    const char *role = req_arg_nonempty(r, "role"), *lead = req_arg_nonempty(r, "lead");
    if (role && strcmp(role, "lead") && strcmp(role, "supporting") && strcmp(role, "any")) {
        snprintf(why, why_bytes, "role is lead or supporting");
        return 400;
    }
    if (!role && lead && strcmp(lead, "0"))
        role = "lead";
    v->role = role && strcmp(role, "any") ? role : NULL;
    int status = filter_resolve_dept(r->ix, &v->f, v->typed, why, why_bytes);
    if (status)
        return status;
    ps_search s;
    filter_search(&v->f, &s);
    s.query = NULL;
    s.lead_only = v->role && strcmp(v->role, "lead") == 0;
    s.offset = 0;
    s.limit = ALL_CLAUSES;
    ps_error err = {0};
    if (ps_index_search(r->ix, &s, &v->h, &err) != PS_OK) {
        snprintf(why, why_bytes, "%s", err.msg);
        return 500;
    }
    size_t n = ps_hits_count(v->h);
    v->keep = xcalloc(n + 1, sizeof *v->keep);
    for (size_t i = 0; i < n; i++)
        if (!v->role || strcmp(dept_view_role(v, ps_hits_get(v->h, i)->record), v->role) == 0)
            v->keep[v->n++] = i;
    return 0;
}

const ps_hit *dept_view_hit(const dept_view *v, size_t i)
{
    return ps_hits_get(v->h, v->keep[i]);
}

const char *dept_view_role(const dept_view *v, const ps_record *rec)
{
    return clause_role(rec, (const char *const *)v->f.depts, v->f.n_depts, v->role);
}

void dept_view_free(dept_view *v)
{
    filter_free(&v->f);
    ps_hits_free(v->h);
    free(v->keep);
    memset(v, 0, sizeof *v);
}

/* ---- Citations ---- */

static void add_cited(cites_view *cv, const ps_cite *c, const char *id, const doc_list *docs)
{
    char *key = ps_cite_key(c->title ? c->title : c->number);
    cite_entry *e = NULL;
    for (size_t i = 0; i < cv->n && !e; i++)
        if (strcmp(cv->v[i].key, key) == 0)
            e = &cv->v[i];
    if (e) {
        free(key);
    } else {
        cv->v = xreallocarray(cv->v, cv->n + 1, sizeof *cv->v);
        e = &cv->v[cv->n++];
        memset(e, 0, sizeof *e);
        e->title = c->title ? xstrdup(c->title) : NULL;
        e->number = c->number ? xstrdup(c->number) : NULL;
        e->key = key;
        e->target = docs_resolve(docs, c);
    }
    for (size_t j = 0; j < e->n_clauses; j++)
        if (strcmp(e->clauses[j], id) == 0)
            return;
    e->clauses = xreallocarray(e->clauses, e->n_clauses + 1, sizeof *e->clauses);
    e->clauses[e->n_clauses++] = xstrdup(id);
}

ps_status cites_view_load(ps_index *ix, const doc_list *docs, const char *file, cites_view *out,
                          ps_error *err)
{
    memset(out, 0, sizeof *out);
    ps_search s = {0};
    s.files = &file;
    s.n_files = 1;
    s.limit = ALL_CLAUSES;
    ps_hits *h = NULL;
    ps_status st = ps_index_search(ix, &s, &h, err);
    if (st != PS_OK)
        return st;
    for (size_t i = 0; i < ps_hits_count(h); i++) {
        const ps_record *rec = ps_hits_get(h, i)->record;
        for (size_t k = 0; k < rec->n_cites; k++)
            add_cited(out, &rec->cites[k], rec->id, docs);
    }
    ps_hits_free(h);
    return PS_OK;
}

void cites_view_free(cites_view *cv)
{
    for (size_t i = 0; i < cv->n; i++) {
        free(cv->v[i].title);
        free(cv->v[i].number);
        free(cv->v[i].key);
        for (size_t j = 0; j < cv->v[i].n_clauses; j++)
            free(cv->v[i].clauses[j]);
        free(cv->v[i].clauses);
    }
    free(cv->v);
    memset(cv, 0, sizeof *cv);
}

int cited_doc(const doc_list *docs, const char *needle, const doc_info **out, char *why,
              size_t why_bytes)
{
    size_t n = 0;
    bool clear = false;
    const char **files = docs_match_ranked(docs, needle, &n, &clear);
    int shown = ps_utf8_prefix(needle, 120);
    int status = 0;
    if (n == 0) {
        snprintf(why, why_bytes, "no indexed document has \"%.*s\" in its title, 文号 or file name",
                 shown, needle);
        status = 404;
    } else if (n > 1 && !clear) {
        snprintf(why, why_bytes,
                 "\"%.*s\" matches %zu documents; name one (file name or more of the title)", shown,
                 needle, n);
        status = 400;
    } else {
        *out = docs_by_file(docs, files[0]);
    }
    free(files);
    return status;
}

ps_status cited_by_search(ps_index *ix, const doc_info *d, size_t limit, ps_hits **out,
                          ps_error *err)
{
    ps_search s = {0};
    s.cited_title = d->title;
    s.cited_number = d->number;
    s.exclude_file = d->file;
    s.limit = limit;
    return ps_index_search(ix, &s, out, err);
}
