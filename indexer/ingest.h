/* ingest.h: one file from disk into the index (or onto stdout with --dump), with the run's
 * counters. Shared by the single-process run and the parallel build's workers. */
#ifndef PS_INGEST_H
#define PS_INGEST_H
#include <stdbool.h>
#include <stddef.h>

#include "ps.h"
#include "walk.h"

/* Counters of one run. */
typedef struct run {
    bool progress;       /* stderr is a terminal: show files, MB and records as we go */
    unsigned open_flags; /* for ps_index_open besides PS_OPEN_WRITE: PS_OPEN_POSITIONS (shards) */
    size_t added, updated, unchanged, removed, skipped, records;
    double mb;
} run;

/* One line on stderr: "policy-index: LINE". */
void report_line(const char *line);

/* Prints a progress line (files done of total, MB, records) when r->progress. */
void show_progress(const run *r, size_t done, size_t total);

/* Reads, parses and stores one file (ix NULL with dump: prints its records instead). A bad file
 * is reported and counted in r; returns non-zero only for a database failure, which stops the
 * run (later files would fail too). */
int ingest_file(ps_index *ix, const walk_file *f, bool dump, run *r);

#endif
