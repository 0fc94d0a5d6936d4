/* parallel.c: a new index built by several worker processes. Xapian spends almost all of an
 * indexing run inverting documents in one thread (README, Performance), so a first build over
 * many files splits them between workers, each writing databases of its own (parts of bounded
 * size), and compacts the parts into one at the end. Updates to an existing index stay in one
 * process: they are one transaction on the database readers use. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parallel.h"
#include "xalloc.h"

static char *path_join(const char *a, const char *b)
{
    return xasprintf("%s/%s", a, b);
}

/* DB.building: the workers' parts, the merged result before its rename, and the holder. */
static char *building_dir(const char *db)
{
    size_t n = strlen(db);
    while (n > 1 && db[n - 1] == '/')
        n--;
    return xasprintf("%.*s.building", (int)n, db);
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
    char *dir = building_dir(db), holder[256];
    long pid = 0;
    bool running = ps_holder_read(dir, holder, sizeof holder) &&
                   sscanf(holder, "policy-index pid %ld", &pid) == 1 && pid > 0 &&
                   (kill((pid_t)pid, 0) == 0 || errno == EPERM);
    if (running)
        fprintf(stderr,
                "policy-index: cannot open index: %s: another indexer is writing to it (%s)\n", db,
                holder);
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
    if (!ps_holder_write(dir)) {
        fprintf(stderr, "policy-index: cannot open index: %s: cannot name its holder: %s\n", dir,
                strerror(errno));
        return false;
    }
    return true;
}

/* Which worker reads each file (-1: none). A key given twice keeps its last file, as in a
 * one-process run, where the later replaces the earlier; the others are counted as done. */
typedef struct plan {
    int *owner;
    size_t dropped;
} plan;

static const walk_list *sort_files; /* qsort has no context argument */

static int by_key_then_index(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(sort_files->v[i].key, sort_files->v[j].key);
    return c ? c : (i > j) - (i < j);
}

static plan make_plan(const walk_list *files, int jobs)
{
    plan p = {xcalloc(files->n, sizeof *p.owner), 0};
    size_t *order = xmallocarray(files->n, sizeof *order);
    for (size_t i = 0; i < files->n; i++)
        order[i] = i;
    sort_files = files;
    qsort(order, files->n, sizeof *order, by_key_then_index);
    for (size_t k = 0; k + 1 < files->n; k++)
        if (strcmp(files->v[order[k]].key, files->v[order[k + 1]].key) == 0) {
            p.owner[order[k]] = -1;
            p.dropped++;
        }
    free(order);
    int next = 0;
    for (size_t i = 0; i < files->n; i++)
        if (p.owner[i] == 0) {
            p.owner[i] = next;
            next = (next + 1) % jobs;
        }
    return p;
}

/* A worker starts a new part after this much input: Xapian's cost per document grows with the
 * database it is added to (each flush merges into longer posting lists), so parts of bounded
 * size keep the build linear in the corpus; the final compaction is linear too. At N=200
 * (73 MB) parts of 1, 3, 8 and 16 MB built in 51, 48, 50 and 56 s: many small parts compact
 * less well, large ones grow slow. */
#define PART_MB 4.0

static double part_mb_limit(void)
{
    const char *env = getenv("POLICY_INDEX_PART_MB"); /* tests: many small parts */
    double mb = env ? atof(env) : 0;
    return mb > 0 ? mb : PART_MB;
}

static ps_index *open_part(const char *dir, int k, int j, unsigned flags)
{
    char name[64];
    snprintf(name, sizeof name, "part-%d-%d", k, j);
    char *path = path_join(dir, name);
    ps_index *ix = NULL;
    ps_error err = {0};
    if (ps_index_open(path, PS_OPEN_WRITE | flags, &ix, &err) != PS_OK)
        fprintf(stderr, "policy-index: cannot open index: %s\n", err.msg);
    free(path);
    return ix;
}

