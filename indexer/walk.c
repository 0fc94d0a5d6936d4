/* walk.c: file discovery for the indexer. Folders are walked in byte order of names so that
 * runs are reproducible; each folder's (device, inode) is remembered to stop symlink loops. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "walk.h"
#include "xalloc.h"

typedef struct seen_dirs {
    dev_t *dev;
    ino_t *ino;
    size_t n, cap;
} seen_dirs;

static void add_file(walk_list *list, const char *path, const char *key, const char *root)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 64;
        list->v = xreallocarray(list->v, list->cap, sizeof *list->v);
    }
    list->v[list->n].path = xstrdup(path);
    list->v[list->n].key = xstrdup(key);
    list->v[list->n].root = root;
    list->n++;
}

static void report_errno(walk_list *list, void (*report)(const char *), const char *path,
                         const char *what)
{
    char line[1024];
    snprintf(line, sizeof line, "%s: %s: %s", path, what, strerror(errno));
    report(line);
    list->errors++;
}

static void walk_dir(walk_list *list, const char *dir, const char *prefix, const char *root,
                     seen_dirs *seen, void (*report)(const char *), int depth)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        report_errno(list, report, dir, "cannot read folder");
        return;
    }
    for (size_t i = 0; i < seen->n; i++)
        if (seen->dev[i] == st.st_dev && seen->ino[i] == st.st_ino) {
            char line[1024];
            snprintf(line, sizeof line, "%s: folder already visited (symlink loop); skipped", dir);
            report(line);
            list->errors++;
            return;
        }
    if (seen->n == seen->cap) {
        seen->cap = seen->cap ? seen->cap * 2 : 16;
        seen->dev = xreallocarray(seen->dev, seen->cap, sizeof *seen->dev);
        seen->ino = xreallocarray(seen->ino, seen->cap, sizeof *seen->ino);
    }
    seen->dev[seen->n] = st.st_dev;
    seen->ino[seen->n++] = st.st_ino;

    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0) {
        report_errno(list, report, dir, "cannot read folder");
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (name[0] != '.') {
            char *path = xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
            char *key = xasprintf("%s%s%s", prefix, *prefix ? "/" : "", name);
            struct stat es;
            if (stat(path, &es) != 0)
                report_errno(list, report, path, "cannot read");
            else if (S_ISDIR(es.st_mode) && depth < 64)
                walk_dir(list, path, key, root, seen, report, depth + 1);
            else if (S_ISREG(es.st_mode))
                add_file(list, path, key, root);
            free(path);
            free(key);
        }
        free(names[i]);
    }
    free(names);
}

void walk_add(walk_list *list, const char *arg, void (*report)(const char *line))
{
    struct stat st;
    if (stat(arg, &st) != 0) {
        report_errno(list, report, arg, "cannot read");
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        seen_dirs seen = {0};
        char *root = realpath(arg, NULL);
        if (!root)
            root = xstrdup(arg);
        list->roots = xreallocarray(list->roots, list->n_roots + 1, sizeof *list->roots);
        list->roots[list->n_roots++] = root;
        walk_dir(list, arg, "", root, &seen, report, 0);
        free(seen.dev);
        free(seen.ino);
        return;
    }
    const char *base = strrchr(arg, '/');
    add_file(list, arg, base ? base + 1 : arg, NULL);
}

void walk_free(walk_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->v[i].path);
        free(list->v[i].key);
    }
    free(list->v);
    for (size_t i = 0; i < list->n_roots; i++)
        free(list->roots[i]);
    free(list->roots);
    memset(list, 0, sizeof *list);
}
