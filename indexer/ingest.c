/* ingest.c: one file from disk into the index: read (with a size cap), skip when unchanged,
 * parse into clause records, store. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest.h"
#include "xalloc.h"

enum { MAX_FILE_BYTES = 64 << 20 }; /* with its decoded copy and records: well under 1 GB */

/* Reads a whole file; returns NULL and fills msg on failure. */
static char *read_file(const char *path, size_t *n_bytes, char *msg, size_t msg_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(msg, msg_size, "%s: cannot open: %s; file skipped", path, strerror(errno));
        return NULL;
    }
    struct stat st = {0}; /* fstat failing: size unknown, read as from a pipe */
    if (fstat(fileno(f), &st) == 0 && st.st_size > MAX_FILE_BYTES) {
        snprintf(msg, msg_size, "%s: %lld bytes, over the %d MB limit; file skipped", path,
                 (long long)st.st_size, MAX_FILE_BYTES >> 20);
        fclose(f);
        return NULL;
    }
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0;
    char *buf = xmalloc(cap);
    for (size_t got; (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap && n <= MAX_FILE_BYTES) /* a pipe or a growing file: read on */
            buf = xrealloc(buf, cap *= 2);
    }
    bool failed = ferror(f);
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

static void print_record_lines(const ps_doc *doc)
{
    for (size_t r = 0; r < ps_doc_record_count(doc); r++) {
        char *json = ps_record_to_json(doc, r);
        if (!json) /* NULL only for out-of-memory: a record missing from the output is worse */
            xalloc_die(0);
        printf("%s\n", json);
        free(json);
    }
}

int ingest_file(ps_index *ix, const walk_file *f, bool dump, run *r)
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
    ps_file_state state = PS_FILE_NEW;
    ps_error err = {0};
    if (ix && ps_index_file_state(ix, f->key, hash, &state, &err) != PS_OK) {
        fprintf(stderr, "policy-index: %s; stopping\n", err.msg);
        free(bytes);
        return 1;
    }
    ps_doc *doc = NULL;
    int status = 0;
    if (state == PS_FILE_SAME) {
        r->unchanged++;
    } else if (ps_doc_parse(bytes, n, f->key, f->path, &doc, &err) != PS_OK) {
        fprintf(stderr, "policy-index: %s; file skipped\n", err.msg); /* the rest goes on */
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
    return status;
}

void report_line(const char *line)
{
    fprintf(stderr, "policy-index: %s\n", line);
}

void show_progress(const run *r, size_t done, size_t total)
{
    if (r->progress)
        fprintf(stderr, "\rindexing: %zu/%zu files, %.1f MB, %zu records", done, total, r->mb,
                r->records);
}
