/* policy-index: read policy documents into clause records and store them in the index.
 * Per file: a bad document is reported on one line, skipped and counted; the run goes on.
 * A locked or unwritable database stops the run. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest.h"
#include "parallel.h"
#include "ps.h"
#include "walk.h"

static void usage(FILE *f)
{
    fputs("usage: policy-index [--db DIR] [--jobs N] PATH...\n"
          "       policy-index --dump PATH...\n"
          "Reads policy documents (plain text, Markdown, HTML; UTF-8, GB18030, UTF-16) from the\n"
          "files and folders given, splits them into clause records and stores them in the\n"
          "index (default: $POLICY_DB, else ./policy.db). --dump prints the records as JSON\n"
          "Lines instead and writes nothing. A new index is built by --jobs worker processes\n"
          "(default: one per processor, at most 4); updates to an existing one use one.\n"
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
    v->files = realloc(v->files, (v->n + 1) * sizeof *v->files);
    v->files[v->n++] = strdup(file);
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
    if (ps_index_open(db, PS_OPEN_WRITE, &ix, &err) != PS_OK) {
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

int main(int argc, char **argv)
{
    bool dump = false;
    const char *db = getenv("POLICY_DB");
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = cpus < 1 ? 1 : cpus > 4 ? 4 : (int)cpus; /* 4: memory stays within 256 MB */
    int first = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (strcmp(argv[first], "--dump") == 0)
            dump = true;
        else if (strcmp(argv[first], "--db") == 0 && first + 1 < argc)
            db = argv[++first];
        else if (strcmp(argv[first], "--jobs") == 0) {
            char *end = NULL;
            long n = first + 1 < argc ? strtol(argv[first + 1], &end, 10) : 0;
            if (!end || *end || n < 1 || n > PARALLEL_MAX_JOBS) {
                fprintf(stderr,
                        "policy-index: --jobs takes a number of worker processes, 1 to %d\n",
                        PARALLEL_MAX_JOBS);
                return 2;
            }
            jobs = (int)n;
            first++;
        } else if (strcmp(argv[first], "--help") == 0 || strcmp(argv[first], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[first], "--") == 0) {
            first++;
            break;
        } else {
            fprintf(stderr, "policy-index: unknown option %s\n", argv[first]);
            usage(stderr);
            return 2;
        }
    }
    if (first >= argc) {
        usage(stderr);
        return 2;
    }
    if (!db || !*db)
        db = "policy.db";
    walk_list files = {0};
    for (int i = first; i < argc; i++)
        walk_add(&files, argv[i], report_line);

    run r = {0};
    r.progress = !dump && isatty(STDERR_FILENO);
    r.skipped = files.errors;
    int status = dump                                ? dump_files(&files, &r)
                 : parallel_wanted(db, &files, jobs) ? parallel_build(db, &files, jobs, &r)
                                                     : update(db, &files, &r);
    if (r.progress)
        fputc('\n', stderr);
    if (!dump && status == 0)
        fprintf(stderr,
                "indexed %zu files into %s: %zu added, %zu updated, %zu removed, %zu unchanged; "
                "%zu records; skipped %zu%s\n",
                r.added + r.updated, db, r.added, r.updated, r.removed, r.unchanged, r.records,
                r.skipped, r.skipped ? " (see above)" : "");
    else if (!dump)
        fprintf(stderr, "nothing committed: %s keeps its previous contents\n", db);
    walk_free(&files);
    return status ? status : r.skipped ? 1 : 0;
}
