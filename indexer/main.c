/* policy-index: read policy documents into clause records and store them in the index.
 * Per file: a bad document is reported on one line, skipped and counted; the run goes on.
 * A locked or unwritable database stops the run. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ps.h"
#include "walk.h"

enum { MAX_FILE_BYTES = 64 << 20 }; /* with its decoded copy and records: well under 1 GB */

static void usage(FILE *f)
{
    fputs("usage: policy-index [--db DIR] PATH...\n"
          "       policy-index --dump PATH...\n"
          "Reads policy documents (plain text, Markdown, HTML; UTF-8, GB18030, UTF-16) from the\n"
          "files and folders given, splits them into clause records and stores them in the\n"
          "index (default: $POLICY_DB, else ./policy.db). --dump prints the records as JSON\n"
          "Lines instead and writes nothing.\n"
          "Exit status: 0 all files read, 1 some files skipped or the index failed, 2 usage.\n",
          f);
}

static void report_line(const char *line)
{
    fprintf(stderr, "policy-index: %s\n", line);
}

/* Reads a whole file; returns NULL and fills msg on failure. */
static char *read_file(const char *path, size_t *n_bytes, char *msg, size_t msg_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(msg, msg_size, "%s: cannot open: %s; file skipped", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && st.st_size > MAX_FILE_BYTES) {
        snprintf(msg, msg_size, "%s: %lld bytes, over the %d MB limit; file skipped", path,
                 (long long)st.st_size, MAX_FILE_BYTES >> 20);
        fclose(f);
        return NULL;
    }
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap && n <= MAX_FILE_BYTES) /* a pipe or a growing file: read on */
            buf = realloc(buf, cap *= 2);
    }
    bool failed = ferror(f) || !buf;
    bool too_big = !failed && n > MAX_FILE_BYTES;
    fclose(f);
    if (too_big) {
        snprintf(msg, msg_size, "%s: over the %d MB limit; file skipped", path,
                 MAX_FILE_BYTES >> 20);
        free(buf);
        return NULL;
    }
    if (failed) {
        snprintf(msg, msg_size, "%s: read error: %s; file skipped", path, strerror(errno));
        free(buf);
        return NULL;
    }
    *n_bytes = n;
    return buf;
}

/* Counters of one run. */
typedef struct run {
    bool progress; /* stderr is a terminal: show files, MB and records as we go */
    size_t added, updated, unchanged, removed, skipped, records;
    double mb;
} run;

static void print_record_lines(const ps_doc *doc)
{
    for (size_t r = 0; r < ps_doc_record_count(doc); r++) {
        char *json = ps_record_to_json(doc, r);
        if (json)
            printf("%s\n", json);
        free(json);
    }
}

/* Reads, parses and stores one file. A bad file is reported and counted; returns non-zero
 * only for a database failure, which stops the run (later files would fail too). */
static int index_file(ps_index *ix, const walk_file *f, bool dump, run *r, size_t nth, size_t total)
{
    char msg[1024];
    size_t n = 0;
    char *bytes = read_file(f->path, &n, msg, sizeof msg);
    if (!bytes) {
        report_line(msg);
        r->skipped++;
        return 0;
    }
    r->mb += n / 1048576.0;
    unsigned long long hash = ps_content_hash(bytes, n);
    ps_file_state state = ix ? ps_index_file_state(ix, f->key, hash) : PS_FILE_NEW;
    ps_doc *doc = NULL;
    ps_error err = {0};
    int status = 0;
    if (state == PS_FILE_SAME) {
        r->unchanged++;
    } else if (ps_doc_parse(bytes, n, f->key, f->path, &doc, &err) != PS_OK) {
        report_line(err.msg);
        r->skipped++;
    } else if (dump) {
        print_record_lines(doc);
        r->records += ps_doc_record_count(doc);
    } else if (ps_index_put_doc(ix, doc, hash, f->root, &err) != PS_OK) {
        fprintf(stderr, "policy-index: %s; stopping\n", err.msg);
        status = 1;
    } else {
        r->records += ps_doc_record_count(doc);
        *(state == PS_FILE_NEW ? &r->added : &r->updated) += 1;
    }
    free(bytes);
    ps_doc_free(doc);
    if (r->progress)
        fprintf(stderr, "\rindexing: %zu/%zu files, %.1f MB, %zu records", nth, total, r->mb,
                r->records);
    return status;
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

int main(int argc, char **argv)
{
    bool dump = false;
    const char *db = getenv("POLICY_DB");
    int first = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (strcmp(argv[first], "--dump") == 0)
            dump = true;
        else if (strcmp(argv[first], "--db") == 0 && first + 1 < argc)
            db = argv[++first];
        else if (strcmp(argv[first], "--help") == 0 || strcmp(argv[first], "-h") == 0) {
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

    ps_index *ix = NULL;
    ps_error err = {0};
    if (!dump && ps_index_open(db, PS_OPEN_WRITE, &ix, &err) != PS_OK) {
        fprintf(stderr, "policy-index: cannot open index: %s\n", err.msg);
        walk_free(&files);
        return 1;
    }
    run r = {0};
    r.progress = !dump && isatty(STDERR_FILENO);
    r.skipped = files.errors;
    int status = 0;
    for (size_t i = 0; i < files.n && status == 0; i++)
        status = index_file(ix, &files.v[i], dump, &r, i + 1, files.n);
    if (r.progress)
        fputc('\n', stderr);
    if (ix && status == 0)
        status = remove_vanished(ix, &files, &r);
    if (ix && status == 0 && ps_index_commit(ix, &err) != PS_OK) {
        fprintf(stderr, "policy-index: %s\n", err.msg);
        status = 1;
    }
    ps_index_close(ix);
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
