/* util.h: helpers shared by the unit tests: reading files under the source tree. */
#ifndef PS_TEST_UTIL_H
#define PS_TEST_UTIL_H
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

/* Reads a whole file; the caller frees. Exits the test with a message on failure. */
__attribute__((unused)) static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("Bail out! cannot open %s\n", path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    size_t got = fread(buf, 1, (size_t)len, f);
    fclose(f);
    buf[got] = '\0';
    if (n)
        *n = got;
    return buf;
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
