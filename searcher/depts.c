/* depts.c: --dept NAME resolved against the departments the index holds. A name typed in any
 * written form or alias, with or without its 市 / 区 / 上海市, finds every body it denotes; one
 * that matches nothing is an error that names the nearest departments, never "no clause
 * matches"; one that matches bodies of several jurisdictions lists them. policy-serve resolves
 * its dept= argument here too (dept_match), its message going into a 400. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "depts.h"
#include "options.h"
#include "xalloc.h"

static void dept_list_add(void *ctx, const char *name, size_t clauses)
{
    dept_list *l = ctx;
    l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
    l->v[l->n].name = xstrdup(name);
    l->v[l->n].clauses = clauses;
    l->n++;
}

ps_status dept_list_load(ps_index *ix, dept_list *out, ps_error *err)
{
    memset(out, 0, sizeof *out);
    return ps_index_each_dept(ix, dept_list_add, out, err);
}

void dept_list_free(dept_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].name);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/* Adds to 'out' (once) every name of 'all' that 'typed' denotes; returns how many it denotes,
 * those 'out' held already too. */
static size_t collect(const char *typed, const dept_list *all, dept_names *out)
{
    size_t matched = 0;
    for (size_t k = 0; k < all->n; k++) {
        const char *name = all->v[k].name;
        if (!ps_dept_matches(typed, name))
            continue;
        matched++;
        bool held = false;
        for (size_t i = 0; i < out->n && !held; i++)
            held = strcmp(out->v[i], name) == 0; /* another --dept found it already */
        if (!held) {
            out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
            out->v[out->n++] = xstrdup(name);
        }
    }
    return matched;
}

static unsigned next_cp(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    size_t len = *s < 0x80 ? 1 : *s < 0xE0 ? 2 : *s < 0xF0 ? 3 : 4;
    unsigned cp = len == 1 ? *s : *s & (0x3F >> (len - 1));
    size_t i = 1;
    for (; i < len && s[i]; i++) /* a sequence cut short ends at the NUL, not past it */
        cp = cp << 6 | (s[i] & 0x3F);
    *p += i;
    return cp;
}

/* Characters the two names share, in order (longest common subsequence), for suggestions. */
static size_t likeness(const char *a, const char *b)
{
    enum { MAX = 64 };
    unsigned ca[MAX], cb[MAX];
    size_t na = 0, nb = 0;
    for (const char *p = a; *p && na < MAX; na++)
        ca[na] = next_cp(&p);
    for (const char *p = b; *p && nb < MAX; nb++)
        cb[nb] = next_cp(&p);
    size_t prev[MAX + 1] = {0}, cur[MAX + 1] = {0};
    for (size_t i = 1; i <= na; i++) {
        for (size_t j = 1; j <= nb; j++)
            cur[j] = ca[i - 1] == cb[j - 1] ? prev[j - 1] + 1
                     : prev[j] > cur[j - 1] ? prev[j]
                                            : cur[j - 1];
        memcpy(prev, cur, sizeof prev);
    }
    return prev[nb];
}

/* "no department matches "X"; nearest: A、B": the names most like 'typed'. */
static char *suggest(const char *typed, int shown, const dept_list *all)
{
    enum { SHOWN = 5 };
    const char *best[SHOWN] = {0};
    size_t score[SHOWN] = {0};
    for (size_t i = 0; i < all->n; i++) {
        size_t s = likeness(typed, all->v[i].name);
        for (size_t k = 0; k < SHOWN; k++)
            if (s > score[k]) {
                memmove(best + k + 1, best + k, (SHOWN - k - 1) * sizeof *best);
                memmove(score + k + 1, score + k, (SHOWN - k - 1) * sizeof *score);
                best[k] = all->v[i].name;
                score[k] = s;
                break;
            }
    }
    char *why = xasprintf("no department matches \"%.*s\"", shown, typed);
    for (size_t k = 0; k < SHOWN && best[k] && score[k] >= 2; k++) {
        char *t = xasprintf("%s%s%s", why, k ? "、" : "; nearest: ", best[k]);
        free(why);
        why = t;
    }
    return why;
}

typedef struct places {
    const dept_names *names;
    size_t shown;
} places;

static void print_place(void *ctx, const char *name, const char *jurisdiction, size_t n)
{
    places *p = ctx;
    for (size_t i = 0; i < p->names->n; i++)
        if (strcmp(p->names->v[i], name) == 0)
            fprintf(stderr, "%s%s（%s，%zu）", p->shown++ ? "、" : "", name, jurisdiction, n);
}

/* "财政局: 市财政局（上海市，6）、市财政局（广州市，2）": which bodies a typed name found. */
static void say_matches(ps_index *ix, const char *typed, const dept_names *names)
{
    places p = {names, 0};
    ps_error err = {0};
    fprintf(stderr, "policy-search: \"%s\" matches ", typed);
    ps_index_each_dept_place(ix, print_place, &p, &err);
    if (!p.shown)
        for (size_t i = 0; i < names->n; i++)
            fprintf(stderr, "%s%s", i ? "、" : "", names->v[i]);
    fputc('\n', stderr);
}

long dept_match(ps_index *ix, const char *typed, int typed_bytes, dept_names *out, char **why)
{
    dept_list all;
    ps_error err = {0};
    long matched = -1;
    *why = NULL;
    if (dept_list_load(ix, &all, &err) != PS_OK) {
        *why = xstrdup(err.msg);
    } else {
        matched = (long)collect(typed, &all, out);
        if (!matched)
            *why = suggest(
                typed, typed_bytes ? ps_utf8_prefix(typed, typed_bytes) : (int)strlen(typed), &all);
    }
    dept_list_free(&all);
    return matched;
}

int dept_resolve(ps_index *ix, const char *typed, dept_names *out)
{
    size_t before = out->n;
    char *why;
    long matched = dept_match(ix, typed, 0, out, &why);
    if (matched < 0) {
        fprintf(stderr, "policy-search: %s\n", why);
    } else if (matched == 0) {
        fprintf(stderr, "policy-search: %s (policy-search --departments lists them all)\n", why);
    } else if (out->n - before > 1) {
        dept_names mine = {out->v + before, out->n - before};
        say_matches(ix, typed, &mine);
    }
    free(why);
    return matched > 0 ? EXIT_OK : EXIT_FAIL;
}

void dept_names_free(dept_names *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i]);
    free(d->v);
    memset(d, 0, sizeof *d);
}
