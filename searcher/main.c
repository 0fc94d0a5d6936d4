/* policy-search: query the clause index.
 *   policy-search 居住证积分                    full-text search, ranked
 *   policy-search --doc 新城 --clause 13         one clause, exactly
 *   policy-search --dept 市财政局 [--lead]       everything a department is assigned
 *   policy-search --departments                  departments and their clause counts */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "print.h"
#include "ps.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, DEFAULT_LIMIT = 10, CLAUSE_LIMIT = 200 };

static void usage(FILE *f)
{
    fputs("usage: policy-search [OPTIONS] [WORDS...]\n"
          "Finds the clauses of indexed policy documents that contain every word (exactly, after\n"
          "normalizing full-width letters, case, traditional characters and line wraps).\n"
          "  WORDS          words to find; \"quoted phrase\", a OR b, -word / NOT word\n"
          "  --dept NAME    only clauses of this department (any alias or full name);\n"
          "                 alone, lists all its clauses in document order\n"
          "  --lead         with --dept: only clauses it leads (牵头)\n"
          "  --doc X        only documents whose file name or title contains X\n"
          "  --clause L     the clause labelled L (13, 十三, 第13条, （二）, 3.1.1), with --doc\n"
          "  --departments  list departments with their clause counts\n"
          "  --json         print JSON {query, total, results} instead of text\n"
          "  --limit N      results per page (default 10); --offset N skips N results\n"
          "  --db DIR       index folder (default: $POLICY_DB, else ./policy.db)\n"
          "Exit status: 0 success (also when nothing matches), 1 runtime failure,\n"
          "2 usage error or a query that cannot be parsed.\n",
          f);
}

typedef struct doc_filter {
    char *needle; /* normalized */
    char **files;
    size_t n;
} doc_filter;

static void match_doc(void *ctx, const char *json)
{
    doc_filter *f = ctx;
    json_t *o = json_loads(json, 0, NULL);
    if (!o)
        return;
    const char *file = json_string_value(json_object_get(o, "file"));
    const char *title = json_string_value(json_object_get(o, "title"));
    char *nf = ps_normalize(file ? file : "");
    char *nt = ps_normalize(title ? title : "");
    if (file && (strstr(nf, f->needle) || strstr(nt, f->needle))) {
        f->files = realloc(f->files, (f->n + 1) * sizeof *f->files);
        f->files[f->n++] = strdup(file);
    }
    free(nf);
    free(nt);
    json_decref(o);
}

typedef struct dept_list {
    dept_count *v;
    size_t n;
} dept_list;

static void collect_dept(void *ctx, const char *name, size_t n)
{
    dept_list *l = ctx;
    l->v = realloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n].name = strdup(name);
    l->v[l->n].clauses = n;
    l->n++;
}

static int by_count(const void *a, const void *b)
{
    const dept_count *x = a, *y = b;
    if (x->clauses != y->clauses)
        return x->clauses < y->clauses ? 1 : -1;
    return strcmp(x->name, y->name);
}

static bool parse_size(const char *s, size_t *out)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < 0 || v > 100000)
        return false;
    *out = (size_t)v;
    return true;
}

