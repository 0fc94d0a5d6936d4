/* buf.c: allocation wrappers, the growable byte buffer, the per-document arena and error
 * formatting. Out of memory aborts with one line (see ps-private.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

static void out_of_memory(size_t n_bytes)
{
    fprintf(stderr, "libps: out of memory allocating %zu bytes, aborting\n", n_bytes);
    abort();
}

void *psi_xmalloc(size_t n_bytes)
{
    void *p = malloc(n_bytes ? n_bytes : 1);
    if (!p)
        out_of_memory(n_bytes);
    return p;
}

void *psi_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *psi_xrealloc(void *p, size_t n_bytes)
{
    void *q = realloc(p, n_bytes ? n_bytes : 1);
    if (!q)
        out_of_memory(n_bytes);
    return q;
}

char *psi_xstrndup(const char *s, size_t n_bytes)
{
    char *d = psi_xmalloc(n_bytes + 1);
    memcpy(d, s, n_bytes);
    d[n_bytes] = '\0';
    return d;
}

static void buf_grow(psi_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = psi_xrealloc(b->data, cap);
    b->cap = cap;
}

void psi_buf_put(psi_buf *b, const char *s, size_t n_bytes)
{
    buf_grow(b, n_bytes);
    memcpy(b->data + b->len, s, n_bytes);
    b->len += n_bytes;
    b->data[b->len] = '\0';
}

void psi_buf_puts(psi_buf *b, const char *s)
{
    psi_buf_put(b, s, strlen(s));
}

void psi_buf_putc(psi_buf *b, char c)
{
    psi_buf_put(b, &c, 1);
}

void psi_buf_printf(psi_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    buf_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void psi_buf_clear(psi_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void psi_buf_free(psi_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *psi_buf_detach(psi_buf *b)
{
    char *s = b->data ? b->data : psi_xstrndup("", 0);
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

/* The arena is a chain of chunks; big requests get a chunk of their own. */
typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    max_align_t data[];
} chunk;

struct psi_arena {
    chunk *head;
};

enum { CHUNK_BYTES = 64 * 1024 };

psi_arena *psi_arena_new(void)
{
    return psi_xcalloc(1, sizeof(psi_arena));
}

void psi_arena_free(psi_arena *a)
{
    if (!a)
        return;
    for (chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}

void *psi_arena_alloc(psi_arena *a, size_t n_bytes)
{
    size_t need = (n_bytes + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    if (!a->head || a->head->cap - a->head->used < need) {
        size_t cap = need > CHUNK_BYTES / 4 ? need : CHUNK_BYTES;
        chunk *c = psi_xmalloc(sizeof(chunk) + cap);
        c->used = 0;
        c->cap = cap;
        if (cap == need && a->head) { /* keep the current chunk for small requests */
            c->next = a->head->next;
            a->head->next = c;
            c->used = need;
            return c->data;
        }
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)a->head->data + a->head->used;
    a->head->used += need;
    return p;
}

char *psi_arena_strndup(psi_arena *a, const char *s, size_t n_bytes)
{
    char *d = psi_arena_alloc(a, n_bytes + 1);
    memcpy(d, s, n_bytes);
    d[n_bytes] = '\0';
    return d;
}

char *psi_arena_strdup(psi_arena *a, const char *s)
{
    return s ? psi_arena_strndup(a, s, strlen(s)) : NULL;
}

ps_status psi_fail(ps_error *err, ps_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}
