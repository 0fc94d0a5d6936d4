/* filter.c: the arguments a search page or /api/search takes, turned into a ps_search as the
 * command line does: q parsed (a query that does not parse is a 400 with the CLI's wording),
 * dept resolved against the indexed departments (ps_dept_matches: any alias, with or without
 * 市 / 区; a name that denotes none is a 400 naming the nearest), doc / issuer / from / to
 * resolved against the documents' metadata to a set of files. */
#include <stdlib.h>
#include <string.h>

#include "depts.h"
#include "serve.h"
#include "xalloc.h"

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

/* Whether 'hay' (NULL: no), normalized, contains 'nneedle' (normalized already). */
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
    /* doc= names documents as --doc does (title, 文号, file name; 十四五) */
    size_t n_named = 0;
    const char **named = doc ? docs_match_ranked(&f->docs, doc, &n_named, NULL) : NULL;
    char *ni = issuer ? ps_normalize(issuer) : NULL;
    for (size_t i = 0; i < f->docs.n; i++) {
        const doc_info *d = &f->docs.v[i];
        bool is_named = !doc;
        for (size_t k = 0; k < n_named && !is_named; k++)
            is_named = named[k] == d->file;
        if (!is_named)
            continue;
        if (ni && !contains_norm(d->issuer, ni))
            continue;
        if (from && (!d->date || strncmp(d->date, from, strlen(from)) < 0))
            continue;
        if (to && (!d->date || strncmp(d->date, to, strlen(to)) > 0))
            continue;
        f->files[f->n_files++] = d->file;
    }
    free(named);
    free(ni);
    return true;
}

int filter_resolve_dept(ps_index *ix, filter *f, const char *typed, char *why, size_t why_bytes)
{
    dept_names d = {f->depts, f->n_depts};
    char *msg;
    long matched = dept_match(ix, typed, 120, &d, &msg); /* as policy-search --dept resolves */
    f->depts = d.v;
    f->n_depts = d.n;
    if (matched < 0) {
        fprintf(stderr, "policy-serve: %s\n", msg);
        snprintf(why, why_bytes, "cannot read the departments");
    } else if (matched == 0) {
        snprintf(why, why_bytes, "%s", msg);
    }
    free(msg);
    return matched < 0 ? 500 : matched == 0 ? 400 : 0;
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
