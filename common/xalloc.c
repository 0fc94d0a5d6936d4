/* xalloc.c: allocation wrappers that print and exit on out-of-memory (see xalloc.h). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

const char *xalloc_program = NULL;

_Noreturn void xalloc_die(size_t n_bytes)
{
    /* fprintf allocates nothing for these conversions, and stderr is unbuffered. */
    const char *name = xalloc_program ? xalloc_program : "";
    const char *sep = xalloc_program ? ": " : "";
    if (n_bytes)
        fprintf(stderr, "%s%sout of memory allocating %zu bytes\n", name, sep, n_bytes);
    else
        fprintf(stderr, "%s%sout of memory\n", name, sep);
    exit(EXIT_FAILURE);
}

void *xmalloc(size_t n_bytes)
{
    void *p = malloc(n_bytes ? n_bytes : 1); /* malloc(0) may return NULL on success */
    if (!p)
        xalloc_die(n_bytes);
    return p;
}

void *xcalloc(size_t n_members, size_t member_bytes)
{
    if (n_members == 0 || member_bytes == 0)
        n_members = member_bytes = 1;
    else if (n_members > SIZE_MAX / member_bytes)
        xalloc_die(SIZE_MAX);
    void *p = calloc(n_members, member_bytes);
    if (!p)
        xalloc_die(n_members * member_bytes);
    return p;
}

void *xrealloc(void *p, size_t n_bytes)
{
    if (n_bytes == 0) { /* realloc(p, 0) may free p and return NULL: not a failure to report */
        free(p);
        return xmalloc(0);
    }
    void *q = realloc(p, n_bytes);
    if (!q)
        xalloc_die(n_bytes);
    return q;
}

void *xreallocarray(void *p, size_t n_members, size_t member_bytes)
{
    if (member_bytes && n_members > SIZE_MAX / member_bytes)
        xalloc_die(SIZE_MAX);
    return xrealloc(p, n_members * member_bytes);
}

void *xmallocarray(size_t n_members, size_t member_bytes)
{
    return xreallocarray(NULL, n_members, member_bytes);
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

char *xstrndup(const char *s, size_t n_bytes)
{
    const char *end = memchr(s, '\0', n_bytes);
    size_t n = end ? (size_t)(end - s) : n_bytes;
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *xasprintf(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(NULL, 0, format, ap);
    va_end(ap);
    if (n < 0) /* EOVERFLOW: over INT_MAX bytes */
        xalloc_die(SIZE_MAX);
    char *s = xmalloc((size_t)n + 1);
    va_start(ap, format);
    vsnprintf(s, (size_t)n + 1, format, ap);
    va_end(ap);
    return s;
}
