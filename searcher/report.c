/* report.c: reports that count or list measures (clauses, each counted once however many
 * paragraphs it has), for people and for spreadsheets (sheet.h):
 *   --dept 市财政局 --format F   every clause of the department (or of any listing: a search,
 *                                --clause, --related, --cited-by) with its role, citation, text
 *                                and source, ready to paste
 *   --departments                measures per department, and how many it leads or supports
 *   --matrix                     measures per department and document */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "clause_report.h"
#include "options.h"
#include "sheet.h"
#include "tally.h"
#include "xalloc.h"

enum { ALL = 100000 };

int report_hits(const options *o, const ps_hits *h, const char *what)
{
    size_t n = ps_hits_count(h);
    int st = clause_report_write(stdout, o->format, what, h, NULL, n, o->dept_names,
                                 o->n_dept_names, NULL);
    if (st < 0)
        return EXIT_FAIL;
    if (n == 0)
        fprintf(stderr, "policy-search: no clause matches: the report has its header only\n");
    return st == 0 ? EXIT_OK : EXIT_FAIL;
}

int run_report(const options *o, ps_index *ix, const ps_query *q, const doc_list *docs)
{
    ps_search s;
    const char **files;
    if (!options_search(o, q, docs, &s, &files)) {
        free(files);
        return EXIT_OK; /* no document matched --doc: said so */
    }
    s.offset = 0;
    s.limit = o->limit_set ? o->limit : ALL;
    ps_hits *h = NULL;
    ps_error err = {0};
    int status;
    if (ps_index_search(ix, &s, &h, &err) != PS_OK) {
        fprintf(stderr, "policy-search: %s\n", err.msg);
        status = EXIT_FAIL;
    } else {
        char *what = o->n_dept_names ? xstrdup(o->dept_names[0])
                     : *o->words     ? xstrdup(o->words)
                                     : xasprintf("%s", o->clause ? o->clause : "clauses");
        status = report_hits(o, h, what);
        free(what);
    }
    ps_hits_free(h);
    free(files);
    return status;
}

/* ---- Counts ---------------------------------------------------------------------------------- */

static char *num(size_t n)
{
    return xasprintf("%zu", n);
}

int run_departments(const options *o, ps_index *ix, const doc_list *docs)
{
    tally t;
    if (!tally_load(ix, docs, &t))
        return EXIT_FAIL;
    if (o->print.json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < t.n; i++)
            json_array_append_new(arr, json_pack("{s:s, s:I, s:I, s:I}", "name", t.v[i].name,
                                                 "clauses", (json_int_t)t.v[i].measures, "lead",
                                                 (json_int_t)t.v[i].lead, "supporting",
                                                 (json_int_t)t.v[i].supporting));
        print_json(stdout, ix,
                   json_pack("{s:s, s:I, s:o}", "counts", "measures (clauses)", "clauses",
                             (json_int_t)t.clauses, "departments", arr));
    } else if (o->format) {
        static const sheet_col cols[] = {{"部门", "department", false},
                                         {"措施数", "measures", true},
                                         {"牵头", "lead", true},
                                         {"配合", "supporting", true}};
        sheet *sh = sheet_open(o->format, stdout, "各部门措施数", cols, 4);
        for (size_t i = 0; sh && i < t.n; i++) {
            char *m = num(t.v[i].measures), *l = num(t.v[i].lead), *s = num(t.v[i].supporting);
            const char *row[] = {t.v[i].name, m, l, s};
            sheet_row(sh, row);
            free(m);
            free(l);
            free(s);
        }
        if (!sh || !sheet_close(sh)) {
            tally_free(&t);
            return EXIT_FAIL;
        }
    } else {
        printf("measures  lead  supporting  department\n");
        for (size_t i = 0; i < t.n; i++)
            printf("%8zu  %4zu  %10zu  %s\n", t.v[i].measures, t.v[i].lead, t.v[i].supporting,
                   t.v[i].name);
        printf("%zu departments; a measure (clause) counts once however many paragraphs it "
               "has\n",
               t.n);
    }
    tally_free(&t);
    return EXIT_OK;
}

int run_matrix(const options *o, ps_index *ix, const doc_list *docs)
{
    tally t;
    if (!tally_load(ix, docs, &t))
        return EXIT_FAIL;
    int status = EXIT_OK;
    if (o->print.json) {
        json_t *rows = json_array(), *cols = json_array();
        for (size_t d = 0; d < docs->n; d++)
            json_array_append_new(
                cols, json_pack("{s:s, s:o}", "file", docs->v[d].file, "title",
                                docs->v[d].title ? json_string(docs->v[d].title) : json_null()));
        for (size_t r = 0; r < t.n; r++) {
            json_t *c = json_array();
            for (size_t d = 0; d < docs->n; d++)
                json_array_append_new(c, json_integer((json_int_t)t.v[r].per_doc[d]));
            json_array_append_new(rows,
                                  json_pack("{s:s, s:o, s:I}", "department", t.v[r].name, "clauses",
                                            c, "total", (json_int_t)t.v[r].measures));
        }
        print_json(stdout, ix,
                   json_pack("{s:s, s:o, s:o}", "counts", "measures (clauses)", "documents", cols,
                             "departments", rows));
    } else if (o->format) {
        sheet_col *cols = xcalloc(docs->n + 2, sizeof *cols);
        cols[0] = (sheet_col){"部门", "department", false};
        for (size_t d = 0; d < docs->n; d++)
            cols[d + 1] = (sheet_col){docs->v[d].title ? docs->v[d].title : docs->v[d].file,
                                      docs->v[d].file, true};
        cols[docs->n + 1] = (sheet_col){"合计", "total", true};
        sheet *sh = sheet_open(o->format, stdout, "部门×文件措施数", cols, docs->n + 2);
        for (size_t r = 0; sh && r < t.n; r++) {
            char **cells = xcalloc(docs->n + 2, sizeof *cells);
            cells[0] = xstrdup(t.v[r].name);
            for (size_t d = 0; d < docs->n; d++)
                cells[d + 1] = num(t.v[r].per_doc[d]);
            cells[docs->n + 1] = num(t.v[r].measures);
            sheet_row(sh, (const char *const *)cells);
            for (size_t k = 0; k < docs->n + 2; k++)
                free(cells[k]);
            free(cells);
        }
        status = sh && sheet_close(sh) ? EXIT_OK : EXIT_FAIL;
        free(cols);
    } else {
        size_t name_w = 10;
        for (size_t r = 0; r < t.n; r++)
            if (ps_width_cols(t.v[r].name) > name_w)
                name_w = ps_width_cols(t.v[r].name);
        printf("%-*s", (int)name_w, "department");
        for (size_t d = 0; d < docs->n; d++)
            printf("  D%-3zu", d + 1);
        printf("  total\n");
        for (size_t r = 0; r < t.n; r++) {
            printf("%s%*s", t.v[r].name, (int)(name_w - ps_width_cols(t.v[r].name)), "");
            for (size_t d = 0; d < docs->n; d++)
                printf("  %4zu", t.v[r].per_doc[d]);
            printf("  %5zu\n", t.v[r].measures);
        }
        printf("\n");
        for (size_t d = 0; d < docs->n; d++)
            printf("D%zu  %s%s%s%s\n", d + 1, docs->v[d].file, docs->v[d].title ? " 《" : "",
                   docs->v[d].title ? docs->v[d].title : "", docs->v[d].title ? "》" : "");
        printf("counts are measures (clauses): a clause counts once however many paragraphs "
               "it has\n");
    }
    tally_free(&t);
    return status;
}
