/* print.h: how policy-search shows results, for people (terminal or pipe) and as JSON. */
#ifndef PS_PRINT_H
#define PS_PRINT_H
#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "ps.h"

typedef struct print_opts {
    bool json;
    bool color; /* terminal: highlight with ANSI colour instead of [brackets] */
    bool full;  /* whole text, no highlight, citation line: ready to paste */
    const ps_suggestions *suggestions; /* --json: near queries, when the search found few */
    const char *query_text;
} print_opts;

/* Prints one page of hits; returns 0, or 1 when out of memory. */
int print_hits(FILE *out, const ps_hits *h, const ps_query *q, size_t offset, const print_opts *o);

/* Prints a JSON value, indented, and releases it; "partial" names the shards ix left out. */
void print_json(FILE *out, const ps_index *ix, json_t *top);

#endif
