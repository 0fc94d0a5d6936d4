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

enum { MAX_FILE_BYTES = 256 << 20 };

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
        if (n == cap && n < MAX_FILE_BYTES)
            buf = realloc(buf, cap *= 2);
    }
    bool failed = ferror(f) || !buf;
    fclose(f);
    if (failed) {
        snprintf(msg, msg_size, "%s: read error: %s; file skipped", path, strerror(errno));
        free(buf);
        return NULL;
    }
    *n_bytes = n;
    return buf;
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
        fprintf(stderr, "policy-index: cannot open index %s: %s\n", db, err.msg);
        walk_free(&files);
        return 1;
    }
    bool progress = !dump && isatty(STDERR_FILENO);
    size_t skipped = files.errors, records = 0, indexed = 0, unchanged = 0;
    double mb = 0;
    int status = 0;
    for (size_t i = 0; i < files.n; i++) {
        char msg[1024];
        size_t n = 0;
        char *bytes = read_file(files.v[i].path, &n, msg, sizeof msg);
        if (!bytes) {
            report_line(msg);
            skipped++;
            continue;
        }
        mb += n / 1048576.0;
        unsigned long long hash = ps_content_hash(bytes, n);
        if (ix && ps_index_has_version(ix, files.v[i].key, hash)) {
            unchanged++;
            free(bytes);
            continue;
        }
        ps_doc *doc = NULL;
        if (ps_doc_parse(bytes, n, files.v[i].key, files.v[i].path, &doc, &err) != PS_OK) {
            report_line(err.msg);
            skipped++;
            free(bytes);
            continue;
        }
        free(bytes);
        if (dump) {
            for (size_t r = 0; r < ps_doc_record_count(doc); r++) {
                char *json = ps_record_to_json(doc, r);
                if (json)
                    printf("%s\n", json);
                free(json);
            }
        } else if (ps_index_put_doc(ix, doc, hash, &err) != PS_OK) {
            /* A database failure (disk full, lock lost) stops the run: later files would fail too. */
            fprintf(stderr, "policy-index: %s; stopping, %zu files were indexed before it\n",
                    err.msg, indexed);
            ps_doc_free(doc);
            status = 1;
            break;
        }
        records += ps_doc_record_count(doc);
        indexed++;
        ps_doc_free(doc);
        if (progress)
            fprintf(stderr, "\rindexing: %zu/%zu files, %.1f MB, %zu records", i + 1, files.n, mb,
                    records);
    }
    if (progress)
        fputc('\n', stderr);
    if (ix && status == 0 && ps_index_commit(ix, &err) != PS_OK) {
        fprintf(stderr, "policy-index: %s\n", err.msg);
        status = 1;
    }
    ps_index_close(ix);
    if (!dump)
        fprintf(stderr, "indexed %zu files, %zu records into %s; %zu unchanged; skipped %zu%s\n",
                indexed, records, db, unchanged, skipped, skipped ? " (see above)" : "");
    walk_free(&files);
    return status ? status : skipped ? 1 : 0;
}
