/* test-suggest.c: help when nothing matches. Brackets and quotation marks do not break a phrase
 * (tokenize.c), other punctuation still does; the spelling data the index keeps (index.c); and
 * ps_suggest's three kinds of near query (suggest.c), each verified by running it. */
#include <errno.h>
#include <unistd.h>

#include "ps-private.h"
#include "tap.h"
#include "util.h"
#include "xapian-shim.h"

/* ---- An index of one document -----------------------------------------------------------------
 */

static char db_dir[] = "/tmp/ps-test-suggest-XXXXXX";
static ps_index *ix;

static const char DOC[] = "一、任务\n"
                          "1.加强人才、住房保障。\n"
                          "2.优化居住证（积分）待遇。\n"
                          "3.以“东方美谷”美丽健康产业为主导。\n"
                          "4.推进临港新片区建设。\n"
                          "5.支持临港新片区发展。\n"
                          "6.完善养老社区服务。\n"
                          "7.发展临港产业。\n";

/* The same file changed: 美谷 and 社区 are gone. */
static const char CHANGED[] = "一、任务\n"
                              "1.加强人才、住房保障。\n"
                              "2.推进临港新片区建设。\n";

static void put(const char *key, const char *bytes)
{
    ps_index *w = NULL;
    ps_doc *doc = NULL;
    ps_error err = {0};
    if (ps_index_open(db_dir, PS_OPEN_WRITE, &w, &err) != PS_OK)
        tap_bail("cannot open %s for writing: %s", db_dir, err.msg);
    size_t n = strlen(bytes);
    if (ps_doc_parse(bytes, n, key, key, &doc, &err) != PS_OK)
        tap_bail("cannot parse %s: %s", key, err.msg);
    if (ps_index_put_doc(w, doc, ps_content_hash(bytes, n), NULL, &err) != PS_OK ||
        ps_index_commit(w, &err) != PS_OK)
        tap_bail("cannot index %s: %s", key, err.msg);
    ps_doc_free(doc);
    ps_index_close(w);
}

static void open_reader(void)
{
    ps_error err = {0};
    ps_index_close(ix);
    ix = NULL;
    if (ps_index_open(db_dir, PS_OPEN_READ, &ix, &err) != PS_OK)
        tap_bail("cannot open %s: %s", db_dir, err.msg);
}

/* Clauses a query finds (a query that does not parse stops the test). */
static size_t total_of(const char *query)
{
    ps_query *q = NULL;
    ps_error err = {0};
    if (ps_query_parse(query, &q, &err) != PS_OK)
        tap_bail("query \"%s\" does not parse: %s", query, err.msg);
    ps_search s = {0};
    s.query = q;
    s.limit = 100;
    ps_hits *h = NULL;
    if (ps_index_search(ix, &s, &h, &err) != PS_OK)
        tap_bail("search \"%s\" failed: %s", query, err.msg);
    size_t n = ps_hits_count(h);
    ps_hits_free(h);
    ps_query_free(q);
    return n;
}

static ps_suggestions *suggest(const char *query, const ps_search *s)
{
    ps_suggestions *sg = NULL;
    ps_error err = {0};
    if (ps_suggest(ix, s, query, 3, &sg, &err) != PS_OK)
        tap_bail("ps_suggest \"%s\" failed: %s", query, err.msg);
    return sg;
}

/* The first suggestion of this kind, or NULL. */
static const ps_suggestion *first_of(const ps_suggestions *sg, ps_suggest_kind kind)
{
    for (size_t i = 0; i < ps_suggestions_count(sg); i++)
        if (ps_suggestions_get(sg, i)->kind == kind)
            return ps_suggestions_get(sg, i);
    return NULL;
}

static const char *query_of(const ps_suggestion *g)
{
    return g ? g->query : "(no suggestion)";
}

static const char *from_of(const ps_suggestion *g)
{
    return g && g->from ? g->from : "(none)";
}

/* Every suggestion finds what it says, more than the query. */
static void verified(const char *query, const ps_suggestions *sg)
{
    bool ok = ps_suggestions_count(sg) > 0;
    for (size_t i = 0; i < ps_suggestions_count(sg); i++) {
        const ps_suggestion *g = ps_suggestions_get(sg, i);
        size_t got = total_of(g->query);
        if (got != g->total || !g->total_exact || got <= ps_suggestions_query_total(sg)) {
            printf("#   \"%s\" says %zu clauses, finds %zu\n", g->query, g->total, got);
            ok = false;
        }
    }
    TAP_OK(ok, "every suggestion for %s finds the clauses it says, more than the query", query);
}

typedef struct words {
    char list[4096];
} words;

static void add_spelling_word(void *ctx, const char *word, size_t freq)
{
    (void)freq;
    words *w = ctx;
    strcat(w->list, word);
    strcat(w->list, " ");
}

/* The words of the spelling data, each followed by a space. */
static const char *spelling_words(void)
{
    static words w;
    ps_error err = {0};
    w.list[0] = '\0';
    if (psx_spelling_each(ix->db, add_spelling_word, &w, &err) != PS_OK)
        tap_bail("cannot read the spelling data: %s", err.msg);
    return w.list;
}

