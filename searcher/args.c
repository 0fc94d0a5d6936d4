/* args.c: policy-search's command line, read with getopt_long. Query words may start with a
 * single '-' ("-交通": leave out 交通), which getopt would take for short options, so such a
 * word is marked before getopt sees it and unmarked after. */
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "sheet.h"
#include "xalloc.h"

enum { DEFAULT_LIMIT = 10, MAX_SIZE = 100000 };

static void usage(FILE *f)
{
    fputs("usage: policy-search [OPTIONS] [WORDS...]\n"
          "Finds the clauses of indexed policy documents that contain every word (exactly, after\n"
          "normalizing full-width letters, case, traditional characters and line wraps).\n"
          "  WORDS           words to find; \"quoted phrase\", a OR b, -word / NOT word\n"
          "  --dept NAME     only clauses of this department (any alias or full name);\n"
          "                  alone, lists all its clauses in document order; repeated:\n"
          "                  clauses of any of them\n"
          "  --lead          with --dept: only clauses it leads (牵头)\n"
          "  --doc X         only documents whose file name, title or 文号 contains X (十四五\n"
          "                  finds 第十四个五年规划); repeated: any of them\n"
          "  --clause L      the clause labelled L (13, 十三, 第13条, （二）, 3.1.1), or as a\n"
          "                  citation prints it (三、13; 四、4.5 4.5.4), with --doc\n"
          "  --full          whole clauses, no highlight, each with its citation: ready to\n"
          "                  paste; with an id (policy-search --full 'x.txt#三/13'), that clause\n"
          "  --departments   departments with their measures, and how many they lead or support\n"
          "  --matrix        measures per department and document\n"
          "  --related ID    clauses of other documents most like clause ID, with shared terms\n"
          "  --cites DOC     documents that DOC refers to, resolved where indexed\n"
          "  --cited-by DOC  clauses of other documents that refer to DOC\n"
          "  --format F      csv (Excel: UTF-8 mark, Chinese headings), csv-plain (scripts), md\n"
          "                  or xlsx: a report of the listed clauses (a search, --dept,\n"
          "                  --clause, --related, --cited-by), --departments or --matrix\n"
          "  --json          print JSON instead of text\n"
          "  --limit N       results per page (default 10); --offset N skips N results\n"
          "  --db DIR        index folder (default: $POLICY_DB, else ./policy.db), or a Xapian\n"
          "                  stub file of shards (auto PATH, remote HOST:PORT); repeated:\n"
          "                  one index of them all\n"
          "  --partial       when a shard does not answer, answer from the others, naming it\n"
          "                  (a warning; \"partial\" in JSON); without it that is an error\n"
          "  --bench FILE    time each query of FILE (TSV: id, kind, query) in one process\n"
          "Exit status: 0 success (also when nothing matches), 1 runtime failure,\n"
          "2 usage error or a query that cannot be parsed.\n",
          f);
}

static bool parse_size(const char *s, size_t *out)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < 0 || v > MAX_SIZE)
        return false;
    *out = (size_t)v;
    return true;
}

#define MARK '\x01' /* before a word that starts with '-' */

/* optarg, which points into the marked copy of argv, as a pointer into argv itself (which
 * lives as long as the program). */
static const char *in_argv(char **argv, char **args, int i, const char *arg)
{
    if (arg == args[i])
        return argv[i];
    return argv[i] + (arg - args[i]) - (args[i][0] == MARK);
}

/* Appends a query word to o->words, space-separated. */
static void add_word(options *o, size_t *len, const char *w)
{
    size_t l = strlen(w);
    o->words = xrealloc(o->words, *len + l + 2);
    if (*len)
        o->words[(*len)++] = ' ';
    memcpy(o->words + *len, w, l + 1);
    *len += l;
}

enum {
    OPT_DB = 256,
    OPT_DEPT,
    OPT_DOC,
    OPT_CLAUSE,
    OPT_RELATED,
    OPT_CITES,
    OPT_CITED_BY,
    OPT_FORMAT,
    OPT_BENCH,
    OPT_JSON,
    OPT_LEAD,
    OPT_DEPARTMENTS,
    OPT_MATRIX,
    OPT_LIMIT,
    OPT_OFFSET,
    OPT_FULL,
    OPT_PARTIAL
};

