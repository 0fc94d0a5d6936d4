/* filter.c: the arguments a search page or /api/search takes, turned into a ps_search as the
 * command line does: q parsed (a query that does not parse is a 400 with the CLI's wording),
 * dept resolved against the indexed departments (ps_dept_matches: any alias, with or without
 * 市 / 区; a name that denotes none is a 400 naming the nearest), doc / issuer / from / to
 * resolved against the documents' metadata to a set of files. */
#include <stdlib.h>
#include <string.h>

#include "serve.h"
#include "xalloc.h"

static void add_name(void *ctx, const char *name, size_t n)
{
    name_counts *l = ctx;
    l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
    l->v[l->n++] = (name_count){xstrdup(name), n};
}

bool dept_names_load(ps_index *ix, name_counts *out)
{
    ps_error err = {0};
    memset(out, 0, sizeof *out);
    if (ps_index_each_dept(ix, add_name, out, &err) != PS_OK) {
        fprintf(stderr, "policy-serve: %s\n", err.msg);
        return false;
    }
    return true;
}

void name_counts_free(name_counts *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].name);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static unsigned next_cp(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    size_t len = *s < 0x80 ? 1 : *s < 0xE0 ? 2 : *s < 0xF0 ? 3 : 4;
    unsigned cp = len == 1 ? *s : *s & (0x3F >> (len - 1));
    size_t i = 1;
    for (; i < len && s[i]; i++)
        cp = cp << 6 | (s[i] & 0x3F);
    *p += i;
    return cp;
}

/* Characters two names share in order (longest common subsequence), as the CLI ranks them. */
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

/* "no department matches "X"; nearest: A、B" */
static void no_dept(const char *typed, const name_counts *all, char *why, size_t why_bytes)
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
    int shown = ps_utf8_prefix(typed, 120);
    size_t at = (size_t)snprintf(why, why_bytes, "no department matches \"%.*s\"", shown, typed);
    for (size_t k = 0; k < SHOWN && best[k] && score[k] >= 2 && at < why_bytes; k++)
        at += (size_t)snprintf(why + at, why_bytes - at, "%s%s", k ? "、" : "; nearest: ", best[k]);
}

static bool parse_count(const char *s, size_t max, size_t *out)
{
    char *end;
    if (!s)
        return true;
    long long v = strtoll(s, &end, 10);
    if (*s < '0' || *s > '9' || *end != '\0' || v < 0 || (size_t)v > max)
        return false;
    *out = (size_t)v;
    return true;
}

