/* clause_report.c: clause lists as reports, for policy-search and policy-serve (see
 * clause_report.h). */
#include <stdlib.h>
#include <string.h>

#include "clause_report.h"
#include "sheet.h"
#include "xalloc.h"

const char *clause_role(const ps_record *r, const char *const *depts, size_t n_depts,
                        const char *prefer)
{
    const char *found = NULL;
    for (size_t i = 0; i < r->n_departments; i++)
        for (size_t k = 0; k < n_depts; k++)
            if (strcmp(r->departments[i].name, depts[k]) == 0) {
                const char *role = ps_role_name(r->departments[i].role);
                if (prefer && strcmp(role, prefer) == 0)
                    return role; /* listed twice: the role asked for wins */
                if (!found)
                    found = role;
            }
    return found ? found : "";
}

char *departments_written(const ps_record *r)
{
    char *s = xstrdup("");
    for (size_t i = 0; i < r->n_departments; i++) {
        ps_role role = r->departments[i].role;
        char *t = xasprintf("%s%s%s%s", s, i ? "、" : "", r->departments[i].written,
                            role == PS_ROLE_LEAD         ? "（牵头）"
                            : role == PS_ROLE_SUPPORTING ? "（配合）"
                                                         : "");
        free(s);
        s = t;
    }
    return s;
}

static const sheet_col CLAUSE_COLS[] = {
    {"部门", "department", false}, {"职责", "role", false},        {"文件", "document", false},
    {"日期", "date", false},       {"引用", "citation", false},    {"编号", "id", false},
    {"源文件", "file", false},     {"起始行", "line_start", true}, {"结束行", "line_end", true},
    {"条文", "text", false},
};
/* Markdown, for memos: fewer, wider columns. */
static const sheet_col MD_COLS[] = {
    {"#", "#", true},        {"职责", "role", false},   {"条款", "clause", false},
    {"条文", "text", false}, {"出处", "source", false},
};

int clause_report_write(FILE *out, const char *format, const char *subject, const ps_hits *h,
                        const size_t *pick, size_t n, const char *const *depts, size_t n_depts,
                        const char *prefer)
{
    char *title = xasprintf("%s：%zu 条", subject, n);
    bool md = strcmp(format, "md") == 0;
    sheet *sh = md ? sheet_open(format, out, title, MD_COLS, 5)
                   : sheet_open(format, out, title, CLAUSE_COLS, 10);
    free(title);
    if (!sh)
        return -1;
    const char *canonical = n_depts == 1 ? depts[0] : NULL;
    for (size_t i = 0; i < n; i++) {
        const ps_hit *hit = ps_hits_get(h, pick ? pick[i] : i);
        const ps_record *r = hit->record;
        char *ls = xasprintf("%zu", r->line_start), *le = xasprintf("%zu", r->line_end);
        char *source = xasprintf("%s:%s-%s", hit->doc->source, ls, le);
        char *rank = xasprintf("%zu", i + 1);
        char *written = canonical ? xstrdup(canonical) : departments_written(r);
        const char *role = clause_role(r, depts, n_depts, prefer);
        if (md) {
            const char *row[] = {rank, role, r->citation, r->text, source};
            sheet_row(sh, row);
        } else {
            const char *row[] = {
                written,          role,        hit->doc->title ? hit->doc->title : hit->doc->file,
                hit->doc->date,   r->citation, r->id,
                hit->doc->source, ls,          le,
                r->text};
            sheet_row(sh, row);
        }
        free(ls);
        free(le);
        free(source);
        free(rank);
        free(written);
    }
    return sheet_close(sh) ? 0 : 1;
}
