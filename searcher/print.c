/* print.c: result output. Human output gives, per clause: rank and citation, departments
 * (lead marked), a snippet with the matched words highlighted, and file:line to open.
 * --json prints {"query", "total", "results"}: each result is the stored record plus rank,
 * score and snippet. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"

enum { SNIPPET_CHARS = 90 };

static const char *str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

bool json_array_has(json_t *arr, const char *name)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) if (strcmp(json_string_value(v), name) == 0) return true;
    return false;
}

static void print_human(FILE *out, json_t *rec, size_t rank, const char *snippet,
                        const char *shared)
{
    json_t *src = json_object_get(rec, "source");
    fprintf(out, "%zu. %s\n", rank, str(rec, "citation"));
    json_t *depts = json_object_get(rec, "departments");
    if (json_array_size(depts) > 0) {
        fputs("   departments: ", out);
        size_t i;
        json_t *d;
        json_array_foreach(depts, i, d)
        {
            const char *role = str(d, "role");
            fprintf(out, "%s%s%s", i ? "、" : "", str(d, "written"),
                    strcmp(role, "lead") == 0         ? "（牵头）"
                    : strcmp(role, "supporting") == 0 ? "（配合）"
                                                      : "");
        }
        fputc('\n', out);
    }
    if (shared)
        fprintf(out, "   shared terms: %s\n", shared);
    fprintf(out, "   %s\n", snippet);
    long long ls = json_integer_value(json_object_get(src, "line_start"));
    long long le = json_integer_value(json_object_get(src, "line_end"));
    if (ls == le)
        fprintf(out, "   %s:%lld\n\n", str(src, "file"), ls);
    else
        fprintf(out, "   %s:%lld-%lld\n\n", str(src, "file"), ls, le);
}

int print_hits(FILE *out, const ps_hits *h, const ps_query *q, size_t offset, const print_opts *o)
{
    json_t *results = json_array();
    int status = 0;
    for (size_t i = 0; i < ps_hits_count(h); i++) {
        json_error_t jerr;
        json_t *rec = json_loads(ps_hits_record_json(h, i), 0, &jerr);
        if (!rec) {
            fprintf(stderr, "policy-search: damaged record in the index: %s\n", jerr.text);
            status = 1;
            continue;
        }
        const char *open = o->json ? "[" : o->color ? "\033[1;31m" : "[";
        const char *close = o->json ? "]" : o->color ? "\033[0m" : "]";
        char *snippet = ps_snippet(str(rec, "text"), q, open, close, SNIPPET_CHARS);
        if (o->json) {
            json_object_set_new(rec, "rank", json_integer((json_int_t)(offset + i + 1)));
            json_object_set_new(rec, "score", json_real(ps_hits_score(h, i)));
            json_object_set_new(rec, "snippet", json_string(snippet));
            const char *shared = ps_hits_shared_terms(h, i);
            if (shared)
                json_object_set_new(rec, "shared_terms", json_string(shared));
            json_array_append(results, rec);
        } else {
            print_human(out, rec, offset + i + 1, snippet, ps_hits_shared_terms(h, i));
        }
        free(snippet);
        json_decref(rec);
    }
    if (o->json) {
        json_t *top = json_pack("{s:s, s:I, s:b, s:o}", "query", o->query_text ? o->query_text : "",
                                "total", (json_int_t)ps_hits_total(h), "total_exact",
                                ps_hits_total_exact(h), "results", results);
        print_json(out, top);
        return status;
    }
    json_decref(results);
    if (ps_hits_count(h) == 0)
        fputs("no clause matches\n", out);
    else if (offset + ps_hits_count(h) < ps_hits_total(h))
        fprintf(out, "showing %zu-%zu of %s%zu clauses; --offset %zu for more\n", offset + 1,
                offset + ps_hits_count(h), ps_hits_total_exact(h) ? "" : "about ", ps_hits_total(h),
                offset + ps_hits_count(h));
    else
        fprintf(out, "%zu clause%s\n", offset + ps_hits_count(h),
                offset + ps_hits_count(h) == 1 ? "" : "s");
    return status;
}

void dept_list_add(dept_list *l, const char *name, size_t clauses)
{
    l->v = realloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n].name = strdup(name);
    l->v[l->n].clauses = clauses;
    l->n++;
}

static int by_count(const void *a, const void *b)
{
    const dept_count *x = a, *y = b;
    if (x->clauses != y->clauses)
        return x->clauses < y->clauses ? 1 : -1;
    return strcmp(x->name, y->name);
}

void dept_list_sort(dept_list *l)
{
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, by_count);
}

void dept_list_free(dept_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].name);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

void print_json(FILE *out, json_t *top)
{
    char *s = json_dumps(top, JSON_PRESERVE_ORDER | JSON_INDENT(1));
    if (s)
        fprintf(out, "%s\n", s);
    free(s);
    json_decref(top);
}

void print_departments(FILE *out, const dept_list *l, const print_opts *o)
{
    if (o->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < l->n; i++)
            json_array_append_new(arr, json_pack("{s:s, s:I}", "name", l->v[i].name, "clauses",
                                                 (json_int_t)l->v[i].clauses));
        print_json(out, json_pack("{s:o}", "departments", arr));
        return;
    }
    for (size_t i = 0; i < l->n; i++)
        fprintf(out, "%6zu  %s\n", l->v[i].clauses, l->v[i].name);
}