/* YYYY, YYYY-MM or YYYY-MM-DD. */
static bool date_ok(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return false;
    for (size_t i = 0; i < n; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    return true;
}

static bool contains_norm(const char *hay, const char *nneedle)
{
    if (!hay)
        return false;
    char *nh = ps_normalize(hay);
    bool yes = strstr(nh, nneedle) != NULL;
    free(nh);
    return yes;
}

static bool select_docs(req *r, filter *f, const char *doc, const char *issuer, const char *from,
                        const char *to)
{
    if (docs_load(r->ix, &f->docs) != PS_OK)
        return false;
    f->docs_loaded = true;
    f->files_set = true;
    f->files = xcalloc(f->docs.n + 1, sizeof *f->files);
    char *nd = doc ? ps_normalize(doc) : NULL, *ni = issuer ? ps_normalize(issuer) : NULL;
    for (size_t i = 0; i < f->docs.n; i++) {
        const doc_info *d = &f->docs.v[i];
        if (nd && !contains_norm(d->title, nd) && !contains_norm(d->file, nd) &&
            !contains_norm(d->number, nd))
            continue;
        if (ni && !contains_norm(d->issuer, ni))
            continue;
        if (from && (!d->date || strncmp(d->date, from, strlen(from)) < 0))
            continue;
        if (to && (!d->date || strncmp(d->date, to, strlen(to)) > 0))
            continue;
        f->files[f->n_files++] = d->file;
    }
    free(nd);
    free(ni);
    return true;
}

int filter_resolve_dept(ps_index *ix, filter *f, const char *typed, char *why, size_t why_bytes)
{
    name_counts all;
    if (!dept_names_load(ix, &all)) {
        snprintf(why, why_bytes, "cannot read the departments");
        return 500;
    }
    for (size_t i = 0; i < all.n; i++)
        if (ps_dept_matches(typed, all.v[i].name)) {
            f->depts = xreallocarray(f->depts, f->n_depts + 1, sizeof *f->depts);
            f->depts[f->n_depts++] = xstrdup(all.v[i].name);
        }
    if (!f->n_depts)
        no_dept(typed, &all, why, why_bytes);
    name_counts_free(&all);
    return f->n_depts ? 0 : 400;
}

#define FAIL(status, ...)                                                                          \
    do {                                                                                           \
        snprintf(why, why_bytes, __VA_ARGS__);                                                     \
        return status;                                                                             \
    } while (0)

int filter_read(req *r, filter *f, char *why, size_t why_bytes)
{
    memset(f, 0, sizeof *f);
    f->limit = PAGE_DEFAULT;
    const char *q = req_arg_nonempty(r, "q"), *dept = req_arg_nonempty(r, "dept");
    const char *doc = req_arg_nonempty(r, "doc"), *issuer = req_arg_nonempty(r, "issuer");
    const char *from = req_arg_nonempty(r, "from"), *to = req_arg_nonempty(r, "to");
    const char *lead = req_arg_nonempty(r, "lead");
    if (!parse_count(req_arg_nonempty(r, "limit"), PAGE_MAX, &f->limit) || f->limit == 0)
        FAIL(400, "limit is a number from 1 to %d", PAGE_MAX);
    if (!parse_count(req_arg_nonempty(r, "offset"), ALL_CLAUSES, &f->offset))
        FAIL(400, "offset is a number from 0 to %d", ALL_CLAUSES);
    if ((from && !date_ok(from)) || (to && !date_ok(to)))
        FAIL(400, "from and to are dates: YYYY-MM-DD (or YYYY, YYYY-MM)");
    f->lead = lead && strcmp(lead, "0") != 0 && strcmp(lead, "false") != 0;
    if (q && strspn(q, " \t\r\n") == strlen(q))
        q = NULL;
    if (q) {
        ps_error err = {0};
        if (ps_query_parse(q, &f->query, &err) != PS_OK) {
            int shown = ps_utf8_prefix(q, 60);
            FAIL(400, "cannot parse query \"%.*s%s\": %s", shown, q, q[shown] ? "…" : "", err.msg);
        }
        f->q = q;
    }
    if (f->lead && !dept)
        FAIL(400, "lead needs dept (whose lead?)");
    if (dept) {
        int status = filter_resolve_dept(r->ix, f, dept, why, why_bytes);
        if (status)
            return status;
    }
    if ((doc || issuer || from || to) && !select_docs(r, f, doc, issuer, from, to))
        FAIL(500, "cannot read the documents' metadata");
    return 0;
}

void filter_search(const filter *f, ps_search *s)
{
    memset(s, 0, sizeof *s);
    s->query = f->query;
    if (f->n_depts) {
        s->depts = (const char *const *)f->depts;
        s->n_depts = f->n_depts;
        s->lead_only = f->lead;
    }
    if (f->files_set) {
        s->files = f->files;
        s->n_files = f->n_files;
    }
    s->offset = f->offset;
    s->limit = f->limit;
}

bool filter_has_criteria(const filter *f)
{
    return f->query || f->n_depts || f->files_set;
}

void filter_free(filter *f)
{
    for (size_t i = 0; i < f->n_depts; i++)
        free(f->depts[i]);
    free(f->depts);
    free(f->files);
    if (f->docs_loaded)
        docs_free(&f->docs);
    ps_query_free(f->query);
    memset(f, 0, sizeof *f);
}