int main(void)
{
    if (!mkdtemp(db_dir))
        tap_bail("cannot create %s: %s", db_dir, strerror(errno));
    remove_at_exit(db_dir);
    put("fx.txt", DOC);
    open_reader();

    TAP_INT_EQ(total_of("居住证积分"), 1, "居住证积分 finds 居住证（积分）");
    TAP_INT_EQ(total_of("东方美谷美丽健康"), 1, "东方美谷美丽健康 finds “东方美谷”美丽健康");
    TAP_INT_EQ(total_of("“居住证（积分）”"), 1, "the bracketed form, quoted, finds it too");
    TAP_INT_EQ(total_of("人才住房"), 0, "人才住房 does not find 人才、住房");
    TAP_INT_EQ(total_of("人才、住房"), 1, "人才、住房 finds it");

    /* The spelling data: short words of each paragraph, not the long ones. */
    const char *sp = spelling_words();
    TAP_OK(strstr(sp, "美谷 ") && strstr(sp, "社区 ") && strstr(sp, "临港 "),
           "the spelling data has the paragraphs' words (%.200s)", sp);
    TAP_OK(!strstr(sp, "东方美谷 "), "but no word of four characters or more");

    ps_suggestions *sg = suggest("人才住房", NULL);
    const ps_suggestion *g = first_of(sg, PS_SUGGEST_SPLIT);
    TAP_STR_EQ(query_of(g), "人才 住房", "人才住房 is split into 人才 住房");
    TAP_INT_EQ(g ? g->total : 0, 1, "which finds the clause");
    TAP_STR_EQ(from_of(g), "人才住房", "the suggestion names the word it splits");
    TAP_INT_EQ(ps_suggestions_query_total(sg), 0, "the query itself found nothing");
    verified("人才住房", sg);
    ps_suggestions_free(sg);

    sg = suggest("东方美古", NULL);
    g = first_of(sg, PS_SUGGEST_SPELLING);
    TAP_STR_EQ(query_of(g), "东方美谷",
               "东方美古 is respelled 东方美谷, though Xapian alone answers 美丽");
    verified("东方美古", sg);
    ps_suggestions_free(sg);

    sg = suggest("养老 社却", NULL);
    g = ps_suggestions_get(sg, 0);
    TAP_STR_EQ(query_of(g), "养老 社区", "one word of two respelled: 养老 社却 -> 养老 社区");
    TAP_STR_EQ(from_of(g), "社却", "the suggestion names the word it respells");
    ps_suggestions_free(sg);

    sg = suggest("\"东方美古\"", NULL);
    g = ps_suggestions_get(sg, 0);
    TAP_STR_EQ(query_of(g), "\"东方美谷\"", "a quoted word is respelled inside its quotes");
    ps_suggestions_free(sg);

    const char *sentence = "如何支持临港新片区的养老社区服务和美丽健康产业";
    sg = suggest(sentence, NULL);
    g = first_of(sg, PS_SUGGEST_KEY_WORDS);
    TAP_OK(g != NULL, "a sentence that finds nothing gets its key words");
    size_t n_words = 0;
    bool inside = g != NULL;
    if (g) {
        char *copy = psi_xstrndup(g->query, strlen(g->query)), *save = NULL;
        for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
            n_words++;
            inside &= strstr(sentence, w) != NULL && strcmp(w, "如何") != 0;
        }
        free(copy);
    }
    TAP_OK(n_words >= 2 && n_words <= 3 && inside,
           "two or three words of the sentence, no question word (%s)", g ? g->query : "none");
    verified(sentence, sg);
    ps_suggestions_free(sg);

    sg = suggest("临港", NULL);
    TAP_INT_EQ(ps_suggestions_count(sg), 0, "a query that finds 3 clauses gets no suggestion");
    TAP_INT_EQ(ps_suggestions_query_total(sg), 3, "and its total is counted");
    ps_suggestions_free(sg);

    const char *none[1] = {"other.txt"};
    ps_search only = {0};
    only.files = none;
    only.n_files = 1;
    sg = suggest("人才住房", &only);
    TAP_INT_EQ(ps_suggestions_count(sg), 0, "suggestions are counted under the search's filters");
    ps_suggestions_free(sg);

    ps_error err = {0};
    TAP_OK(ps_suggest(ix, NULL, "\"人才", 3, &sg, &err) == PS_ERR_QUERY && sg == NULL,
           "a query that does not parse fails as a query error: %s", err.msg);
    ps_suggestions_free(NULL);

    /* The file changes: the spelling words of its old paragraphs go with them. */
    ps_index_close(ix);
    ix = NULL;
    put("fx.txt", CHANGED);
    open_reader();
    sp = spelling_words();
    TAP_OK(!strstr(sp, "美谷 ") && !strstr(sp, "社区 ") && strstr(sp, "临港 "),
           "re-indexing a file replaces its spelling words (%.200s)", sp);
    ps_index_close(ix);
    return tap_done();
}
