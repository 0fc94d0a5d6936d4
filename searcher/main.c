/* policy-search: query the clause index.
 *   policy-search 居住证积分                    full-text search, ranked
 *   policy-search --doc 新城 --clause 13         one clause, exactly
 *   policy-search --dept 市财政局 [--lead]       everything a department is assigned
 *   policy-search --departments, --matrix        departments, and departments x documents
 *   policy-search --related ID, --cites DOC, --cited-by DOC   cross-references */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "depts.h"
#include "options.h"

enum { DEFAULT_LIMIT = 10, CLAUSE_LIMIT = 200 };

static void usage(FILE *f)
{
    fputs("usage: policy-search [OPTIONS] [WORDS...]\n"
          "Finds the clauses of indexed policy documents that contain every word (exactly, after\n"
          "normalizing full-width letters, case, traditional characters and line wraps).\n"
          "  WORDS           words to find; \"quoted phrase\", a OR b, -word / NOT word\n"
          "  --dept NAME     only clauses of this department (any alias or full name);\n"
          "                  alone, lists all its clauses in document order\n"
          "  --lead          with --dept: only clauses it leads (牵头)\n"
          "  --doc X         only documents whose file name or title contains X\n"
          "  --clause L      the clause labelled L (13, 十三, 第13条, （二）, 3.1.1), with --doc\n"
          "  --departments   departments with their clause counts\n"
          "  --matrix        clause counts per department and document\n"
          "  --related ID    clauses of other documents most like clause ID, with shared terms\n"
          "  --cites DOC     documents that DOC refers to, resolved where indexed\n"
          "  --cited-by DOC  clauses of other documents that refer to DOC\n"
          "  --format F      md or csv: a report of the listed clauses (e.g. with --dept),\n"
          "                  or csv for --matrix\n"
          "  --json          print JSON instead of text\n"
          "  --limit N       results per page (default 10); --offset N skips N results\n"
          "  --db DIR        index folder (default: $POLICY_DB, else ./policy.db)\n"
          "  --bench FILE    time each query of FILE (TSV: id, kind, query) in one process\n"
          "Exit status: 0 success (also when nothing matches), 1 runtime failure,\n"
          "2 usage error or a query that cannot be parsed.\n",
          f);
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

/* Returns -1 to go on, else an exit status. */
static int parse_args(int argc, char **argv, options *o)
{
    static const struct {
        const char *name;
        size_t offset;
    } with_arg[] = {
        {"--db", offsetof(options, db)},
        {"--dept", offsetof(options, dept)},
        {"--doc", offsetof(options, doc)},
        {"--clause", offsetof(options, clause)},
        {"--related", offsetof(options, related)},
        {"--cites", offsetof(options, cites)},
        {"--cited-by", offsetof(options, cited_by)},
        {"--format", offsetof(options, format)},
        {"--bench", offsetof(options, bench)},
    };
    size_t words_len = 0;
    bool options_done = false; /* after "--", everything is a query word ("-" words too) */
    o->words = calloc(1, 1);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && strcmp(a, "--") == 0) {
            options_done = true;
            continue;
        }
        /* "-交通" is a word (exclude 交通); options start with "--", or are -h. */
        if (options_done || !(strncmp(a, "--", 2) == 0 || strcmp(a, "-h") == 0)) {
            size_t l = strlen(a);
            o->words = realloc(o->words, words_len + l + 2);
            if (words_len)
                o->words[words_len++] = ' ';
            memcpy(o->words + words_len, a, l + 1);
            words_len += l;
            continue;
        }
        bool taken = false;
        for (size_t k = 0; k < sizeof with_arg / sizeof *with_arg && !taken; k++)
            if (strcmp(a, with_arg[k].name) == 0) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "policy-search: %s needs a value (see --help)\n", a);
                    return EXIT_USAGE;
                }
                *(const char **)((char *)o + with_arg[k].offset) = argv[++i];
                taken = true;
            }
        if (taken)
            continue;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (strcmp(a, "--json") == 0) {
            o->print.json = true;
        } else if (strcmp(a, "--lead") == 0) {
            o->lead = true;
        } else if (strcmp(a, "--departments") == 0) {
            o->departments = true;
        } else if (strcmp(a, "--matrix") == 0) {
            o->matrix = true;
        } else if ((strcmp(a, "--limit") == 0 || strcmp(a, "--offset") == 0) && i + 1 < argc) {
            size_t *dst = a[2] == 'l' ? &o->limit : &o->offset;
            o->limit_set |= a[2] == 'l';
            if (!parse_size(argv[++i], dst)) {
                fprintf(stderr, "policy-search: %s needs a number, not \"%s\"\n", a, argv[i]);
                return EXIT_USAGE;
            }
        } else {
            fprintf(stderr, "policy-search: unknown option %s (see --help; -- ends options)\n", a);
            return EXIT_USAGE;
        }
    }
    if (o->format && strcmp(o->format, "md") != 0 && strcmp(o->format, "csv") != 0) {
        fprintf(stderr, "policy-search: --format is md or csv, not \"%s\"\n", o->format);
        return EXIT_USAGE;
    }
    return -1;
}

