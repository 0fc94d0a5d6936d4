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
    d->jurisdiction = dup_or_null(m->jurisdiction);
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
        free(d->jurisdiction);
        free(d->title_key);
        free(d->number_key);
    }
    free(l->v);
}

/* "十四五" names "第十四个五年规划": the n-th five-year plan, as titles write it. The caller
 * frees the result; NULL when the needle is no such short name. */
static char *five_year_form(const char *needle)
{
    static const char *const ORDINALS[] = {"十一", "十二", "十三", "十四", "十五", "十六", NULL};
    for (const char *const *o = ORDINALS; *o; o++) {
        const char *at = strstr(needle, *o);
        if (at && strncmp(at + strlen(*o), "五", strlen("五")) == 0)
            return xasprintf("%.*s第%s个五年%s", (int)(at - needle), needle, *o,
                             at + strlen(*o) + strlen("五"));
    }
    return NULL;
}

/* How well a document answers to 'needle': 0 not at all; more for the title or 文号 than the
 * file name, more for the n-th five-year plan itself ("十四五" in 《…第十四个五年规划…》) than
 * a title quoting it (《…“十四五”规划》), more for a wider government (the city's before a
 * district's). */
static int match_rank(const doc_info *d, const char *nn, const char *nlong)
{
    char *nf = ps_normalize(d->file ? d->file : "");
    char *nt = ps_normalize(d->title ? d->title : "");
    char *nno = ps_normalize(d->number ? d->number : "");
    int rank = 0;
    if (nlong && strstr(nt, nlong))
        rank = 4;
    else if (strstr(nt, nn) || (*nno && strstr(nno, nn)))
        rank = 3;
    else if (strstr(nf, nn))
        rank = 2;
    free(nf);
    free(nt);
    free(nno);
    if (rank && d->jurisdiction) /* 全国 < 上海市 < 上海市松江区: shorter is wider */
        rank = rank * 100 - (int)(strlen(d->jurisdiction) / 3);
    else
        rank *= 100;
    return rank;
}

typedef struct ranked_doc {
    const char *file;
    int rank;
} ranked_doc;

static int by_rank(const void *a, const void *b)
{
    const ranked_doc *x = a, *y = b;
    return x->rank != y->rank ? (x->rank < y->rank ? 1 : -1) : strcmp(x->file, y->file);
}

const char **docs_match_ranked(const doc_list *l, const char *needle, size_t *n, bool *clear)
{
    char *nn = ps_normalize(needle);
    char *longer = five_year_form(needle), *nlong = longer ? ps_normalize(longer) : NULL;
    ranked_doc *r = xcalloc(l->n + 1, sizeof *r);
    *n = 0;
    for (size_t i = 0; i < l->n; i++) {
        int rank = l->v[i].file ? match_rank(&l->v[i], nn, nlong) : 0;
        if (rank > 0)
            r[(*n)++] = (ranked_doc){l->v[i].file, rank};
    }
    qsort(r, *n, sizeof *r, by_rank);
    const char **files = xcalloc(l->n + 1, sizeof *files);
    for (size_t i = 0; i < *n; i++)
        files[i] = r[i].file;
    if (clear)
        *clear = *n == 1 || (*n > 1 && r[0].rank > r[1].rank);
    free(r);
    free(nn);
    free(longer);
    free(nlong);
    return files;
}

void docs_say_none(const char *needle)
{
    fprintf(stderr,
            "policy-search: no indexed document has \"%s\" in its title, 文号 or file name\n",
            needle);
}

const char **docs_match(const doc_list *l, const char *needle, size_t *n)
{
    const char **files = docs_match_ranked(l, needle, n, NULL);
    if (*n == 0)
        docs_say_none(needle);
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
