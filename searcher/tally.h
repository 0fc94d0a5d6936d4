/* tally.h: how many measures each department has, in all and per document, and how many of
 * them it leads or supports: one pass over every clause (each counted once, however many
 * paragraphs it has). Used by --departments and --matrix. */
#ifndef PS_TALLY_H
#define PS_TALLY_H
#include <stdbool.h>
#include <stddef.h>

#include "docs.h"
#include "ps.h"

typedef struct dept_tally {
    char *name; /* canonical */
    size_t measures, lead, supporting;
    size_t *per_doc; /* measures per document, in the doc_list's order */
} dept_tally;

typedef struct tally {
    dept_tally *v; /* most measures first, then by name */
    size_t n;
    size_t n_docs;
    size_t clauses; /* every clause seen */
} tally;

/* Counts over every indexed clause; prints the error and returns false on failure. */
bool tally_load(ps_index *ix, const doc_list *docs, tally *out);
void tally_free(tally *t);

#endif
