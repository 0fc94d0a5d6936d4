/* test-threads.c: the thread-safety contract of ps.h. Eight threads each open their own
 * handle on one index and run the same searches (text, department, label, related) and
 * parses at once; every answer must equal the one a single thread gets. Run under
 * ThreadSanitizer (build-tsan/) it also shows no data race, lazily loaded dictionaries
 * included. */
#include <pthread.h>
#include <unistd.h>

#include "ps.h"
#include "tap.h"
#include "util.h"

enum { THREADS = 8, ROUNDS = 3, PAGE = 20 };

static char db_dir[] = "/tmp/ps-test-threads-XXXXXX";

typedef struct job {
    const char *query, *dept, *label, *related;
} job;

static const job JOBS[] = {
    {"新城", NULL, NULL, NULL},
    {"居住证积分", NULL, NULL, NULL},
    {"\"城市数字化转型\"", NULL, NULL, NULL},
    {"交通 OR 养老 -新城", NULL, NULL, NULL},
    {NULL, "市财政局", NULL, NULL},
    {NULL, NULL, "13", NULL},
    {NULL, NULL, NULL, "000_f3134de028f8d3e7.txt#二/9"},
};
enum { N_JOBS = sizeof JOBS / sizeof *JOBS };

/* The answer to one job: ids of the page and the total, one line. The caller frees. */
static char *answer(ps_index *ix, const job *j)
{
    ps_error err = {0};
    ps_query *q = NULL;
    ps_hits *h = NULL;
    ps_status st = PS_OK;
    if (j->query)
        st = ps_query_parse(j->query, &q, &err);
    if (st == PS_OK && j->related) {
        st = ps_index_related(ix, j->related, PAGE, &h, &err);
    } else if (st == PS_OK) {
        ps_search s = {0};
        s.query = q;
        s.depts = j->dept ? &j->dept : NULL;
        s.n_depts = j->dept ? 1 : 0;
        s.label = j->label;
        s.limit = PAGE;
        st = ps_index_search(ix, &s, &h, &err);
    }
    size_t cap = 64, len = 0;
    char *out = malloc(cap);
    if (st != PS_OK) {
        snprintf(out, cap, "error %d", (int)st);
    } else {
        len = (size_t)snprintf(out, cap, "%zu:", ps_hits_total(h));
        for (size_t i = 0; i < ps_hits_count(h); i++) {
            const char *id = ps_hits_get(h, i)->record->id;
            while (len + strlen(id) + 2 > cap)
                out = realloc(out, cap *= 2);
            len += (size_t)snprintf(out + len, cap - len, " %s", id);
        }
    }
    ps_hits_free(h);
    ps_query_free(q);
    return out;
}

/* The corpus files' bytes, read before the threads start. */
static char *corpus[N_CORPUS];
static size_t corpus_n[N_CORPUS];

/* Parses a corpus file and counts its records and department names, one line: parsing
 * shares the dictionaries between threads. The caller frees. */
static char *parse_answer(size_t f)
{
    ps_doc *doc = NULL;
    ps_error err = {0};
    char *out = malloc(600);
    if (ps_doc_parse(corpus[f], corpus_n[f], corpus_file(f), corpus_file(f), &doc, &err) != PS_OK) {
        snprintf(out, 600, "%s", err.msg);
    } else {
        size_t total = 0;
        for (size_t i = 0; i < ps_doc_record_count(doc); i++)
            total += ps_doc_get_record(doc, i)->n_departments;
        snprintf(out, 600, "%zu records, %zu departments", ps_doc_record_count(doc), total);
    }
    ps_doc_free(doc);
    return out;
}

static char *expected[N_JOBS + N_CORPUS];

typedef struct worker {
    int n;
    size_t wrong, done;
    char why[512];
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    ps_index *ix = NULL;
    ps_error err = {0};
    if (ps_index_open(db_dir, PS_OPEN_READ, &ix, &err) != PS_OK) {
        snprintf(w->why, sizeof w->why, "open: %.400s", err.msg);
        w->wrong++;
        return NULL;
    }
    for (int round = 0; round < ROUNDS; round++)
        for (size_t k = 0; k < N_JOBS + N_CORPUS; k++) {
            /* each thread starts at a different job, so different work overlaps */
            size_t j = (k + (size_t)w->n) % (N_JOBS + N_CORPUS);
            char *got = j < N_JOBS ? answer(ix, &JOBS[j]) : parse_answer(j - N_JOBS);
            if (strcmp(got, expected[j]) != 0 && w->wrong++ == 0)
                snprintf(w->why, sizeof w->why, "job %zu: got %.200s, want %.200s", j, got,
                         expected[j]);
            w->done++;
            free(got);
        }
    ps_index_close(ix);
    return NULL;
}

static void build(void)
{
    ps_index *w = NULL;
    ps_error err = {0};
    if (!mkdtemp(db_dir) || ps_index_open(db_dir, PS_OPEN_WRITE, &w, &err) != PS_OK) {
        printf("Bail out! cannot create index: %s\n", err.msg);
        exit(1);
    }
    for (size_t i = 0; i < N_CORPUS; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "corpus/%s", corpus_file(i));
        corpus[i] = slurp(src_path(rel), &corpus_n[i]);
        ps_doc *doc = NULL;
        if (ps_doc_parse(corpus[i], corpus_n[i], corpus_file(i), rel, &doc, &err) != PS_OK ||
            ps_index_put_doc(w, doc, ps_content_hash(corpus[i], corpus_n[i]), NULL, &err) !=
                PS_OK) {
            printf("Bail out! %s\n", err.msg);
            exit(1);
        }
        ps_doc_free(doc);
    }
    if (ps_index_commit(w, &err) != PS_OK) {
        printf("Bail out! commit: %s\n", err.msg);
        exit(1);
    }
    ps_index_close(w);
}

int main(void)
{
    build();
    ps_index *ix = NULL;
    ps_error err = {0};
    if (ps_index_open(db_dir, PS_OPEN_READ, &ix, &err) != PS_OK) {
        printf("Bail out! %s\n", err.msg);
        return 1;
    }
    for (size_t j = 0; j < N_JOBS; j++)
        expected[j] = answer(ix, &JOBS[j]);
    ps_index_close(ix);
    for (size_t f = 0; f < N_CORPUS; f++)
        expected[N_JOBS + f] = parse_answer(f);
    for (size_t j = 0; j < N_JOBS; j++) /* a job that finds nothing tests nothing */
        TAP_OK(strncmp(expected[j], "0:", 2) != 0 && strncmp(expected[j], "error", 5) != 0,
               "job %zu finds clauses alone: %.80s", j, expected[j]);

    pthread_t t[THREADS];
    worker w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){i, 0, 0, ""};
        if (pthread_create(&t[i], NULL, work, &w[i]) != 0) {
            printf("Bail out! pthread_create\n");
            return 1;
        }
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        TAP_OK(w[i].wrong == 0 && w[i].done == ROUNDS * (N_JOBS + N_CORPUS),
               "thread %d: %zu answers, %zu differ from one thread's %s", i, w[i].done, w[i].wrong,
               w[i].why);
    }
    for (size_t j = 0; j < N_JOBS + N_CORPUS; j++)
        free(expected[j]);
    for (size_t f = 0; f < N_CORPUS; f++)
        free(corpus[f]);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", db_dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", db_dir);
    return tap_done();
}
