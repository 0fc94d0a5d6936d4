/* db.c: index handles for requests. Xapian handles are not thread-safe, so a request borrows
 * one from a pool for its duration: libmicrohttpd gives each connection its own thread (a
 * kept-alive connection would otherwise stay on one pool thread, and eight of them landed on
 * one core), and at most --threads requests search at once (a semaphore), each with a handle.
 * At the start of every request the handle is reopened (ps_index_reopen): it moves to the
 * indexer's last commit, which Xapian makes atomic, so a request sees a whole run or none of
 * it, and a running server follows re-indexing without a restart. When the index folder itself
 * was replaced (a new build renamed into place), or the reopen fails, the handle is closed and
 * opened afresh. A missing index, or one being built (DB.building beside it), is reported for
 * a 503. */
#include <pthread.h>
#include <semaphore.h>
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

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static handle **idle; /* handles no request holds */
static size_t n_idle, cap_idle;
static sem_t slots;           /* requests that may search at once */
static __thread handle *held; /* the handle this thread's request holds */

static unsigned open_flags = PS_OPEN_READ;

void db_init(unsigned threads, bool partial)
{
    sem_init(&slots, 0, threads);
    open_flags = PS_OPEN_READ | (partial ? PS_OPEN_PARTIAL : 0);
}

void db_release(void)
{
    handle *h = held;
    if (!h)
        return;
    held = NULL;
    pthread_mutex_lock(&lock);
    if (n_idle == cap_idle) {
        cap_idle = cap_idle ? cap_idle * 2 : 8;
        idle = xreallocarray(idle, cap_idle, sizeof *idle);
    }
    idle[n_idle++] = h;
    pthread_mutex_unlock(&lock);
    sem_post(&slots);
}

void db_shutdown(void)
{
    for (size_t i = 0; i < n_idle; i++) {
        ps_index_close(idle[i]->ix);
        free(idle[i]);
    }
    free(idle);
    idle = NULL;
    n_idle = cap_idle = 0;
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
    sem_wait(&slots);
    handle *h = NULL;
    pthread_mutex_lock(&lock);
    if (n_idle)
        h = idle[--n_idle];
    pthread_mutex_unlock(&lock);
    held = h ? h : xcalloc(1, sizeof *h);
    h = held;
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
        if (ps_index_open(db, open_flags, &h->ix, &err) != PS_OK) {
            h->ix = NULL;
            snprintf(why, why_bytes, "%s%s",
                     building(db) ? "the index is being built; try again shortly"
                                  : "the index cannot be opened: ",
                     building(db) ? "" : err.msg); /* a shard down is named */
            fprintf(stderr, "policy-serve: cannot open index %s: %s\n", db, err.msg);
            return NULL;
        }
        h->dev = st.st_dev;
        h->ino = st.st_ino;
    }
    return h->ix;
}
