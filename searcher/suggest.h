/* suggest.h: near queries shown when a search finds too little (ps_suggest). */
#ifndef PS_SEARCHER_SUGGEST_H
#define PS_SEARCHER_SUGGEST_H
#include <stdio.h>

#include "ps.h"

enum { SUGGESTIONS_SHOWN = 3 };

/* When a search 's' for the query 'text' found fewer than PS_SUGGEST_BELOW clauses ('total'),
 * prints on 'out' that the query, as typed, found so few, and the near queries that find more,
 * each with its count:
 *
 *   policy-search: no clause matches "人才住房" as typed; did you mean:
 *     人才 住房    1 clause (人才住房 split in two)
 *
 * Nothing when none does. Returns 0, or 1 after printing why the suggestions failed. */
int print_suggestions(FILE *out, ps_index *ix, const ps_search *s, const char *text, size_t total);

#endif
