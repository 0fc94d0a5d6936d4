/* report.c: task-list exports and the department x document matrix.
 *   --dept 市财政局 --format csv|md   every clause of the department (or of any listing), with
 *                                     its role, citation, text and source, ready to paste
 *   --matrix [--format csv|--json]    clause counts per department and document */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

enum { ALL = 100000 };

/* RFC 4180: quote every field, double the quotes inside. */
static void csv_field(FILE *out, const char *s, bool last)
{
    fputc('"', out);
    for (; s && *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputs(last ? "\"\r\n" : "\",", out);
}

/* Markdown table cell: no line breaks, escaped pipes. */
static void md_cell(FILE *out, const char *s)
{
    fputs("| ", out);
    for (; s && *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else if (*s == '\n' || *s == '\r')
            fputc(' ', out);
        else
            fputc(*s, out);
    }
    fputc(' ', out);
}

/* The role of the first of the --dept departments the record names: lead, supporting or
 * responsible; "" without --dept. */
static const char *role_of(json_t *rec, const options *o)
{
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(rec, "departments"), i, d)
    {
        const char *name = json_string_value(json_object_get(d, "name"));
        for (size_t k = 0; name && k < o->n_dept_names; k++)
            if (strcmp(name, o->dept_names[k]) == 0)
                return json_string_value(json_object_get(d, "role"));
    }
    return "";
}

int run_report(const options *o, ps_index *ix, const ps_query *q, const doc_list *docs)
{
    ps_search s;
    const char **files;
    options_search(o, q, docs, &s, &files);
    s.offset = 0;
    s.limit = o->limit_set ? o->limit : ALL;
    ps_hits *h = NULL;
    ps_error err = {0};
    if (ps_index_search(ix, &s, &h, &err) != PS_OK) {
        fprintf(stderr, "policy-search: %s\n", err.msg);
        free(files);
        return EXIT_FAIL;
    }
    const char *canonical = o->n_dept_names == 1 ? o->dept_names[0] : o->dept;
    bool csv = strcmp(o->format, "csv") == 0;
    if (csv) {
        const char *head[] = {"department", "role", "document",   "date",     "citation",
                              "id",         "file", "line_start", "line_end", "text"};
        for (size_t k = 0; k < 10; k++)
            csv_field(stdout, head[k], k == 9);
    } else {
        printf("# %s: %zu clause%s\n\n", canonical ? canonical : o->words, ps_hits_count(h),
               ps_hits_count(h) == 1 ? "" : "s");
        printf("| # | role | clause | text | source |\n|---|---|---|---|---|\n");
    }
    for (size_t i = 0; i < ps_hits_count(h); i++) {
        json_t *rec = json_loads(ps_hits_record_json(h, i), 0, NULL);
        if (!rec)
            continue;
        json_t *doc = json_object_get(rec, "doc"), *src = json_object_get(rec, "source");
        const char *title = json_string_value(json_object_get(doc, "title"));
        char ls[32], le[32], source[512];
        snprintf(ls, sizeof ls, "%lld", json_integer_value(json_object_get(src, "line_start")));
        snprintf(le, sizeof le, "%lld", json_integer_value(json_object_get(src, "line_end")));
        const char *file = json_string_value(json_object_get(src, "file"));
        snprintf(source, sizeof source, "%s:%s-%s", file ? file : "", ls, le);
        const char *text = json_string_value(json_object_get(rec, "text"));
        const char *citation = json_string_value(json_object_get(rec, "citation"));
        const char *role = role_of(rec, o);
        if (csv) {
            const char *row[] = {canonical ? canonical : "",
                                 role,
                                 title ? title : json_string_value(json_object_get(doc, "file")),
                                 json_string_value(json_object_get(doc, "date")),
                                 citation,
                                 json_string_value(json_object_get(rec, "id")),
                                 file,
                                 ls,
                                 le,
                                 text};
            for (size_t k = 0; k < 10; k++)
                csv_field(stdout, row[k], k == 9);
        } else {
            char rank[32];
            snprintf(rank, sizeof rank, "%zu", i + 1);
            md_cell(stdout, rank);
            md_cell(stdout, role);
            md_cell(stdout, citation);
            md_cell(stdout, text);
            md_cell(stdout, source);
            fputs("|\n", stdout);
        }
        json_decref(rec);
    }
    ps_hits_free(h);
    free(files);
    return EXIT_OK;
}

static void collect_dept(void *ctx, const char *name, size_t n)
{
    dept_list_add(ctx, name, n);
}

