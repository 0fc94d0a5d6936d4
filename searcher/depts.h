/* depts.h: --dept NAME resolved to the indexed departments it denotes. */
#ifndef PS_DEPTS_H
#define PS_DEPTS_H
#include "ps.h"

/* Every indexed department with its number of records (ps_index_each_dept), in name order. */
typedef struct dept_count {
    char *name;
    size_t clauses;
} dept_count;
typedef struct dept_list {
    dept_count *v;
    size_t n;
} dept_list;
ps_status dept_list_load(ps_index *ix, dept_list *out, ps_error *err);
void dept_list_free(dept_list *l);

typedef struct dept_names {
    char **v; /* canonical names */
    size_t n;
} dept_names;

/* Adds to 'out' every indexed department 'typed' denotes (ps_dept_matches) that it does not
 * hold yet (several --dept: any of them). When none does,
 * prints why and the nearest names, and returns EXIT_FAIL; when it found others than the name
 * typed, says which, with their jurisdictions, on stderr. */
int dept_resolve(ps_index *ix, const char *typed, dept_names *out);
void dept_names_free(dept_names *d);

/* dept_resolve without a word on stderr, for policy-search and policy-serve alike: adds to
 * 'out' what 'typed' denotes and returns how many indexed departments it denotes (those 'out'
 * held already too), or -1 when the departments cannot be read. On 0, *why receives "no
 * department matches "X"; nearest: A、B" (X cut to 'typed_bytes' bytes at a character
 * boundary; 0: whole); on -1, the index's error; otherwise NULL. The caller frees *why. */
long dept_match(ps_index *ix, const char *typed, int typed_bytes, dept_names *out, char **why);

#endif