static const struct option LONG[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"dept", required_argument, NULL, OPT_DEPT},
    {"doc", required_argument, NULL, OPT_DOC},
    {"clause", required_argument, NULL, OPT_CLAUSE},
    {"related", required_argument, NULL, OPT_RELATED},
    {"cites", required_argument, NULL, OPT_CITES},
    {"cited-by", required_argument, NULL, OPT_CITED_BY},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"bench", required_argument, NULL, OPT_BENCH},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"offset", required_argument, NULL, OPT_OFFSET},
    {"json", no_argument, NULL, OPT_JSON},
    {"lead", no_argument, NULL, OPT_LEAD},
    {"departments", no_argument, NULL, OPT_DEPARTMENTS},
    {"matrix", no_argument, NULL, OPT_MATRIX},
    {"full", no_argument, NULL, OPT_FULL},
    {"partial", no_argument, NULL, OPT_PARTIAL},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Where each option with a value goes. */
static const char **value_slot(options *o, int c)
{
    switch (c) {
    case OPT_DB:
        return &o->db;
    case OPT_DEPT:
        return &o->dept;
    case OPT_DOC:
        return &o->doc;
    case OPT_CLAUSE:
        return &o->clause;
    case OPT_RELATED:
        return &o->related;
    case OPT_CITES:
        return &o->cites;
    case OPT_CITED_BY:
        return &o->cited_by;
    case OPT_FORMAT:
        return &o->format;
    case OPT_BENCH:
        return &o->bench;
    default:
        return NULL;
    }
}

/* The option argv[optind - 1] named, for messages: "--limit". */
static const char *option_name(int c)
{
    for (const struct option *l = LONG; l->name; l++)
        if (l->val == c)
            return l->name;
    return "?";
}

/* ---- Which options apply to which mode --------------------------------------------------- */

typedef enum { M_SEARCH, M_DEPARTMENTS, M_MATRIX, M_RELATED, M_CITES, M_CITED_BY, M_BENCH } mode;

static mode mode_of(const options *o)
{
    return o->bench         ? M_BENCH
           : o->departments ? M_DEPARTMENTS
           : o->matrix      ? M_MATRIX
           : o->related     ? M_RELATED
           : o->cites       ? M_CITES
           : o->cited_by    ? M_CITED_BY
                            : M_SEARCH;
}

static const char *const MODE_NAMES[] = {"a search", "--departments", "--matrix", "--related",
                                         "--cites",  "--cited-by",    "--bench"};

/* An option given to a mode it does not apply to is refused, never silently ignored. */
static int check_applies(const options *o)
{
    mode m = mode_of(o);
    int modes = !!o->bench + o->departments + o->matrix + !!o->related + !!o->cites + !!o->cited_by;
    const char *wrong = NULL;
    if (modes > 1)
        wrong = "a second mode";
    else if (o->n_depts && m != M_SEARCH)
        wrong = "--dept";
    else if (o->lead && !o->n_depts)
        wrong = m == M_SEARCH ? NULL : "--lead";
    else if (o->n_docs && m != M_SEARCH)
        wrong = "--doc";
    else if (o->clause && m != M_SEARCH)
        wrong = "--clause";
    else if (*o->words && m != M_SEARCH)
        wrong = "query words";
    else if (o->full && m != M_SEARCH)
        wrong = "--full";
    else if (o->full && o->format)
        wrong = "--full with --format";
    else if (o->format && (m == M_CITES || m == M_BENCH))
        wrong = "--format";
    else if (o->format && o->print.json)
        wrong = "--format with --json";
    else if (o->print.json && m == M_BENCH)
        wrong = "--json";
    else if (o->limit_set && (m == M_DEPARTMENTS || m == M_MATRIX || m == M_CITES || m == M_BENCH))
        wrong = "--limit";
    else if (o->offset && m != M_SEARCH && m != M_CITED_BY)
        wrong = "--offset";
    if (o->lead && !o->n_depts && m == M_SEARCH) {
        fputs("policy-search: --lead needs --dept (whose lead?)\n", stderr);
        return EXIT_USAGE;
    }
    if (!wrong)
        return -1;
    fprintf(stderr, "policy-search: %s does not apply to %s (see --help)\n", wrong, MODE_NAMES[m]);
    return EXIT_USAGE;
}

