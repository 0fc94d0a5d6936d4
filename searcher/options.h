/* options.h: policy-search's command line, parsed once and passed to each mode. */
#ifndef PS_OPTIONS_H
#define PS_OPTIONS_H
#include <stdbool.h>
#include <stddef.h>

#include "docs.h"
#include "print.h"

enum { MAX_REPEATED = 16 }; /* --dept or --doc given this many times at most */

typedef struct options {
    const char *db, *dept, *doc, *clause, *related, *cites, *cited_by, *format, *bench;
    /* every --dept and --doc given (dept and doc: the first); several mean any of them */
    const char *depts[MAX_REPEATED], *docs[MAX_REPEATED];
    size_t n_depts, n_docs;
    const char *dbs[MAX_REPEATED]; /* every --db given: one index of them all */
    size_t n_dbs;
    bool lead, departments, matrix, full, partial;
    size_t limit, offset;
    bool limit_set;
    char *words;                   /* the query words, space-joined ("" when none) */
    const char *const *dept_names; /* --dept resolved against the index (depts.c) */
    size_t n_dept_names;
    print_opts print;
} options;

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Reads the command line into 'o' (args.c). Returns -1 to go on, else an exit status (after
 * printing usage, or why the command line is wrong). o->words is the caller's to free. */
int options_parse(int argc, char **argv, options *o);

/* Fills 's' from the options: query, department, --doc files (resolved against 'docs'),
 * clause label, page. *files receives an array the caller frees. Returns false (after
 * printing why) when the options select no document. */
bool options_search(const options *o, const ps_query *q, const doc_list *docs, ps_search *s,
                    const char ***files);

/* The modes (search.c, xref.c, report.c, bench.c). Each returns an exit status. */
int run_search(const options *o, ps_index *ix, const ps_query *q, const doc_list *docs);
int run_departments(const options *o, ps_index *ix, const doc_list *docs);
int run_full_id(const options *o, ps_index *ix);
/* A page of clauses as a report in o->format (report.c); 'what' heads it. */
int report_hits(const options *o, const ps_hits *h, const char *what);
int run_related(const options *o, ps_index *ix);
int run_cites(const options *o, ps_index *ix, const doc_list *docs);
int run_cited_by(const options *o, ps_index *ix, const doc_list *docs);
int run_report(const options *o, ps_index *ix, const ps_query *q, const doc_list *docs);
int run_matrix(const options *o, ps_index *ix, const doc_list *docs);
int run_bench(const options *o, ps_index *ix);

#endif