static int close_part(ps_index *ix)
{
    ps_error err = {0};
    int status = 0;
    if (ps_index_commit(ix, &err) != PS_OK) {
        fprintf(stderr, "policy-index: %s\n", err.msg);
        status = 1;
    }
    ps_index_close(ix);
    return status;
}

/* Worker k: its files into parts part-K-0, part-K-1, ... under 'dir', one counter message per
 * file on 'out'. */
static int work(const char *dir, const walk_list *files, const plan *p, int k, int out,
                unsigned flags)
{
    int j = 0, status = 0;
    double part_mb = 0, limit = part_mb_limit();
    ps_index *ix = open_part(dir, k, j, flags);
    for (size_t i = 0; i < files->n && ix && status == 0; i++) {
        if (p->owner[i] != k)
            continue;
        if (part_mb >= limit) {
            status = close_part(ix);
            ix = status ? NULL : open_part(dir, k, ++j, flags);
            part_mb = 0;
            if (!ix)
                break;
        }
        run delta = {0};
        status = ingest_file(ix, &files->v[i], false, &delta);
        part_mb += delta.mb;
        if (write(out, &delta, sizeof delta) != (ssize_t)sizeof delta) /* under PIPE_BUF: whole */
            status = 1;
    }
    if (!ix)
        return 1;
    if (status) { /* what this part holds is discarded with the rest of the build */
        ps_index_close(ix);
        return 1;
    }
    return close_part(ix);
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
static int run_workers(const char *dir, const walk_list *files, int jobs, run *r)
{
    int fds[2];
    if (pipe(fds) != 0) {
        fprintf(stderr, "policy-index: cannot start workers: %s\n", strerror(errno));
        return 1;
    }
    plan p = make_plan(files, jobs);
    pid_t pids[PARALLEL_MAX_JOBS];
    int started = 0;
    fflush(NULL); /* nothing buffered is written twice */
    for (; started < jobs; started++) {
        pids[started] = fork();
        if (pids[started] < 0)
            break;
        if (pids[started] == 0) {
            close(fds[0]);
            int status = work(dir, files, &p, started, fds[1], r->open_flags);
            fflush(NULL);
            _exit(status); /* the parent's state is the parent's to tear down */
        }
    }
    close(fds[1]);
    run delta;
    size_t done = p.dropped;
    while (read(fds[0], &delta, sizeof delta) == (ssize_t)sizeof delta) {
        add_counts(r, &delta);
        show_progress(r, ++done, files->n);
    }
    close(fds[0]);
    free(p.owner);
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

static int is_part(const struct dirent *e)
{
    return strncmp(e->d_name, "part-", 5) == 0;
}

/* Compacts every part under 'dir' into dir/merged. */
static int merge_parts(const char *dir, const char *merged)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, is_part, alphasort);
    if (n < 0) {
        fprintf(stderr, "policy-index: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    char **parts = xmallocarray((size_t)n, sizeof *parts);
    for (int i = 0; i < n; i++) {
        parts[i] = path_join(dir, names[i]->d_name);
        free(names[i]);
    }
    free(names);
    ps_error err = {0};
    int status = 0;
    if (ps_index_merge((const char *const *)parts, (size_t)n, merged, &err) != PS_OK) {
        fprintf(stderr, "policy-index: cannot merge the workers' parts: %s\n", err.msg);
        status = 1;
    }
    for (int i = 0; i < n; i++)
        free(parts[i]);
    free(parts);
    return status;
}

int parallel_build(const char *db, const walk_list *files, int jobs, run *r)
{
    char *dir = building_dir(db);
    if (!claim(db, dir)) {
        free(dir);
        return 1;
    }
    char *merged = path_join(dir, "merged");
    int status = run_workers(dir, files, jobs, r);
    if (status == 0)
        status = merge_parts(dir, merged);
    if (status == 0 && rename(merged, db) != 0) {
        fprintf(stderr, "policy-index: cannot create %s: %s\n", db, strerror(errno));
        status = 1;
    }
    remove_tree(dir);
    free(merged);
    free(dir);
    return status;
}