int options_parse(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    o->db = getenv("POLICY_DB");
    o->limit = DEFAULT_LIMIT;
    o->words = xcalloc(1, 1);
    size_t words_len = 0;
    /* A copy of argv in which words starting with a single '-' (not "-h") are marked. */
    char **args = xcalloc((size_t)argc + 1, sizeof *args);
    bool after_dashes = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        after_dashes |= i > 0 && strcmp(a, "--") == 0;
        bool word = i > 0 && !after_dashes && a[0] == '-' && a[1] != '-' && a[1] != '\0' &&
                    strcmp(a, "-h") != 0;
        args[i] = word ? xasprintf("%c%s", MARK, a) : xstrdup(a);
    }
    int status = -1, c;
    opterr = 0; /* our messages name the option and say what it needs */
    optind = 1;
    /* "-": words come back in order as option 1; ":" a missing value as ':' */
    while (status < 0 && (c = getopt_long(argc, args, "-:h", LONG, NULL)) != -1) {
        if (c == OPT_DEPT || c == OPT_DOC || c == OPT_DB) { /* repeatable: any of them */
            const char **v = c == OPT_DEPT ? o->depts : c == OPT_DOC ? o->docs : o->dbs;
            size_t *n = c == OPT_DEPT ? &o->n_depts : c == OPT_DOC ? &o->n_docs : &o->n_dbs;
            if (*n == MAX_REPEATED) {
                fprintf(stderr, "policy-search: --%s given more than %d times\n", option_name(c),
                        MAX_REPEATED);
                status = EXIT_USAGE;
                continue;
            }
            v[(*n)++] = in_argv(argv, args, optind - 1, optarg);
        }
        const char **slot = value_slot(o, c);
        if (slot && (c == OPT_DEPT || c == OPT_DOC) && *slot)
            continue; /* the first one names it in messages */
        if (c == OPT_DB && o->n_dbs > 1)
            continue; /* the first one names it in messages ($POLICY_DB gives way to it) */
        if (slot) {
            *slot = in_argv(argv, args, optind - 1, optarg);
            continue;
        }
        switch (c) {
        case 1:
            add_word(o, &words_len, in_argv(argv, args, optind - 1, optarg));
            break;
        case 'h':
            usage(stdout);
            status = EXIT_OK;
            break;
        case OPT_JSON:
            o->print.json = true;
            break;
        case OPT_LEAD:
            o->lead = true;
            break;
        case OPT_DEPARTMENTS:
            o->departments = true;
            break;
        case OPT_MATRIX:
            o->matrix = true;
            break;
        case OPT_FULL:
            o->full = o->print.full = true;
            break;
        case OPT_PARTIAL:
            o->partial = true;
            break;
        case OPT_LIMIT:
        case OPT_OFFSET:
            o->limit_set |= c == OPT_LIMIT;
            if (!parse_size(optarg, c == OPT_LIMIT ? &o->limit : &o->offset)) {
                fprintf(stderr, "policy-search: --%s needs a number, not \"%s\"\n", option_name(c),
                        in_argv(argv, args, optind - 1, optarg));
                status = EXIT_USAGE;
            }
            break;
        case ':':
            fprintf(stderr, "policy-search: --%s needs a value (see --help)\n",
                    option_name(optopt));
            status = EXIT_USAGE;
            break;
        default:
            fprintf(stderr, "policy-search: unknown option %s (see --help; -- ends options)\n",
                    argv[optind - 1]);
            status = EXIT_USAGE;
        }
    }
    for (int i = optind; status < 0 && i < argc; i++) /* after "--": every one is a word */
        add_word(o, &words_len, argv[i]);
    for (int i = 0; i < argc; i++)
        free(args[i]);
    free(args);
    if (status < 0 && o->format && !sheet_format_known(o->format)) {
        fprintf(stderr, "policy-search: --format is csv, csv-plain, md or xlsx, not \"%s\"\n",
                o->format);
        status = EXIT_USAGE;
    }
    if (status < 0)
        status = check_applies(o);
    if (!o->db || !*o->db)
        o->db = "policy.db";
    if (o->n_dbs == 0)
        o->dbs[o->n_dbs++] = o->db;
    return status;
}
