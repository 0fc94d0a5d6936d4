/* db.c: one index handle per worker thread. Xapian handles are not thread-safe, so each of the
 * daemon's pool threads keeps its own in a pthread key, opened on its first request and closed
 * when the thread ends. At the start of every request the handle is reopened
 * (ps_index_reopen): it moves to the indexer's last commit, which Xapian makes atomic, so a
 * request sees a whole run or none of it, and a running server follows re-indexing without a
 * restart. When the index folder itself was replaced (a new build renamed into place), or the
 * reopen fails, the handle is closed and opened afresh. A missing index, or one being built
 * (DB.building beside it), is reported for a 503. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "serve.h"
#include "xalloc.h"

typedef struct handle {
    ps_index *ix;
    dev_t dev;
    ino_t ino; /* the folder it was opened on */
} handle;

static pthread_key_t key;

static void handle_free(void *p)
{
    handle *h = p;
    if (h)
        ps_index_close(h->ix);
    free(h);
}

void db_init(void)
{
    pthread_key_create(&key, handle_free);
}

static bool building(const char *db)
{
    char *b = xasprintf("%s.building", db);
    struct stat st;
    bool yes = stat(b, &st) == 0;
    free(b);
    return yes;
}

ps_index *db_acquire(const char *db, char *why, size_t why_bytes)
{
    handle *h = pthread_getspecific(key);
    if (!h) {
        h = xcalloc(1, sizeof *h);
        pthread_setspecific(key, h);
    }
    struct stat st;
    if (stat(db, &st) != 0) {
        ps_index_close(h->ix);
        h->ix = NULL;
        snprintf(why, why_bytes, "%s",
                 building(db) ? "the index is being built; try again shortly"
                              : "no index here yet; build it with policy-index");
        return NULL;
    }
    ps_error err = {0};
    if (h->ix &&
        (st.st_dev != h->dev || st.st_ino != h->ino || ps_index_reopen(h->ix, &err) != PS_OK)) {
        ps_index_close(h->ix); /* replaced, or cannot follow: start again */
        h->ix = NULL;
    }
    if (!h->ix) {
        if (ps_index_open(db, PS_OPEN_READ, &h->ix, &err) != PS_OK) {
            h->ix = NULL;
            snprintf(why, why_bytes, "%s",
                     building(db) ? "the index is being built; try again shortly"
                                  : "the index cannot be opened");
            fprintf(stderr, "policy-serve: cannot open index %s: %s\n", db, err.msg);
            return NULL;
        }
        h->dev = st.st_dev;
        h->ino = st.st_ino;
    }
    return h->ix;
}
