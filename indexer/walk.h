/* walk.h: expand the indexer's PATH arguments into the files to read, in a stable order. */
#ifndef PS_WALK_H
#define PS_WALK_H
#include <stddef.h>

typedef struct walk_file {
    char *path;       /* as opened: "corpus/000_x.txt" */
    char *key;        /* citation key: path below the folder argument, or the file's base name */
    const char *root; /* absolute path of the folder argument it was found under, or NULL */
} walk_file;

typedef struct walk_list {
    walk_file *v;
    size_t n, cap;
    size_t errors; /* paths that could not be listed (reported through the callback) */
    char **roots;  /* absolute paths of the folder arguments */
    size_t n_roots;
} walk_list;

/* Adds the files under 'arg' (a file or a folder, walked recursively in name order; hidden
 * entries skipped; symlink loops detected). 'report' receives one line per problem. */
void walk_add(walk_list *list, const char *arg, void (*report)(const char *line));
void walk_free(walk_list *list);

#endif