bool options_search(const options *o, const ps_query *q, const doc_list *docs, ps_search *s,
                    const char ***files)
{
    memset(s, 0, sizeof *s);
    *files = NULL;
    s->query = q;
    if (o->dept) {
        s->depts = o->dept_names;
        s->n_depts = o->n_dept_names;
    }
    s->lead_only = o->lead;
    s->offset = o->offset;
    s->limit = o->clause && !o->limit_set ? CLAUSE_LIMIT : o->limit;
    s->label = o->clause;
    if (!o->doc)
        return true;
    size_t n = 0;
    *files = docs_match(docs, o->doc, &n);
    s->files = *files;
    s->n_files = n;
    return n > 0;
}

static int run_search(const options *o, ps_index *ix, const ps_query *q, const doc_list *docs)
{
    ps_search s;
    const char **files;
    ps_error err = {0};
    ps_hits *h = NULL;
    int status = EXIT_OK;
    options_search(o, q, docs, &s, &files);
    if (ps_index_search(ix, &s, &h, &err) != PS_OK) {
        fprintf(stderr, "policy-search: %s\n", err.msg);
        status = EXIT_FAIL;
    } else {
        status = print_hits(stdout, h, q, o->offset, &o->print) ? EXIT_FAIL : EXIT_OK;
        ps_hits_free(h);
    }
    free(files);
    return status;
}

static void collect_dept(void *ctx, const char *name, size_t n)
{
    dept_list_add(ctx, name, n);
}

static int run_departments(const options *o, ps_index *ix)
{
    dept_list l = {NULL, 0};
    ps_error err = {0};
    if (ps_index_each_dept(ix, collect_dept, &l, &err) != PS_OK) {
        fprintf(stderr, "policy-search: %s\n", err.msg);
        dept_list_free(&l);
        return EXIT_FAIL;
    }
    dept_list_sort(&l);
    print_departments(stdout, &l, &o->print);
    dept_list_free(&l);
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    options o;
    memset(&o, 0, sizeof o);
    o.db = getenv("POLICY_DB");
    o.limit = DEFAULT_LIMIT;
    int status = parse_args(argc, argv, &o);
    if (status >= 0) {
        free(o.words);
        return status;
    }
    o.print.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR") && !o.format;
    o.print.query_text = o.words;
    if (!o.db || !*o.db)
        o.db = "policy.db";

    bool has_words = strspn(o.words, " ") != strlen(o.words);
    bool other_mode = o.departments || o.matrix || o.related || o.cites || o.cited_by || o.bench;
    if (!has_words && !o.dept && !o.clause && !other_mode) {
        fprintf(stderr, "policy-search: empty query: give words to find, or --dept, --clause, "
                        "--departments, --matrix, --related, --cites or --cited-by (see --help)\n");
        free(o.words);
        return EXIT_USAGE;
    }
    ps_query *q = NULL;
    ps_error err = {0};
    if (has_words && ps_query_parse(o.words, &q, &err) != PS_OK) {
        /* One short line, however long the query. */
        int shown = ps_utf8_prefix(o.words, 60);
        fprintf(stderr, "policy-search: cannot parse query \"%.*s%s\": %s\n", shown, o.words,
                o.words[shown] ? "…" : "", err.msg);
        free(o.words);
        return EXIT_USAGE;
    }

    ps_index *ix = NULL;
    if (ps_index_open(o.db, PS_OPEN_READ, &ix, &err) != PS_OK) {
        if (err.code == PS_ERR_NOT_FOUND)
            fprintf(stderr,
                    "policy-search: no index at %s; build it with: policy-index --db %s "
                    "corpus/\n",
                    o.db, o.db);
        else
            fprintf(stderr, "policy-search: cannot open index %s: %s\n", o.db, err.msg);
        ps_query_free(q);
        free(o.words);
        return EXIT_FAIL;
    }
    /* Document metadata only where a mode needs it: reading it costs a lookup per document,
     * which a plain search should not pay at start-up. */
    doc_list docs = {NULL, 0};
    dept_names depts = {NULL, 0};
    if (o.dept && (o.departments || o.matrix || o.related || o.cites || o.cited_by || o.bench)) {
        fprintf(stderr, "policy-search: --dept does not apply to this mode\n");
        status = EXIT_USAGE;
    } else if (o.dept) {
        status = dept_resolve(ix, o.dept, &depts);
        o.dept_names = (const char *const *)depts.v;
        o.n_dept_names = depts.n;
    } else {
        status = EXIT_OK;
    }
    bool need_docs = o.matrix || o.cites || o.cited_by || o.doc;
    if (status != EXIT_OK)
        ;
    else if (o.bench)
        status = run_bench(&o, ix);
    else if (o.departments)
        status = run_departments(&o, ix);
    else if (o.related)
        status = run_related(&o, ix);
    else if (need_docs && docs_load(ix, &docs) != PS_OK)
        status = EXIT_FAIL;
    else if (o.matrix)
        status = run_matrix(&o, ix, &docs);
    else if (o.cites)
        status = run_cites(&o, ix, &docs);
    else if (o.cited_by)
        status = run_cited_by(&o, ix, &docs);
    else if (o.format)
        status = run_report(&o, ix, q, &docs);
    else
        status = run_search(&o, ix, q, &docs);
    docs_free(&docs);
    dept_names_free(&depts);
    ps_index_close(ix);
    ps_query_free(q);
    free(o.words);
    return status;
}
