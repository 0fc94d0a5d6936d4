/* util.h: helpers shared by the unit tests: reading files under the source tree. */
#ifndef PS_TEST_UTIL_H
#define PS_TEST_UTIL_H
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The sample corpus, in file order. */
enum { N_CORPUS = 5 };
__attribute__((unused)) static const char *corpus_file(size_t i)
{
    static const char *const files[N_CORPUS] = {
        "000_f3134de028f8d3e7.txt", "001_688d1b3eb0656e61.txt", "002_c51c4008d2d0f852.txt",
        "003_e042514a33c78a9d.txt", "004_dadc7d09c2d32ef9.txt"};
    return i < N_CORPUS ? files[i] : NULL;
}

/* Path of a file under the source tree (PS_SOURCE_ROOT is set by meson). Static buffer. */
__attribute__((unused)) static const char *src_path(const char *rel)
{
    static char buf[4096];
    const char *root = getenv("PS_SOURCE_ROOT");
    snprintf(buf, sizeof buf, "%s/%s", root ? root : "..", rel);
    return buf;
}

/* Reads a whole file; the caller frees. Bails out of the test with the reason on failure. */
__attribute__((unused)) static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("Bail out! cannot open %s: %s\n", path, strerror(errno));
        exit(1);
    }
    long len = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        len = ftell(f);
    if (len < 0 || fseek(f, 0, SEEK_SET) != 0) {
        printf("Bail out! cannot size %s: %s\n", path, strerror(errno));
        exit(1);
    }
    char *buf = malloc((size_t)len + 1);
    if (!buf) {
        printf("Bail out! out of memory reading %s (%ld bytes)\n", path, len);
        exit(1);
    }
    size_t got = fread(buf, 1, (size_t)len, f);
    if (got != (size_t)len || ferror(f)) {
        printf("Bail out! read %zu of %ld bytes of %s\n", got, len, path);
        exit(1);
    }
    fclose(f);
    buf[got] = '\0';
    if (n)
        *n = got;
    return buf;
}
/* Removes the folder 'dir' (a mkdtemp() result that stays valid) when the test exits, after a
 * "Bail out!" too. */
__attribute__((unused)) static const char *exit_rm_dir;
__attribute__((unused)) static void exit_rm_run(void)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", exit_rm_dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", exit_rm_dir);
}
__attribute__((unused)) static void remove_at_exit(const char *dir)
{
    exit_rm_dir = dir;
    atexit(exit_rm_run);
}

/* A record's departments as the goldens write them: "市发展改革委/lead、市财政局", with
 * "written=" before a name the document wrote differently; "-" when none. Static buffer. */
__attribute__((unused)) static const char *depts_text(const ps_record *r)
{
    static char s[4096];
    size_t len = 0;
    s[0] = '\0';
    for (size_t i = 0; i < r->n_departments && len < sizeof s - 1; i++) {
        const ps_dept *d = &r->departments[i];
        bool same = strcmp(d->name, d->written) == 0;
        len += (size_t)snprintf(s + len, sizeof s - len, "%s%s%s%s%s%s", i ? "、" : "",
                                same ? "" : d->written, same ? "" : "=", d->name,
                                d->role == PS_ROLE_RESPONSIBLE ? "" : "/",
                                d->role == PS_ROLE_RESPONSIBLE ? "" : ps_role_name(d->role));
    }
    return *s ? s : "-";
}
#endif
