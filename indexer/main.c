/* policy-index: read policy documents into clause records and store them in the index.
 * Per file: a bad document is reported on one line, skipped and counted; the run goes on.
 * A locked or unwritable database stops the run. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest.h"
#include "parallel.h"
#include "ps.h"
#include "shard.h"
#include "walk.h"
#include "xalloc.h"

static void usage(FILE *f)
{
    fputs("usage: policy-index [--db DIR] [--jobs N] [--shards K | --shard I/K] PATH...\n"
          "       policy-index --dump PATH...\n"
          "Reads policy documents (plain text, Markdown, HTML; UTF-8, GB18030, UTF-16) from the\n"
          "files and folders given, splits them into clause records and stores them in the\n"
          "index (default: $POLICY_DB, else ./policy.db). --dump prints the records as JSON\n"
          "Lines instead and writes nothing. A new index is built by --jobs worker processes\n"
          "(default: one per processor, at most 4); updates to an existing one use one.\n"
          "--shards K keeps DIR as K shard databases (DIR/shard-0 …) and a stub file naming\n"
          "them (DIR/XAPIANDB), each file in the shard a hash of its key picks; a sharded DIR\n"
          "is updated as such without the option. --shard I/K indexes only the files of\n"
          "shard I into DIR, for building the shards on K machines.\n"
          "Exit status: 0 all files read, 1 some files skipped or the index failed, 2 usage.\n",
          f);
}

typedef struct vanished {
    const walk_list *seen;
    char **files;
    size_t n;
} vanished;

static void collect_vanished(void *ctx, const char *file)
{
    vanished *v = ctx;
    for (size_t i = 0; i < v->seen->n; i++)
        if (strcmp(v->seen->v[i].key, file) == 0)
            return;
    v->files = xreallocarray(v->files, v->n + 1, sizeof *v->files);
    v->files[v->n++] = xstrdup(file);
}

/* Files indexed from one of this run's folders earlier and gone now lose their records. */
static int remove_vanished(ps_index *ix, const walk_list *files, run *r)
{
    int status = 0;
    ps_error err = {0};
    for (size_t k = 0; k < files->n_roots && status == 0; k++) {
        vanished v = {files, NULL, 0};
        if (ps_index_each_file_under(ix, files->roots[k], collect_vanished, &v, &err) != PS_OK)
            status = 1;
        for (size_t i = 0; i < v.n; i++) {
            if (status == 0 && ps_index_remove_file(ix, v.files[i], &err) != PS_OK)
                status = 1;
            else if (status == 0)
                r->removed++;
            free(v.files[i]);
        }
        free(v.files);
    }
    if (status)
        fprintf(stderr, "policy-index: %s; stopping\n", err.msg);
    return status;
}

static int dump_files(const walk_list *files, run *r)
{
    for (size_t i = 0; i < files->n; i++)
        ingest_file(NULL, &files->v[i], true, r);
    return 0;
}

/* One process, one transaction: the run's changes become visible together or not at all. */
static int update(const char *db, const walk_list *files, run *r)
{
    if (parallel_build_blocks(db))
        return 1;
    ps_index *ix = NULL;
    ps_error err = {0};
    if (ps_index_open(db, PS_OPEN_WRITE | r->open_flags, &ix, &err) != PS_OK) {
        fprintf(stderr, "policy-index: cannot open index: %s\n", err.msg);
        return 1;
    }
    int status = 0;
    for (size_t i = 0; i < files->n && status == 0; i++) {
        status = ingest_file(ix, &files->v[i], false, r);
        show_progress(r, i + 1, files->n);
    }
    if (status == 0)
        status = remove_vanished(ix, files, r);
    if (status == 0 && ps_index_commit(ix, &err) != PS_OK) {
        fprintf(stderr, "policy-index: %s\n", err.msg);
        status = 1;
    }
    ps_index_close(ix);
    return status;
}

