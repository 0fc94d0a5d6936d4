/* util.h: helpers shared by the unit tests: reading files under the source tree. */
#ifndef PS_TEST_UTIL_H
#define PS_TEST_UTIL_H
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Path of a file under the source tree (PS_SOURCE_ROOT is set by meson). Static buffer. */
static const char *src_path(const char *rel)
{
    static char buf[4096];
    const char *root = getenv("PS_SOURCE_ROOT");
    snprintf(buf, sizeof buf, "%s/%s", root ? root : "..", rel);
    return buf;
}

/* Reads a whole file; the caller frees. Exits the test with a message on failure. */
static char *slurp(const char *path, size_t *n)
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
#endif
