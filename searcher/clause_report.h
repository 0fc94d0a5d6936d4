/* clause_report.h: a list of clauses as a report (sheet.h), one row a clause with its role,
 * citation, text and source: what policy-search --dept X --format F writes and what
 * policy-serve's /api/dept?format= sends. */
#ifndef PS_CLAUSE_REPORT_H
#define PS_CLAUSE_REPORT_H
#include <stdio.h>

#include "ps.h"

/* The role of the first of 'depts' (canonical names) the record names: "lead", "supporting"
 * or "responsible"; "" when it names none. When a department is listed twice, 'prefer' (a role
 * name, or NULL) wins over the first. */
const char *clause_role(const ps_record *r, const char *const *depts, size_t n_depts,
                        const char *prefer);

/* Every department of a record as written, leads and supporters marked ("A（牵头）、B"). The
 * caller frees. */
char *departments_written(const ps_record *r);

/* Writes hits 'pick[0..n)' of 'h' (pick NULL: the first n) to 'out' as a clause report in
 * 'format' (csv, csv-plain, md, xlsx), titled "SUBJECT：N 条". 'depts' are the canonical
 * names the clauses were listed for (--dept); with exactly one, it fills the department
 * column, otherwise each clause's departments as written do. Returns 0 when written; -1 when
 * nothing could be (sheet_open said why); 1 when the report could not be finished (said). */
int clause_report_write(FILE *out, const char *format, const char *subject, const ps_hits *h,
                        const size_t *pick, size_t n, const char *const *depts, size_t n_depts,
                        const char *prefer);

#endif