enum { EXIT_USAGE = 2 }; /* the exit status of a command line that cannot be run */

/* Values above any char, so none is also a short option; -h is the one short option. */
enum { OPT_DB = 256, OPT_JOBS, OPT_DUMP, OPT_SHARDS, OPT_SHARD };

static const struct option long_options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"jobs", required_argument, NULL, OPT_JOBS},
    {"dump", no_argument, NULL, OPT_DUMP},
    {"shards", required_argument, NULL, OPT_SHARDS},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* The long name of an option (a value in long_options), or NULL. */
static const char *option_name(int val)
{
    for (const struct option *o = long_options; o->name; o++)
        if (o->val == val)
            return o->name;
    return NULL;
}

/* Whether 'word' ("--db", "--db=DIR") spells out the long option 'val' in full. getopt_long
 * also takes unambiguous prefixes ("--du" for --dump); those stay unknown options, as they have
 * always been here, so that a new option never turns a working command line ambiguous. */
static bool spelled_out(const char *word, int val)
{
    const char *name = option_name(val);
    size_t n = name ? strlen(name) : 0;
    return name && strncmp(word + 2, name, n) == 0 && (word[2 + n] == '\0' || word[2 + n] == '=');
}

typedef struct options {
    bool dump;
    const char *db;
    int jobs;
    unsigned shards;  /* --shards K: 0 when not given */
    shard_spec shard; /* --shard I/K: k == 0 when not given */
    int first;        /* argv index of the first PATH */
} options;

/* Reads the options, which come before the PATHs: parsing stops at the first word that does not
 * start with "-", or after "--", so every word after the first PATH is a PATH. Returns -1 to go
 * on (o->first is then the first PATH), or the status to exit with. */
