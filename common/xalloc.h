/* xalloc.h: the programs' one allocation policy, as in git's wrapper.c. Each wrapper returns
 * memory or does not return: on out-of-memory it prints "PROGRAM: out of memory allocating N
 * bytes" on stderr and exits with EXIT_FAILURE (1, the programs' runtime-failure status). A
 * command-line run has nothing better to do, and no call site needs a NULL check, so none can
 * get one wrong. The library (lib/) does not use these: it returns PS_ERR_NOMEM and lets its
 * caller decide. */
#ifndef PS_XALLOC_H
#define PS_XALLOC_H
#include <stddef.h>

/* The name the message starts with ("policy-index"), set once at the top of main(). Until it is
 * set, the message has no prefix. */
extern const char *xalloc_program;

/* Prints the out-of-memory message and exits. n_bytes is the size that could not be had, or 0
 * when unknown (say, a library function returned NULL for out-of-memory). */
_Noreturn void xalloc_die(size_t n_bytes);

/* malloc, calloc and realloc that never return NULL. A size of 0 gives a valid pointer to pass
 * to free(); xrealloc(p, 0) frees p and returns such a pointer. The caller must free the result
 * with free(). */
void *xmalloc(size_t n_bytes);
void *xcalloc(size_t n_members, size_t member_bytes);
void *xrealloc(void *p, size_t n_bytes);

/* xmalloc and xrealloc of n_members * member_bytes, dying rather than overflowing the
 * product. */
void *xmallocarray(size_t n_members, size_t member_bytes);
void *xreallocarray(void *p, size_t n_members, size_t member_bytes);

/* Copies of a string, and of at most n_bytes of it (NUL-terminated). The caller must free the
 * result with free(). */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n_bytes);

/* A newly allocated string formatted as by printf. The caller must free the result with
 * free(). */
char *xasprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
