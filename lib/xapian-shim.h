/* xapian-shim.h: a mechanical C binding of the parts of libxapian libps uses. No policy lives
 * behind it (which terms, which keys, how to rank): index.c, search.c and related.c decide
 * that. Every entry returns a ps_status and fills 'err'; no exception crosses into C.
 *
 * A psx_db is one Xapian database handle: not thread-safe, so one per thread. */
#ifndef PS_XAPIAN_SHIM_H
#define PS_XAPIAN_SHIM_H

#include "ps-private.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct psx_db psx_db;

/* One shard of an index: a local database folder (path) or a xapian-tcpsrv (host, port).
 * shards.c reads them off a path (a folder, or a stub file); psx_open_shards opens them. */
typedef struct psi_shard {
    char *name; /* for messages: the path, or "HOST:PORT" */
    char *path; /* local; NULL for a remote one */
    char *host;
    unsigned port;
} psi_shard;
typedef struct psi_shards {
    psi_shard *v;
    size_t n;
} psi_shards;
/* Appends the shards 'path' names (a database folder; a stub file; a folder holding a stub
 * named XAPIANDB). Fails naming the path or the stub line. */
ps_status psi_shards_expand(const char *path, psi_shards *out, ps_error *err);
void psi_shards_free(psi_shards *s);

/* Opens for writing (created when missing) inside a transaction that psx_commit ends; a
 * second writer fails with PS_ERR_DB_LOCKED. Readers open with psx_open_shards. */
ps_status psx_open_writer(const char *path, psx_db **out, ps_error *err);
/* Opens shards for reading as one database: the matcher merges their matches and statistics;
 * metadata and spelling data are read from each and merged here. Remote shards connect and
 * answer within 'timeout_ms'. A shard that cannot be opened, or fails later, is an error
 * naming it; with 'partial' it is left out instead (psx_missing names it) as long as one
 * shard answers. */
ps_status psx_open_shards(const psi_shards *shards, bool partial, unsigned timeout_ms, psx_db **out,
                          ps_error *err);
/* Shards left out so far ('partial'): the name of shard i, and why in *why (may be NULL). */
size_t psx_missing_count(const psx_db *db);
const char *psx_missing(const psx_db *db, size_t i, const char **why);
/* Closes; a writer's uncommitted changes are discarded. NULL is a no-op. */
void psx_close(psx_db *db);
/* A reader: moves to the latest committed revision (Database::reopen). */
ps_status psx_reopen(psx_db *db, ps_error *err);
/* Commits the transaction and starts the next one. */
ps_status psx_commit(psx_db *db, ps_error *err);
ps_status psx_doccount(psx_db *db, size_t *out, ps_error *err);

enum { PSX_SLOTS = 4 };
/* Adds or replaces the document holding 'id_term': its data, terms and values (NULL: none). */
ps_status psx_replace(psx_db *db, const char *id_term, const char *data, const psi_terms *terms,
                      const char *const values[PSX_SLOTS], ps_error *err);
/* Deletes every document holding 'term'. */
ps_status psx_delete(psx_db *db, const char *term, ps_error *err);

/* Metadata: *out is a malloc'd copy, "" when the key is unset. Setting "" removes the key. */
ps_status psx_meta_get(psx_db *db, const char *key, char **out, ps_error *err);
ps_status psx_meta_set(psx_db *db, const char *key, const char *value, ps_error *err);
/* Calls fn for each key starting with 'prefix', in key order. */
ps_status psx_meta_each(psx_db *db, const char *prefix,
                        void (*fn)(void *ctx, const char *key, const char *value), void *ctx,
                        ps_error *err);
/* Calls fn for each term starting with 'prefix' (given without it) and its document count. */
ps_status psx_terms_each(psx_db *db, const char *prefix,
                         void (*fn)(void *ctx, const char *term, size_t n_docs), void *ctx,
                         ps_error *err);

/* How to run a query tree. */
typedef struct psx_run {
    size_t offset, limit;
    size_t check;      /* matches to check before estimating the total (0: all) */
    bool ranked;       /* BM25, ties by sort_slot; else boolean, in sort_slot order */
    int collapse_slot; /* one match per value of this slot; -1: none */
    int sort_slot;
    bool no_data;        /* the page's size and weights only: documents are not read */
    bool phrases_as_and; /* an index without positions: a phrase is the AND of its terms */
    /* Keeps only the matches whose value in 'accept_slot' accept() accepts (NULL: all), before
     * collapsing and counting: a Xapian::MatchDecider, which the remote backend cannot run
     * (a remote shard is then an error). */
    bool (*accept)(void *ctx, const char *value, size_t n_bytes);
    void *accept_ctx;
    int accept_slot;
} psx_run;

/* One page of matches; the strings are owned by it. */
typedef struct psx_match {
    char *data;
    double weight;
} psx_match;
typedef struct psx_page {
    psx_match *v;
    size_t n;
    size_t total; /* estimated */
    bool total_exact;
} psx_page;

/* Runs the tree. A writer that commits meanwhile makes the handle reopen and run again. */
ps_status psx_query(psx_db *db, const psq_node *tree, const psx_run *how, psx_page *out,
                    ps_error *err);
void psx_page_free(psx_page *p);

/* Spelling data (Xapian's spelling table): adds 'freq' uses of 'word', or takes them away (a
 * word whose count reaches 0 is removed; removing an unknown word does nothing). */
ps_status psx_spelling_add(psx_db *db, const char *word, unsigned freq, ps_error *err);
ps_status psx_spelling_remove(psx_db *db, const char *word, unsigned freq, ps_error *err);
/* Calls fn for each word of the spelling data with its frequency, in byte order: of every
 * shard, summed (a remote shard's from the copy psx_spelling_publish keeps in its metadata). */
ps_status psx_spelling_each(psx_db *db, void (*fn)(void *ctx, const char *word, size_t freq),
                            void *ctx, ps_error *err);
/* A writer: copies its spelling data into its metadata, for remote readers, when it has changed
 * since the last copy (or 'always'). */
ps_status psx_spelling_publish(psx_db *db, bool always, ps_error *err);

/* Writes the committed databases 'parts' as one compacted database at 'dest'. */
ps_status psx_compact(const char *const *parts, size_t n_parts, const char *dest, ps_error *err);

#ifdef __cplusplus
}
#endif
#endif