static int parse_options(int argc, char **argv, options *o)
{
    opterr = 0; /* our messages, in our form; getopt's would start with argv[0] */
    for (;;) {
        /* "+": stop at the first PATH rather than look for options after it; ":": a missing
         * value is ':', not '?'. Without permutation, argv[optind] is the word being read. */
        const char *word = optind < argc ? argv[optind] : NULL;
        int c = getopt_long(argc, argv, "+:h", long_options, NULL);
        if (c == -1) {
            /* A lone "-" (no file is read from stdin) is no PATH, unless after "--". */
            bool dashes = word && strcmp(word, "--") == 0;
            if (!dashes && optind < argc && strcmp(argv[optind], "-") == 0) {
                fprintf(stderr, "policy-index: unknown option %s\n", argv[optind]);
                usage(stderr);
                return EXIT_USAGE;
            }
            o->first = optind;
            return -1;
        }
        int val = c == ':' || c == '?' ? optopt : c; /* optopt: 0 for an unknown long option */
        if (strncmp(word, "--", 2) == 0 && !spelled_out(word, val)) {
            fprintf(stderr, "policy-index: unknown option %s\n", word);
            usage(stderr);
            return EXIT_USAGE;
        }
        switch (c) {
        case OPT_DB:
            o->db = optarg;
            break;
        case OPT_DUMP:
            o->dump = true;
            break;
        case OPT_JOBS: {
            char *end = NULL;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > PARALLEL_MAX_JOBS) {
                fprintf(stderr,
                        "policy-index: --jobs takes a number of worker processes, 1 to %d\n",
                        PARALLEL_MAX_JOBS);
                return EXIT_USAGE;
            }
            o->jobs = (int)n;
            break;
        }
        case OPT_SHARDS: {
            char *end = NULL;
            long n = strtol(optarg, &end, 10);
            if (*end || end == optarg || n < 1 || n > SHARDS_MAX) {
                fprintf(stderr, "policy-index: --shards takes a number of shards, 1 to %d\n",
                        SHARDS_MAX);
                return EXIT_USAGE;
            }
            o->shards = (unsigned)n;
            break;
        }
        case OPT_SHARD:
            if (!shard_parse(optarg, &o->shard)) {
                fprintf(stderr,
                        "policy-index: --shard takes I/K, shard I (0 to K-1) of K, not \"%s\"\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h':
            usage(stdout);
            return EXIT_SUCCESS;
        case ':':
            fprintf(stderr, "policy-index: --%s needs a value\n", option_name(optopt));
            usage(stderr);
            return EXIT_USAGE;
        default: /* '?': "--dump=x" or "--help=x" (optopt their value), or an unknown short
                  * option (optopt its letter) */
            if (strncmp(word, "--", 2) == 0)
                fprintf(stderr, "policy-index: --%s takes no value\n", option_name(optopt));
            else
                fprintf(stderr, "policy-index: unknown option %s\n", word);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
}

static int index_one(const char *db, const walk_list *files, int jobs, run *r)
{
    return parallel_wanted(db, files, jobs) ? parallel_build(db, files, jobs, r)
                                            : update(db, files, r);
}

/* Each shard in turn, each in its own transaction (a killed run leaves every shard at its last
 * commit); the stub last, so that a first build stopped midway leaves none. *done: the shards
 * brought up to date. */
static int index_shards(const char *dir, const walk_list *files, unsigned k, int jobs, run *r,
                        unsigned *done)
{
    *done = 0;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "policy-index: cannot open index: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    for (unsigned i = 0; i < k; i++) {
        char *path = shard_path(dir, i);
        walk_list view = shard_files(files, (shard_spec){i, k});
        int status = index_one(path, &view, jobs, r);
        free(view.v);
        free(path);
        if (status)
            return status;
        *done = i + 1;
    }
    return shard_write_stub(dir, k) ? 0 : 1;
}

/* What --shards and --shard make of 'db', checked against what is there: -1 to go on, else
 * the status to exit with. A folder some run sharded stays sharded (o->shards is then set). */
static int check_sharding(const char *db, bool dump, options *o)
{
    bool shard = o->shard.k > 0;
    if (dump && (o->shards || shard)) {
        fprintf(stderr, "policy-index: --%s does not apply to --dump\n",
                shard ? "shard" : "shards");
        return EXIT_USAGE;
    }
    if (o->shards && shard) {
        fputs("policy-index: --shards and --shard exclude each other\n", stderr);
        return EXIT_USAGE;
    }
    if (dump)
        return -1;
    int there = shard_count(db);
    struct stat st;
    if (there < 0) {
        fprintf(stderr,
                "policy-index: %s holds a stub database policy-index did not write: "
                "index each of its databases itself\n",
                db);
        return 1;
    }
    if (there > 0 && shard) {
        fprintf(stderr,
                "policy-index: %s holds %d shards; --shard writes one shard's database: "
                "give its folder (%s/shard-%u)\n",
                db, there, db, o->shard.i);
        return EXIT_USAGE;
    }
    if (there > 0 && o->shards && o->shards != (unsigned)there) {
        fprintf(stderr,
                "policy-index: %s holds %d shards, not %u; they cannot be split again: "
                "build a new index\n",
                db, there, o->shards);
        return EXIT_USAGE;
    }
    if (there == 0 && o->shards && stat(db, &st) == 0) {
        char *glass = xasprintf("%s/iamglass", db);
        bool plain = stat(glass, &st) == 0;
        free(glass);
        if (plain) {
            fprintf(stderr,
                    "policy-index: %s is an index of one database; --shards needs a new "
                    "folder\n",
                    db);
            return EXIT_USAGE;
        }
    }
    if (there > 0)
        o->shards = (unsigned)there;
    shard_spec was;
    bool marked = there == 0 && shard_marker_read(db, &was);
    if (marked && shard && (was.i != o->shard.i || was.k != o->shard.k)) {
        fprintf(stderr,
                "policy-index: %s holds shard %u/%u, not %u/%u: build that shard in a new "
                "folder\n",
                db, was.i, was.k, o->shard.i, o->shard.k);
        return EXIT_USAGE;
    }
    if (marked && !o->shards)
        o->shard = was; /* a re-run updates the same shard */
    if (!marked && shard && stat(db, &st) == 0) {
        char *glass = xasprintf("%s/iamglass", db);
        bool plain = stat(glass, &st) == 0;
        free(glass);
        if (plain) { /* its other shards' files would be taken for removed ones */
            fprintf(stderr,
                    "policy-index: %s is an index of all its files, not shard %u/%u: "
                    "build the shard in a new folder\n",
                    db, o->shard.i, o->shard.k);
            return EXIT_USAGE;
        }
    }
    return -1;
}

int main(int argc, char **argv)
{
    xalloc_program = "policy-index";
    /* Xapian buffers changes in memory and slows down as the buffer grows (it holds every
     * position of every bigram): flushing every 200 documents measured 6x faster than the
     * default 10000 on the corpus, with a tenth of the memory. Inside the run's transaction a
     * flush writes blocks but commits nothing. Xapian reads it only from the environment; a
     * value the user set wins. */
    setenv("XAPIAN_FLUSH_THRESHOLD", "200", 0);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    options o = {
        .db = getenv("POLICY_DB"),
        .jobs = cpus < 1   ? 1
                : cpus > 4 ? 4
                           : (int)cpus, /* 4: memory stays within 256 MB */
    };
    int exit_now = parse_options(argc, argv, &o);
    if (exit_now >= 0)
        return exit_now;
    if (o.first >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    bool dump = o.dump;
    const char *db = o.db && *o.db ? o.db : "policy.db";
    exit_now = check_sharding(db, dump, &o);
    if (exit_now >= 0)
        return exit_now;
    walk_list files = {0};
    for (int i = o.first; i < argc; i++)
        walk_add(&files, argv[i], report_line);

    run r = {0};
    r.progress = !dump && isatty(STDERR_FILENO);
    r.skipped = files.errors;
    /* a shard may be served by xapian-tcpsrv, which answers phrases from positions only */
    r.open_flags = o.shards || o.shard.k ? PS_OPEN_POSITIONS : 0;
    int status;
    unsigned shards_done = 0;
    if (dump) {
        status = dump_files(&files, &r);
    } else if (o.shards) {
        status = index_shards(db, &files, o.shards, o.jobs, &r, &shards_done);
    } else if (o.shard.k) {
        walk_list view = shard_files(&files, o.shard);
        status = index_one(db, &view, o.jobs, &r);
        free(view.v);
        if (status == 0 && !shard_marker_write(db, o.shard))
            status = 1;
    } else {
        status = index_one(db, &files, o.jobs, &r);
    }
    if (r.progress)
        fputc('\n', stderr);
    char shards_note[64] = "";
    if (o.shards)
        snprintf(shards_note, sizeof shards_note, " (%u shards)", o.shards);
    else if (o.shard.k)
        snprintf(shards_note, sizeof shards_note, " (shard %u of 0-%u)", o.shard.i, o.shard.k - 1);
    if (!dump && status == 0)
        fprintf(stderr,
                "indexed %zu files into %s%s: %zu added, %zu updated, %zu removed, %zu unchanged; "
                "%zu records; skipped %zu%s\n",
                r.added + r.updated, db, shards_note, r.added, r.updated, r.removed, r.unchanged,
                r.records, r.skipped, r.skipped ? " (see above)" : "");
    else if (!dump && o.shards && shards_done > 0)
        fprintf(stderr,
                "stopped: shard-0 to shard-%u of %s are updated; the others keep their "
                "previous contents\n",
                shards_done - 1, db);
    else if (!dump)
        fprintf(stderr, "nothing committed: %s keeps its previous contents\n", db);
    walk_free(&files);
    return status ? status : r.skipped ? 1 : 0;
}
