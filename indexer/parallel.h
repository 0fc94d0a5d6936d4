/* parallel.h: building a new index with several worker processes. */
#ifndef PS_PARALLEL_H
#define PS_PARALLEL_H
#include <stdbool.h>

#include "ingest.h"
#include "walk.h"

enum { PARALLEL_MAX_JOBS = 64 };

/* Whether a run over 'files' into 'db' with 'jobs' workers should be a parallel build: only a
 * new database (none at 'db') with more than one file to read. */
bool parallel_wanted(const char *db, const walk_list *files, int jobs);

/* Builds the database 'db' from 'files' with 'jobs' (1 to PARALLEL_MAX_JOBS) worker processes,
 * each writing parts of its own under DB.building/, then compacts the parts into one database
 * and renames it to 'db': readers see no database, then the whole one. Counts into r. Returns 0, or
 * 1 when the database could not be written (reported on stderr; 'db' is then not created). */
int parallel_build(const char *db, const walk_list *files, int jobs, run *r);

/* When a parallel build of 'db' is under way in a live process, says so on stderr, naming it
 * ("policy-index pid N, started T"), and returns true. */
bool parallel_build_blocks(const char *db);

#endif
