/* shard.h: an index split into shards (policy-index --shards K, --shard I/K). */
#ifndef PS_SHARD_H
#define PS_SHARD_H
#include <stdbool.h>

#include "walk.h"

enum { SHARDS_MAX = 256 };

typedef struct shard_spec {
    unsigned i, k; /* shard i of k */
} shard_spec;

/* "I/K" (0 <= I < K <= SHARDS_MAX) into *out; false when it is not that. */
bool shard_parse(const char *arg, shard_spec *out);
/* The shard (0 to k-1) of the file with citation key 'key'. */
unsigned shard_of(const char *key, unsigned k);
/* The files of shard s, as a view of 'files': free only its v. */
walk_list shard_files(const walk_list *files, shard_spec s);
/* DIR/shard-I, malloc'd. */
char *shard_path(const char *dir, unsigned i);
/* The number of shards DIR/XAPIANDB names (shard-0 … shard-K-1, as shard_write_stub writes
 * them); 0 when there is no stub; -1 when it is some other stub. */
int shard_count(const char *dir);
/* Writes DIR/XAPIANDB naming shard-0 … shard-K-1, atomically; false (said on stderr) when it
 * cannot. */
bool shard_write_stub(const char *dir, unsigned k);

/* The shard a database built by --shard I/K holds (DIR/policy-shard): false when none is
 * recorded. shard_marker_write records it, saying on stderr when it cannot. */
bool shard_marker_read(const char *db, shard_spec *out);
bool shard_marker_write(const char *db, shard_spec s);

#endif
