/* docs.h: the indexed documents' metadata, for --doc filters and resolving citations. */
#ifndef PS_DOCS_H
#define PS_DOCS_H
#include <stdbool.h>
#include <stddef.h>

#include "ps.h"

typedef struct doc_info {
    char *file, *title, *issuer, *date, *number, *jurisdiction; /* NULL where unknown */
    char *title_key, *number_key; /* cite keys, for resolving references */
} doc_info;

typedef struct doc_list {
    doc_info *v;
    size_t n;
} doc_list;

/* Loads every document's metadata; prints the error and returns non-PS_OK on failure. */
ps_status docs_load(ps_index *ix, doc_list *out);
void docs_free(doc_list *l);
/* Files whose name or title contains 'needle' (normalized); *n receives the count, and when it
 * is 0 a line on stderr says so. The caller frees the array (not the strings, owned by the
 * list). */
const char **docs_match(const doc_list *l, const char *needle, size_t *n);
/* The same, best answer first (see docs.c match_rank), without a word on stderr (policy-serve
 * answers for itself); *clear tells whether the first answers better than any other (may be
 * NULL). */
const char **docs_match_ranked(const doc_list *l, const char *needle, size_t *n, bool *clear);
/* The line docs_match prints when nothing matches. */
void docs_say_none(const char *needle);
/* The document a reference (title or number) resolves to, or NULL. */
const doc_info *docs_resolve(const doc_list *l, const ps_cite *c);
const doc_info *docs_by_file(const doc_list *l, const char *file);

#endif
