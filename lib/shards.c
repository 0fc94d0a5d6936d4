/* shards.c: what an index path names, as a list of shards to open. A path is
 *   - a database folder (one shard);
 *   - a Xapian stub database file, or a folder holding one named XAPIANDB (as policy-index
 *     --shards writes): one line per shard, "auto PATH" (or "glass PATH", "chert PATH"; a
 *     relative PATH is relative to the stub's folder, and may be a stub itself) or
 *     "remote HOST:PORT" (a xapian-tcpsrv), "#" starting a comment.
 * Xapian reads stub files itself, but then a shard that is down fails the whole database
 * without saying which, and metadata comes from the first shard only: so the shards are
 * listed here and opened one by one (xapian-shim.cc). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xapian-shim.h"

enum { MAX_DEPTH = 8 }; /* stubs naming stubs, up to a loop */

static void add_shard(psi_shards *out, const char *name, const char *path, const char *host,
                      unsigned port)
{
    out->v = psi_xrealloc(out->v, (out->n + 1) * sizeof *out->v);
    psi_shard *s = &out->v[out->n++];
    s->name = psi_xstrndup(name, strlen(name));
    s->path = path ? psi_xstrndup(path, strlen(path)) : NULL;
    s->host = host ? psi_xstrndup(host, strlen(host)) : NULL;
    s->port = port;
}

void psi_shards_free(psi_shards *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].name);
        free(s->v[i].path);
        free(s->v[i].host);
    }
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

static ps_status expand(const char *path, int depth, psi_shards *out, ps_error *err);

/* "HOST:PORT" (HOST may be empty: localhost) into its parts; false when it is not that. */
static bool host_port(const char *arg, char *host, size_t host_size, unsigned *port)
{
    const char *colon = strrchr(arg, ':');
    if (!colon || (size_t)(colon - arg) >= host_size)
        return false;
    char *end = NULL;
    unsigned long p = strtoul(colon + 1, &end, 10);
    if (colon[1] == '\0' || *end || p == 0 || p > 65535)
        return false;
    memcpy(host, arg, (size_t)(colon - arg));
    host[colon - arg] = '\0';
    if (!*host)
        snprintf(host, host_size, "127.0.0.1");
    *port = (unsigned)p;
    return true;
}

/* One line of stub 'stub' (folder 'dir'), its comment and surrounding blanks removed. */
static ps_status stub_line(const char *stub, size_t line_no, const char *dir, char *line, int depth,
                           psi_shards *out, ps_error *err)
{
    /* as Xapian reads stubs: a comment is a line starting with '#'; the argument is the rest of
     * the line, so a path may hold spaces */
    line[strcspn(line, "\r\n")] = '\0';
    char *kind = line + strspn(line, " \t");
    if (!*kind || *kind == '#')
        return PS_OK;
    char *arg = kind + strcspn(kind, " \t");
    if (*arg)
        *arg++ = '\0';
    arg += strspn(arg, " \t");
    for (char *end = arg + strlen(arg); end > arg && (end[-1] == ' ' || end[-1] == '\t');)
        *--end = '\0';
    if (!*arg)
        return psi_fail(err, PS_ERR_DB,
                        "%s line %zu: expected \"auto PATH\" or \"remote HOST:PORT\" (not a stub?)",
                        stub, line_no);
    if (strcmp(kind, "remote") == 0) {
        char host[256];
        unsigned port;
        if (!host_port(arg, host, sizeof host, &port))
            return psi_fail(err, PS_ERR_DB, "%s line %zu: remote takes HOST:PORT, not \"%s\"", stub,
                            line_no, arg);
        char name[300];
        snprintf(name, sizeof name, "%s:%u", host, port);
        add_shard(out, name, NULL, host, port);
        return PS_OK;
    }
    if (strcmp(kind, "auto") != 0 && strcmp(kind, "glass") != 0 && strcmp(kind, "chert") != 0)
        return psi_fail(err, PS_ERR_DB, "%s line %zu: unknown kind \"%s\" (auto or remote)", stub,
                        line_no, kind);
    psi_buf p = {0};
    if (arg[0] == '/')
        psi_buf_puts(&p, arg);
    else
        psi_buf_printf(&p, "%s%s%s", strcmp(dir, ".") ? dir : "", strcmp(dir, ".") ? "/" : "", arg);
    ps_status st = expand(p.data, depth + 1, out, err);
    psi_buf_free(&p);
    return st;
}

static ps_status read_stub(const char *stub, int depth, psi_shards *out, ps_error *err)
{
    FILE *f = fopen(stub, "r");
    if (!f)
        return psi_fail(err, PS_ERR_IO, "%s: %s", stub, strerror(errno));
    const char *slash = strrchr(stub, '/');
    char *dir = slash ? psi_xstrndup(stub, (size_t)(slash - stub)) : psi_xstrndup(".", 1);
    if (!*dir) { /* "/XAPIANDB" */
        free(dir);
        dir = psi_xstrndup("/", 1);
    }
    char *line = NULL;
    size_t cap = 0, line_no = 0, before = out->n;
    ps_status st = PS_OK;
    while (st == PS_OK && getline(&line, &cap, f) != -1)
        st = stub_line(stub, ++line_no, dir, line, depth, out, err);
    free(line);
    fclose(f);
    free(dir);
    if (st == PS_OK && out->n == before)
        st = psi_fail(err, PS_ERR_DB, "%s: a stub that names no database", stub);
    return st;
}

static ps_status expand(const char *path, int depth, psi_shards *out, ps_error *err)
{
    if (depth > MAX_DEPTH)
        return psi_fail(err, PS_ERR_DB, "%s: stubs nested more than %d deep (a loop?)", path,
                        MAX_DEPTH);
    struct stat st;
    if (stat(path, &st) != 0) {
        if (depth == 0)
            return psi_fail(err, PS_ERR_NOT_FOUND, "%s: no index here", path);
        /* a stub's shard that is not there: opening fails naming it, or --partial leaves it out */
        add_shard(out, path, path, NULL, 0);
        return PS_OK;
    }
    if (S_ISREG(st.st_mode))
        return read_stub(path, depth, out, err);
    psi_buf stub = {0};
    psi_buf_printf(&stub, "%s/XAPIANDB", path);
    ps_status s = PS_OK;
    if (stat(stub.data, &st) == 0)
        s = read_stub(stub.data, depth, out, err);
    else
        add_shard(out, path, path, NULL, 0);
    psi_buf_free(&stub);
    return s;
}

ps_status psi_shards_expand(const char *path, psi_shards *out, ps_error *err)
{
    return expand(path, 0, out, err);
}