int main(int argc, char **argv)
{
    const char *db = getenv("POLICY_DB"), *dept = NULL, *doc = NULL, *clause = NULL;
    bool lead = false, list_depts = false;
    print_opts po = {false, false, NULL};
    size_t limit = DEFAULT_LIMIT, offset = 0;
    bool limit_set = false;
    char *words = calloc(1, 1);
    size_t words_len = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_arg = i + 1 < argc;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            free(words);
            return EXIT_OK;
        } else if (strcmp(a, "--json") == 0) {
            po.json = true;
        } else if (strcmp(a, "--lead") == 0) {
            lead = true;
        } else if (strcmp(a, "--departments") == 0) {
            list_depts = true;
        } else if (strcmp(a, "--db") == 0 && has_arg) {
            db = argv[++i];
        } else if (strcmp(a, "--dept") == 0 && has_arg) {
            dept = argv[++i];
        } else if (strcmp(a, "--doc") == 0 && has_arg) {
            doc = argv[++i];
        } else if (strcmp(a, "--clause") == 0 && has_arg) {
            clause = argv[++i];
        } else if ((strcmp(a, "--limit") == 0 || strcmp(a, "--offset") == 0) && has_arg) {
            size_t *dst = a[2] == 'l' ? &limit : &offset;
            limit_set |= a[2] == 'l';
            if (!parse_size(argv[++i], dst)) {
                fprintf(stderr, "policy-search: %s needs a number, not \"%s\"\n", a, argv[i]);
                free(words);
                return EXIT_USAGE;
            }
        } else if (a[0] == '-' && a[1] == '-' && a[2] != '\0') {
            fprintf(stderr, "policy-search: unknown option %s (see --help)\n", a);
            free(words);
            return EXIT_USAGE;
        } else {
            size_t l = strlen(a);
            words = realloc(words, words_len + l + 2);
            if (words_len)
                words[words_len++] = ' ';
            memcpy(words + words_len, a, l + 1);
            words_len += l;
        }
    }
    po.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    po.query_text = words;
    if (!db || !*db)
        db = "policy.db";

    ps_query *q = NULL;
    ps_error err = {0};
    bool has_words = false;
    for (size_t k = 0; k < words_len; k++)
        has_words |= words[k] != ' ';
    if (!list_depts && !has_words && !dept && !clause) {
        fprintf(stderr, "policy-search: empty query: give words to find, or --dept, --clause "
                        "or --departments (see --help)\n");
        free(words);
        return EXIT_USAGE;
    }
    if (has_words && ps_query_parse(words, &q, &err) != PS_OK) {
        fprintf(stderr, "policy-search: cannot parse query \"%s\": %s\n", words, err.msg);
        free(words);
        return EXIT_USAGE;
    }

    ps_index *ix = NULL;
    if (ps_index_open(db, PS_OPEN_READ, &ix, &err) != PS_OK) {
        if (err.code == PS_ERR_NOT_FOUND)
            fprintf(stderr, "policy-search: no index at %s; build it with: policy-index --db %s "
                            "corpus/\n", db, db);
        else
            fprintf(stderr, "policy-search: cannot open index %s: %s\n", db, err.msg);
        ps_query_free(q);
        free(words);
        return EXIT_FAIL;
    }

    int status = EXIT_OK;
    if (list_depts) {
        dept_list l = {NULL, 0};
        if (ps_index_each_dept(ix, collect_dept, &l, &err) != PS_OK) {
            fprintf(stderr, "policy-search: %s\n", err.msg);
            status = EXIT_FAIL;
        } else {
            qsort(l.v, l.n, sizeof *l.v, by_count);
            print_departments(stdout, l.v, l.n, &po);
        }
        for (size_t i = 0; i < l.n; i++)
            free(l.v[i].name);
        free(l.v);
        goto out;
    }

    doc_filter df = {NULL, NULL, 0};
    ps_search s = {0};
    s.query = q;
    s.dept = dept;
    s.lead_only = lead;
    s.offset = offset;
    s.limit = clause && !limit_set ? CLAUSE_LIMIT : limit;
    s.label = clause;
    if (doc) {
        df.needle = ps_normalize(doc);
        if (ps_index_each_doc(ix, match_doc, &df, &err) != PS_OK) {
            fprintf(stderr, "policy-search: %s\n", err.msg);
            status = EXIT_FAIL;
            goto out_doc;
        }
        if (df.n == 0)
            fprintf(stderr, "policy-search: no indexed document has \"%s\" in its file name or "
                            "title\n", doc);
        s.files = (const char *const *)(df.files ? df.files : (char **)"");
        s.n_files = df.n;
    }
    ps_hits *h = NULL;
    if (ps_index_search(ix, &s, &h, &err) != PS_OK) {
        fprintf(stderr, "policy-search: %s\n", err.msg);
        status = EXIT_FAIL;
    } else {
        status = print_hits(stdout, h, q, offset, &po) ? EXIT_FAIL : EXIT_OK;
        ps_hits_free(h);
    }
out_doc:
    for (size_t i = 0; i < df.n; i++)
        free(df.files[i]);
    free(df.files);
    free(df.needle);
out:
    ps_index_close(ix);
    ps_query_free(q);
    free(words);
    return status;
}