/* Distinct clauses (paragraphs of one clause count once) per document for one department. */
static bool count_row(ps_index *ix, const char *dept, const doc_list *docs, size_t *row)
{
    ps_search s = {0};
    s.depts = &dept;
    s.n_depts = 1;
    s.limit = ALL;
    ps_hits *h = NULL;
    ps_error err = {0};
    if (ps_index_search(ix, &s, &h, &err) != PS_OK) {
        fprintf(stderr, "policy-search: %s\n", err.msg);
        return false;
    }
    char last[1024] = "";
    for (size_t i = 0; i < ps_hits_count(h); i++) {
        json_t *rec = json_loads(ps_hits_record_json(h, i), 0, NULL);
        const char *id = json_string_value(json_object_get(rec, "id"));
        const char *file = json_string_value(json_object_get(json_object_get(rec, "doc"), "file"));
        char clause[1024];
        snprintf(clause, sizeof clause, "%s", id ? id : "");
        if (json_integer_value(json_object_get(rec, "parts")) > 1) {
            char *slash = strrchr(clause, '/');
            if (slash)
                *slash = '\0';
        }
        if (strcmp(clause, last) != 0) {
            for (size_t d = 0; d < docs->n; d++)
                if (file && strcmp(docs->v[d].file, file) == 0)
                    row[d]++;
            snprintf(last, sizeof last, "%s", clause);
        }
        json_decref(rec);
    }
    ps_hits_free(h);
    return true;
}

int run_matrix(const options *o, ps_index *ix, const doc_list *docs)
{
    dept_list depts = {NULL, 0};
    ps_error err = {0};
    if (ps_index_each_dept(ix, collect_dept, &depts, &err) != PS_OK) {
        fprintf(stderr, "policy-search: %s\n", err.msg);
        return EXIT_FAIL;
    }
    size_t *counts = calloc(depts.n * docs->n + 1, sizeof *counts);
    for (size_t r = 0; r < depts.n; r++) {
        if (!count_row(ix, depts.v[r].name, docs, counts + r * docs->n)) {
            free(counts);
            dept_list_free(&depts);
            return EXIT_FAIL;
        }
        depts.v[r].clauses = 0;
        for (size_t d = 0; d < docs->n; d++)
            depts.v[r].clauses += counts[r * docs->n + d];
    }
    /* Rows by total, most first; keep each row's counts with it. */
    size_t *order = malloc((depts.n + 1) * sizeof *order);
    for (size_t r = 0; r < depts.n; r++)
        order[r] = r;
    for (size_t a = 1; a < depts.n; a++)
        for (size_t b = a; b > 0 && depts.v[order[b - 1]].clauses < depts.v[order[b]].clauses;
             b--) {
            size_t t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    bool csv = o->format && strcmp(o->format, "csv") == 0;
    if (o->print.json) {
        json_t *rows = json_array(), *cols = json_array();
        for (size_t d = 0; d < docs->n; d++)
            json_array_append_new(
                cols, json_pack("{s:s, s:o}", "file", docs->v[d].file, "title",
                                docs->v[d].title ? json_string(docs->v[d].title) : json_null()));
        for (size_t k = 0; k < depts.n; k++) {
            size_t r = order[k];
            json_t *c = json_array();
            for (size_t d = 0; d < docs->n; d++)
                json_array_append_new(c, json_integer((json_int_t)counts[r * docs->n + d]));
            json_array_append_new(rows,
                                  json_pack("{s:s, s:o, s:I}", "department", depts.v[r].name,
                                            "clauses", c, "total", (json_int_t)depts.v[r].clauses));
        }
        print_json(stdout, json_pack("{s:o, s:o}", "documents", cols, "departments", rows));
    } else if (csv) {
        csv_field(stdout, "department", false);
        for (size_t d = 0; d < docs->n; d++)
            csv_field(stdout, docs->v[d].file, false);
        csv_field(stdout, "total", true);
        for (size_t k = 0; k < depts.n; k++) {
            size_t r = order[k];
            csv_field(stdout, depts.v[r].name, false);
            for (size_t d = 0; d < docs->n; d++) {
                char n[32];
                snprintf(n, sizeof n, "%zu", counts[r * docs->n + d]);
                csv_field(stdout, n, false);
            }
            char t[32];
            snprintf(t, sizeof t, "%zu", depts.v[r].clauses);
            csv_field(stdout, t, true);
        }
    } else {
        size_t name_w = 10;
        for (size_t r = 0; r < depts.n; r++)
            if (ps_width_cols(depts.v[r].name) > name_w)
                name_w = ps_width_cols(depts.v[r].name);
        printf("%-*s", (int)name_w, "department");
        for (size_t d = 0; d < docs->n; d++)
            printf("  D%-3zu", d + 1);
        printf("  total\n");
        for (size_t k = 0; k < depts.n; k++) {
            size_t r = order[k];
            printf("%s%*s", depts.v[r].name, (int)(name_w - ps_width_cols(depts.v[r].name)), "");
            for (size_t d = 0; d < docs->n; d++)
                printf("  %4zu", counts[r * docs->n + d]);
            printf("  %5zu\n", depts.v[r].clauses);
        }
        printf("\n");
        for (size_t d = 0; d < docs->n; d++)
            printf("D%zu  %s%s%s%s\n", d + 1, docs->v[d].file, docs->v[d].title ? " 《" : "",
                   docs->v[d].title ? docs->v[d].title : "", docs->v[d].title ? "》" : "");
    }
    free(order);
    free(counts);
    dept_list_free(&depts);
    return EXIT_OK;
}
