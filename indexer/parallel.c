/* parallel.c: a new index built by several worker processes. Xapian spends almost all of an
 * indexing run inverting documents in one thread (bench/README.md), so a first build over
 * many files splits them between workers, each writing a database of its own, and compacts
 * the parts into one at the end. Updates to an existing index stay in one process: they are
 * one transaction on the database readers use. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "parallel.h"

enum { MAX_JOBS = 64 };

static char *path_join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s/%s", a, b);
    return p;
}

/* DB.building: the workers' parts, the merged result before its rename, and the holder. */
static char *building_dir(const char *db)
{
    size_t n = strlen(db);
    while (n > 1 && db[n - 1] == '/')
        n--;
    char *p = malloc(n + sizeof ".building");
    if (!p)
        abort();
    snprintf(p, n + sizeof ".building", "%.*s.building", (int)n, db);
    return p;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)type, (void)ftw;
    return remove(path);
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

bool parallel_build_blocks(const char *db)
{
    char *dir = building_dir(db), *file = path_join(dir, "policy-index.pid");
    FILE *f = fopen(file, "r");
    char holder[256] = "";
    long pid = 0;
    bool running = f && fgets(holder, sizeof holder, f) &&
                   sscanf(holder, "policy-index pid %ld", &pid) == 1 && pid > 0 &&
                   (kill((pid_t)pid, 0) == 0 || errno == EPERM);
    if (f)
        fclose(f);
    holder[strcspn(holder, "\n")] = '\0';
    if (running)
        fprintf(stderr,
                "policy-index: cannot open index: %s: another indexer is writing to it (%s)\n", db,
                holder);
    free(file);
    free(dir);
    return running;
}

bool parallel_wanted(const char *db, const walk_list *files, int jobs)
{
    struct stat st;
    return jobs > 1 && files->n > 1 && stat(db, &st) != 0 && errno == ENOENT;
}

/* Takes DB.building for this process; a folder left by a killed build is cleared first. */
static bool claim(const char *db, const char *dir)
{
    if (parallel_build_blocks(db))
        return false;
    remove_tree(dir);
    if (mkdir(dir, 0777) != 0) {
        fprintf(stderr, "policy-index: cannot open index: %s: %s\n", dir, strerror(errno));
        return false;
    }
    char *file = path_join(dir, "policy-index.pid");
    FILE *f = fopen(file, "w");
    free(file);
    if (!f)
        return false;
    time_t now = time(NULL);
    char when[32];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    fprintf(f, "policy-index pid %ld, started %s\n", (long)getpid(), when);
    return fclose(f) == 0;
}

/* Every file of one key goes to the same worker, so a later duplicate replaces an earlier one
 * as in a one-process run. */
static int worker_of(const char *key, int jobs)
{
    unsigned long h = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 16777619u;
    return (int)(h % (unsigned long)jobs);
}

/* A worker: its share of the files into 'part', one counter message per file on 'out'. */
static int work(const char *part, const walk_list *files, int k, int jobs, int out)
{
    ps_index *ix = NULL;
    ps_error err = {0};
    if (ps_index_open(part, PS_OPEN_WRITE, &ix, &err) != PS_OK) {
        fprintf(stderr, "policy-index: cannot open index: %s\n", err.msg);
        return 1;
    }
    int status = 0;
    for (size_t i = 0; i < files->n && status == 0; i++) {
        if (worker_of(files->v[i].key, jobs) != k)
            continue;
        run delta = {0};
        status = ingest_file(ix, &files->v[i], false, &delta);
        if (write(out, &delta, sizeof delta) != (ssize_t)sizeof delta) /* under PIPE_BUF: whole */
            status = 1;
    }
    if (status == 0 && ps_index_commit(ix, &err) != PS_OK) {
        fprintf(stderr, "policy-index: %s\n", err.msg);
        status = 1;
    }
    ps_index_close(ix);
    return status;
}

static void add_counts(run *r, const run *d)
{
    r->added += d->added;
    r->updated += d->updated;
    r->unchanged += d->unchanged;
    r->skipped += d->skipped;
    r->records += d->records;
    r->mb += d->mb;
}

/* Starts the workers and sums their messages until all have finished; 0 when all succeeded. */
static int run_workers(char **parts, const walk_list *files, int jobs, run *r)
{
    int fds[2];
    if (pipe(fds) != 0) {
        fprintf(stderr, "policy-index: cannot start workers: %s\n", strerror(errno));
        return 1;
    }
    pid_t pids[MAX_JOBS];
    int started = 0;
    fflush(NULL); /* nothing buffered is written twice */
    for (; started < jobs; started++) {
        pids[started] = fork();
        if (pids[started] < 0)
            break;
        if (pids[started] == 0) {
            close(fds[0]);
            int status = work(parts[started], files, started, jobs, fds[1]);
            fflush(NULL);
            _exit(status); /* the parent's state is the parent's to tear down */
        }
    }
    close(fds[1]);
    run delta;
    size_t done = 0;
    while (read(fds[0], &delta, sizeof delta) == (ssize_t)sizeof delta) {
        add_counts(r, &delta);
        show_progress(r, ++done, files->n);
    }
    close(fds[0]);
    int failed = started < jobs;
    for (int k = 0; k < started; k++) {
        int status;
        if (waitpid(pids[k], &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            failed = 1;
    }
    if (started < jobs)
        fprintf(stderr, "policy-index: cannot start workers: %s\n", strerror(errno));
    return failed;
}

int parallel_build(const char *db, const walk_list *files, int jobs, run *r)
{
    if (jobs > MAX_JOBS)
        jobs = MAX_JOBS;
    char *dir = building_dir(db);
    if (!claim(db, dir)) {
        free(dir);
        return 1;
    }
    char *parts[MAX_JOBS];
    for (int k = 0; k < jobs; k++) {
        char name[32];
        snprintf(name, sizeof name, "part-%d", k);
        parts[k] = path_join(dir, name);
    }
    char *merged = path_join(dir, "merged");
    int status = run_workers(parts, files, jobs, r);
    ps_error err = {0};
    if (status == 0 &&
        ps_index_merge((const char *const *)parts, (size_t)jobs, merged, &err) != PS_OK) {
        fprintf(stderr, "policy-index: cannot merge the workers' parts: %s\n", err.msg);
        status = 1;
    }
    if (status == 0 && rename(merged, db) != 0) {
        fprintf(stderr, "policy-index: cannot create %s: %s\n", db, strerror(errno));
        status = 1;
    }
    remove_tree(dir);
    for (int k = 0; k < jobs; k++)
        free(parts[k]);
    free(merged);
    free(dir);
    return status;
}
