/* docs.c: document metadata from the index ("doc:" metadata entries). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs.h"
#include "xalloc.h"

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static void add(void *ctx, const ps_doc_meta *m)
{
    doc_list *l = ctx;
    l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    doc_info *d = &l->v[l->n++];
    d->file = dup_or_null(m->file);
    d->title = dup_or_null(m->title);
    d->issuer = dup_or_null(m->issuer);
    d->date = dup_or_null(m->date);
    d->number = dup_or_null(m->number);
    d->title_key = d->title ? ps_cite_key(d->title) : NULL;
    d->number_key = d->number ? ps_cite_key(d->number) : NULL;
}

ps_status docs_load(ps_index *ix, doc_list *out)
{
    ps_error err = {0};
    out->v = NULL;
    out->n = 0;
    ps_status st = ps_index_each_doc(ix, add, out, &err);
    if (st != PS_OK)
        fprintf(stderr, "policy-search: %s\n", err.msg);
    return st;
}

void docs_free(doc_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        doc_info *d = &l->v[i];
        free(d->file);
        free(d->title);
        free(d->issuer);
        free(d->date);
        free(d->number);
        free(d->title_key);
        free(d->number_key);
    }
    free(l->v);
}

const char **docs_match(const doc_list *l, const char *needle, size_t *n)
{
    char *nn = ps_normalize(needle);
    const char **files = xcalloc(l->n + 1, sizeof *files);
    *n = 0;
    for (size_t i = 0; i < l->n; i++) {
        char *nf = ps_normalize(l->v[i].file ? l->v[i].file : "");
        char *nt = ps_normalize(l->v[i].title ? l->v[i].title : "");
        if (l->v[i].file && (strstr(nf, nn) || strstr(nt, nn)))
            files[(*n)++] = l->v[i].file;
        free(nf);
        free(nt);
    }
    free(nn);
    if (*n == 0)
        fprintf(stderr, "policy-search: no indexed document has \"%s\" in its file name or title\n",
                needle);
    return files;
}

const doc_info *docs_resolve(const doc_list *l, const ps_cite *c)
{
    char *key = ps_cite_key(c->title ? c->title : c->number);
    const doc_info *hit = NULL;
    for (size_t i = 0; i < l->n && !hit; i++) {
        const char *k = c->title ? l->v[i].title_key : l->v[i].number_key;
        if (k && *k && strcmp(k, key) == 0)
            hit = &l->v[i];
    }
    free(key);
    return hit;
}

const doc_info *docs_by_file(const doc_list *l, const char *file)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].file && strcmp(l->v[i].file, file) == 0)
            return &l->v[i];
    return NULL;
}
