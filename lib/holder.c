/* holder.c: the file naming the process that writes an index ("policy-index pid N, started T"),
 * so that a second indexer can say who holds it. It sits next to Xapian's write lock, and in
 * the folder of a parallel build (indexer/parallel.c), which Xapian does not lock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ps-private.h"

static char *holder_path(const char *dir)
{
    size_t n = strlen(dir) + sizeof "/policy-index.pid";
    char *p = psi_xmalloc(n);
    snprintf(p, n, "%s/policy-index.pid", dir);
    return p;
}

int ps_holder_write(const char *dir)
{
    char *path = holder_path(dir);
    FILE *f = fopen(path, "w");
    free(path);
    if (!f)
        return 0;
    time_t now = time(NULL);
    char when[32];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    fprintf(f, "policy-index pid %ld, started %s\n", (long)getpid(), when);
    return fclose(f) == 0;
}

int ps_holder_read(const char *dir, char *line, size_t size)
{
    char *path = holder_path(dir);
    FILE *f = fopen(path, "r");
    free(path);
    line[0] = '\0';
    if (!f)
        return 0;
    if (!fgets(line, (int)size, f))
        line[0] = '\0';
    fclose(f);
    line[strcspn(line, "\n")] = '\0';
    return line[0] != '\0';
}

void ps_holder_remove(const char *dir)
{
    char *path = holder_path(dir);
    unlink(path);
    free(path);
}
