/* report.c: task-list exports and the department x document matrix.
 *   --dept 市财政局 --format csv|md   every clause of the department (or of any listing), with
 *                                     its role, citation, text and source, ready to paste
 *   --matrix [--format csv|--json]    clause counts per department and document */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "xalloc.h"

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
static const char *role_of(const ps_record *r, const options *o)
{
    for (size_t i = 0; i < r->n_departments; i++)
        for (size_t k = 0; k < o->n_dept_names; k++)
            if (strcmp(r->departments[i].name, o->dept_names[k]) == 0)
                return ps_role_name(r->departments[i].role);
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
        const ps_hit *hit = ps_hits_get(h, i);
        const ps_record *r = hit->record;
        char ls[32], le[32], source[512];
        snprintf(ls, sizeof ls, "%zu", r->line_start);
        snprintf(le, sizeof le, "%zu", r->line_end);
        snprintf(source, sizeof source, "%s:%s-%s", hit->doc->source, ls, le);
        const char *role = role_of(r, o);
        if (csv) {
            const char *row[] = {canonical ? canonical : "",
                                 role,
                                 hit->doc->title ? hit->doc->title : hit->doc->file,
                                 hit->doc->date,
                                 r->citation,
                                 r->id,
                                 hit->doc->source,
                                 ls,
                                 le,
                                 r->text};
            for (size_t k = 0; k < 10; k++)
                csv_field(stdout, row[k], k == 9);
        } else {
            char rank[32];
            snprintf(rank, sizeof rank, "%zu", i + 1);
            md_cell(stdout, rank);
            md_cell(stdout, role);
            md_cell(stdout, r->citation);
            md_cell(stdout, r->text);
            md_cell(stdout, source);
            fputs("|\n", stdout);
        }
    }
    ps_hits_free(h);
    free(files);
    return EXIT_OK;
}

static void collect_dept(void *ctx, const char *name, size_t n)
{
    dept_list_add(ctx, name, n);
}

static int by_name(const void *key, const void *elem)
{
    return strcmp(key, ((const dept_count *)elem)->name);
}

/* Counts each department's distinct clauses (paragraphs of one clause count once) per document,
 * in one pass over every clause in document order: counts[row * docs->n + doc]. */
static bool count_matrix(ps_index *ix, const dept_list *depts, const doc_list *docs, size_t *counts)
{
    enum { PAGE = 2000 };
    const char **last = xcalloc(depts->n + 1, sizeof *last); /* each row's last clause */
    char **kept = NULL;                                      /* those strings, owned here */
    size_t n_kept = 0;
    bool ok = true;
    for (size_t offset = 0;; offset += PAGE) {
        ps_search s = {0};
        s.offset = offset;
        s.limit = PAGE;
        ps_hits *h = NULL;
        ps_error err = {0};
        if (ps_index_search(ix, &s, &h, &err) != PS_OK) {
            fprintf(stderr, "policy-search: %s\n", err.msg);
            ok = false;
            break;
        }
        for (size_t i = 0; i < ps_hits_count(h); i++) {
            const ps_hit *hit = ps_hits_get(h, i);
            const doc_info *doc = docs_by_file(docs, hit->doc->file);
            char *clause = NULL;
            for (size_t k = 0; doc && k < hit->record->n_departments; k++) {
                const dept_count *row = bsearch(hit->record->departments[k].name, depts->v,
                                                depts->n, sizeof *depts->v, by_name);
                size_t r = row ? (size_t)(row - depts->v) : 0;
                if (!row || (last[r] && strcmp(last[r], hit->record->clause) == 0))
                    continue;
                if (!clause) {
                    clause = xstrdup(hit->record->clause);
                    kept = xrealloc(kept, (n_kept + 1) * sizeof *kept);
                    kept[n_kept++] = clause;
                }
                last[r] = clause;
                counts[r * docs->n + (size_t)(doc - docs->v)]++;
            }
        }
        size_t got = ps_hits_count(h);
        ps_hits_free(h);
        if (got < PAGE)
            break;
    }
    for (size_t i = 0; i < n_kept; i++)
        free(kept[i]);
    free(kept);
    free(last);
    return ok;
}

/* Matrix rows: most clauses first, then by name. */
static const dept_list *sorting;
static int by_total(const void *a, const void *b)
{
    const dept_count *x = &sorting->v[*(const size_t *)a], *y = &sorting->v[*(const size_t *)b];
    if (x->clauses != y->clauses)
        return x->clauses < y->clauses ? 1 : -1;
    return strcmp(x->name, y->name);
}

int run_matrix(const options *o, ps_index *ix, const doc_list *docs)
{
    dept_list depts = {NULL, 0};
    ps_error err = {0};
    if (ps_index_each_dept(ix, collect_dept, &depts, &err) != PS_OK) {
        fprintf(stderr, "policy-search: %s\n", err.msg);
        return EXIT_FAIL;
    }
    size_t *counts = xcalloc(depts.n * docs->n + 1, sizeof *counts);
    if (!count_matrix(ix, &depts, docs, counts)) {
        free(counts);
        dept_list_free(&depts);
        return EXIT_FAIL;
    }
    for (size_t r = 0; r < depts.n; r++) {
        depts.v[r].clauses = 0;
        for (size_t d = 0; d < docs->n; d++)
            depts.v[r].clauses += counts[r * docs->n + d];
    }
    /* Rows by total; each row keeps its counts. */
    size_t *order = xmalloc((depts.n + 1) * sizeof *order);
    for (size_t r = 0; r < depts.n; r++)
        order[r] = r;
    sorting = &depts;
    qsort(order, depts.n, sizeof *order, by_total);
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
