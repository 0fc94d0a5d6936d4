/* shard.c: which shard a file belongs to, and the stub file that names a sharded index's shards.
 * A file goes to shard fnv1a64(key) mod K: stable across runs and machines, so a re-run updates
 * the shard that holds the file, and a removal finds it there. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "shard.h"
#include "xalloc.h"

bool shard_parse(const char *arg, shard_spec *out)
{
    char *end = NULL;
    long i = strtol(arg, &end, 10);
    if (end == arg || *end != '/')
        return false;
    const char *k_text = end + 1;
    long k = strtol(k_text, &end, 10);
    if (end == k_text || *end || k < 1 || k > SHARDS_MAX || i < 0 || i >= k)
        return false;
    out->i = (unsigned)i;
    out->k = (unsigned)k;
    return true;
}

unsigned shard_of(const char *key, unsigned k)
{
    unsigned long long h = 1469598103934665603ULL; /* FNV-1a, 64 bits */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return (unsigned)(h % k);
}

walk_list shard_files(const walk_list *files, shard_spec s)
{
    walk_list view = *files; /* roots shared: only v is the view's own */
    view.v = xcalloc(files->n + 1, sizeof *view.v);
    view.n = view.cap = 0;
    for (size_t f = 0; f < files->n; f++)
        if (shard_of(files->v[f].key, s.k) == s.i)
            view.v[view.n++] = files->v[f];
    return view;
}

char *shard_path(const char *dir, unsigned i)
{
    return xasprintf("%s/shard-%u", dir, i);
}

/* How many "auto shard-N" lines DIR/XAPIANDB has (-1: it has other lines; 0: no stub). */
int shard_count(const char *dir)
{
    char *stub = xasprintf("%s/XAPIANDB", dir);
    FILE *f = fopen(stub, "r");
    free(stub);
    if (!f)
        return 0;
    char line[512];
    int n = 0;
    unsigned want = 0, got;
    while (n >= 0 && fgets(line, sizeof line, f))
        n = sscanf(line, "auto shard-%u", &got) == 1 && got == want++ ? n + 1 : -1;
    fclose(f);
    return n;
}

bool shard_write_stub(const char *dir, unsigned k)
{
    char *stub = xasprintf("%s/XAPIANDB", dir), *tmp = xasprintf("%s/XAPIANDB.new", dir);
    FILE *f = fopen(tmp, "w");
    bool ok = f != NULL;
    for (unsigned i = 0; ok && i < k; i++)
        ok = fprintf(f, "auto shard-%u\n", i) > 0;
    if (f && fclose(f) != 0)
        ok = false;
    ok = ok && rename(tmp, stub) == 0; /* readers see the old stub or the new one, whole */
    if (!ok)
        fprintf(stderr, "policy-index: cannot write %s: %s\n", stub, strerror(errno));
    free(stub);
    free(tmp);
    return ok;
}

/* DIR/policy-shard says "I/K" in the database --shard I/K built, so that a later run knows it
 * holds one shard's files only (and does not take the others' for removed ones). */
static char *marker_path(const char *db)
{
    return xasprintf("%s/policy-shard", db);
}

bool shard_marker_read(const char *db, shard_spec *out)
{
    char *path = marker_path(db), line[64] = "";
    FILE *f = fopen(path, "r");
    free(path);
    if (!f)
        return false;
    bool ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    line[strcspn(line, "\n")] = '\0';
    return ok && shard_parse(line, out);
}

bool shard_marker_write(const char *db, shard_spec s)
{
    char *path = marker_path(db);
    FILE *f = fopen(path, "w");
    bool ok = f && fprintf(f, "%u/%u\n", s.i, s.k) > 0;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "policy-index: cannot write %s: %s\n", path, strerror(errno));
    free(path);
    return ok;
}
