/* depts.h: --dept NAME resolved to the indexed departments it denotes. */
#ifndef PS_DEPTS_H
#define PS_DEPTS_H
#include "options.h"

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

#endif
