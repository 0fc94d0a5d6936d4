/* test-search.c: the search contract of the searcher issue, on an index built from corpus/ plus
 * a few synthetic documents that isolate one rule each. */
#include <errno.h>
#include <jansson.h>
#include <unistd.h>

#include "ps.h"
#include "tap.h"
#include "util.h"

static char db_dir[] = "/tmp/ps-test-search-XXXXXX";
static ps_index *ix;

/* Set-up steps: any failure stops the test with the reason (no check after it would mean
 * anything). */
static void put(ps_index *w, const char *key, const char *bytes, size_t n)
{
    ps_doc *doc = NULL;
    ps_error err = {0};
    if (ps_doc_parse(bytes, n, key, key, &doc, &err) != PS_OK)
        tap_bail("cannot parse %s: %s", key, err.msg);
    if (ps_index_put_doc(w, doc, ps_content_hash(bytes, n), NULL, &err) != PS_OK)
        tap_bail("cannot index %s: %s", key, err.msg);
    ps_doc_free(doc);
}

static ps_index *open_index(unsigned flags)
{
    ps_index *x = NULL;
    ps_error err = {0};
    if (ps_index_open(db_dir, flags, &x, &err) != PS_OK || !x)
        tap_bail("cannot open %s for %s: %s", db_dir,
                 flags == PS_OPEN_WRITE ? "writing" : "reading", err.msg);
    return x;
}

static void commit_close(ps_index *w)
{
    ps_error err = {0};
    if (ps_index_commit(w, &err) != PS_OK)
        tap_bail("cannot commit %s: %s", db_dir, err.msg);
    ps_index_close(w);
}

static const char SYNTHETIC[] = "一、对照\n"
                                "1.市场主体和监管部门所在的局要加强协作。\n"
                                "2.完善养老服务，推进社区建设。\n"
                                "3.建设养老社区。\n"
                                "二、智慧交通\n"
                                "4.推进项目。（牵头单位：市交通委；配合单位：市财政局）\n"
                                "5.优化交通组织。\n"
                                "三、其他\n"
                                "6.优化交通组织。\n"
                                "四、跨段\n"
                                "7.跨段条款\n"
                                "第一段讲数据要素。\n"
                                "第二段讲跨境流动。\n";

static void build(void)
{
    if (!mkdtemp(db_dir))
        tap_bail("cannot create %s: %s", db_dir, strerror(errno));
    remove_at_exit(db_dir);
    ps_index *w = open_index(PS_OPEN_WRITE);
    for (size_t i = 0; i < N_CORPUS; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "corpus/%s", corpus_file(i));
        size_t n;
        char *bytes = slurp(src_path(rel), &n);
        put(w, corpus_file(i), bytes, n);
        free(bytes);
    }
    put(w, "synthetic.txt", SYNTHETIC, strlen(SYNTHETIC));
    commit_close(w);
    ix = open_index(PS_OPEN_READ);
}

typedef struct result {
    size_t total, n;
    char *ids[64];
    char *texts[64];
} result;

static void result_free(result *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->ids[i]);
        free(r->texts[i]);
    }
}

/* Runs a search; 'file' restricts to one document when non-NULL. A query that does not parse or
 * a search that fails stops the test: an empty result would pass the checks that expect none. */
static result run(const char *query, const char *file, const char *dept, int lead,
                  const char *label)
{
    result r = {0};
    ps_query *q = NULL;
    ps_error err = {0};
    if (query && ps_query_parse(query, &q, &err) != PS_OK)
        tap_bail("query \"%s\" does not parse: %s", query, err.msg);
    ps_search s = {0};
    s.query = q;
    const char *canon = dept ? ps_dept_canonical(dept, strlen(dept)) : NULL;
    const char *names[1] = {canon ? canon : dept};
    if (dept) {
        s.depts = names;
        s.n_depts = 1;
    }
    s.lead_only = lead;
    s.label = label;
    s.limit = 64;
    const char *files[1] = {file};
    if (file) {
        s.files = files;
        s.n_files = 1;
    }
    ps_hits *h = NULL;
    if (ps_index_search(ix, &s, &h, &err) != PS_OK)
        tap_bail("search \"%s\" failed: %s", query ? query : "-", err.msg);
    r.total = ps_hits_total(h);
    for (size_t i = 0; i < ps_hits_count(h) && r.n < 64; i++) {
        const ps_record *rec = ps_hits_get(h, i)->record;
        r.ids[r.n] = strdup(rec->id);
        r.texts[r.n] = ps_normalize(rec->text);
        r.n++;
    }
    ps_hits_free(h);
    ps_query_free(q);
    return r;
}

/* How many hits of r lack at least one of the '|'-separated 'words' (each normalized). Every
 * word is checked in every hit. */
static size_t hits_without(const result *r, const char *words)
{
    size_t bad = 0;
    for (size_t i = 0; i < r->n; i++) {
        char *copy = strdup(words), *save = NULL;
        bool all = true;
        for (char *w = strtok_r(copy, "|", &save); w && all; w = strtok_r(NULL, "|", &save)) {
            char *nw = ps_normalize(w);
            all = strstr(r->texts[i], nw) != NULL;
            free(nw);
        }
        free(copy);
        bad += !all;
    }
    return bad;
}

/* Every hit contains every one of 'words' (normalized), and there is at least one hit. */
static void all_contain(const char *query, const char *words)
{
    result r = run(query, NULL, NULL, 0, NULL);
    size_t bad = hits_without(&r, words);
    TAP_OK(r.n > 0 && bad == 0, "\"%s\": %zu hits, each containing %s (%zu without)", query, r.n,
           words, bad);
    result_free(&r);
}

/* The helper above is a test too: on a wrong answer (a second word no hit holds) it must count
 * every hit as lacking; on the right one, none. */
static void all_contain_self_check(void)
{
    result r = run("养老 社区", NULL, NULL, 0, NULL);
    size_t wrong = hits_without(&r, "养老|火星基地"), right = hits_without(&r, "养老|社区");
    TAP_OK(r.n > 0 && wrong == r.n && right == 0,
           "self-check: a word absent from the hits fails all_contain (%zu of %zu hits lack "
           "养老|火星基地, %zu lack 养老|社区)",
           wrong, r.n, right);
    result_free(&r);
}

static void same_total(const char *a, const char *b)
{
    result ra = run(a, NULL, NULL, 0, NULL), rb = run(b, NULL, NULL, 0, NULL);
    TAP_OK(ra.total > 0 && ra.total == rb.total,
           "\"%s\" and \"%s\" find the same clauses (%zu, %zu)", a, b, ra.total, rb.total);
    result_free(&ra);
    result_free(&rb);
}

static void label_lookup(const char *label)
{
    result r = run(NULL, "000_f3134de028f8d3e7.txt", NULL, 0, label);
    TAP_OK(r.n == 1 && strcmp(r.ids[0], "000_f3134de028f8d3e7.txt#三/13") == 0,
           "--doc 新城 --clause %s is measure 13 (%zu hits)", label, r.n);
    result_free(&r);
}

int main(void)
{
    build();
    all_contain("保税", "保税");
    all_contain("综合保税区", "综合保税区");
    all_contain("廊", "廊");
    all_contain("G60科创走廊", "g60科创走廊");
    all_contain("5G网络", "5g网络");
    all_contain("PM2.5", "pm2.5");
    all_contain("REITs", "reits");
    all_contain("医养结合", "医养结合"); /* cut by a line wrap in the source */
    all_contain("养老 社区", "养老|社区");
    all_contain("市场 监管", "市场|监管");
    all_contain_self_check();
    same_total("REITs", "ＲＥＩＴｓ");
    same_total("REITs", "reits");
    same_total("养老服务", "養老服務");
    same_total("临港新片区", "臨港新片區");
    same_total("市发展改革委", "市发改委");
    same_total("市发展改革委", "上海市发展和改革委员会");

    result r = run("市场监管局", "synthetic.txt", NULL, 0, NULL);
    TAP_INT_EQ(r.total, 0, "市场监管局 does not match 市场…监管…局 scattered in a clause");
    result_free(&r);
    r = run("火星基地", NULL, NULL, 0, NULL);
    TAP_INT_EQ(r.total, 0, "a word in no clause finds nothing");
    result_free(&r);

    result both = run("养老 社区", NULL, NULL, 0, NULL), one = run("养老", NULL, NULL, 0, NULL);
    TAP_OK(both.total > 0 && both.total < one.total, "two words narrow the search (%zu < %zu)",
           both.total, one.total);
    result_free(&one);
    result_free(&both);
    result any = run("储能 OR 科技影都", NULL, NULL, 0, NULL), a = run("储能", NULL, NULL, 0, NULL);
    TAP_OK(any.total > a.total, "OR widens the search (%zu > %zu)", any.total, a.total);
    result_free(&any);
    result_free(&a);
    r = run("新城 -交通", NULL, NULL, 0, NULL);
    size_t leaked = 0;
    for (size_t i = 0; i < r.n; i++)
        leaked += strstr(r.texts[i], "交通") != NULL;
    TAP_OK(r.n > 0 && leaked == 0, "-word excludes (%zu hits, %zu with 交通)", r.n, leaked);
    result_free(&r);
    all_contain("\"城市数字化转型\"", "城市数字化转型");

    r = run("养老 社区", "synthetic.txt", NULL, 0, NULL);
    TAP_OK(r.n == 2 && strstr(r.ids[0], "#一/3"),
           "a contiguous match ranks above a looser one (%s)", r.n ? r.ids[0] : "-");
    result_free(&r);
    r = run("交通", "synthetic.txt", NULL, 0, NULL);
    size_t under = 99, other = 99;
    for (size_t i = 0; i < r.n; i++) {
        if (strstr(r.ids[i], "#二/5"))
            under = i;
        if (strstr(r.ids[i], "#三/6"))
            other = i;
    }
    TAP_OK(r.n == 3 && under < other,
           "the same text ranks higher under a heading with the word (rank %zu vs %zu)", under + 1,
           other + 1);
    result_free(&r);

    r = run("数据要素 跨境流动", "synthetic.txt", NULL, 0, NULL);
    TAP_OK(r.n == 1 && strcmp(r.ids[0], "synthetic.txt#四/7") == 0,
           "words in different paragraphs of one clause find the whole clause (%s)",
           r.n ? r.ids[0] : "-");
    result_free(&r);
    r = run("数据要素", "synthetic.txt", NULL, 0, NULL);
    TAP_OK(r.n == 1 && strcmp(r.ids[0], "synthetic.txt#四/7/p1") == 0,
           "one word finds the paragraph that holds it (%s)", r.n ? r.ids[0] : "-");
    result_free(&r);
    r = run(NULL, "synthetic.txt", NULL, 0, "7");
    TAP_OK(r.total == 1 && r.n == 1 && strcmp(r.ids[0], "synthetic.txt#四/7") == 0,
           "--clause lists a clause of two paragraphs once, whole (%zu: %s)", r.total,
           r.n ? r.ids[0] : "-");
    result_free(&r);

    r = run(NULL, NULL, "市财政局", 0, NULL);
    TAP_INT_EQ(r.total, 7, "--dept 市财政局 lists its 6 measures in 000 and the synthetic one");
    TAP_OK(r.n == 7 && strstr(r.ids[0], "#一/3") && strstr(r.ids[5], "#四/14") &&
               strstr(r.ids[6], "synthetic"),
           "in document order");
    result_free(&r);
    r = run(NULL, NULL, "市交通委", 1, NULL);
    TAP_OK(r.n == 1 && strstr(r.ids[0], "synthetic.txt#二/4"), "--lead keeps only clauses led");
    result_free(&r);
    r = run(NULL, NULL, "市财政局", 1, NULL);
    TAP_INT_EQ(r.total, 0, "a supporting department does not lead");
    result_free(&r);
    r = run("要素保障", NULL, "上海市财政局", 0, NULL);
    TAP_OK(r.n == 1 && strstr(r.ids[0], "#三/13"), "words and a department alias together");
    result_free(&r);

    label_lookup("13");
    label_lookup("十三");
    label_lookup("第13条");
    r = run(NULL, "001_688d1b3eb0656e61.txt", NULL, 0, "（二）");
    TAP_OK(r.n > 0, "--clause （二） finds the (二) clauses of 001 (%zu)", r.n);
    result_free(&r);

    /* Re-indexing the same file changes nothing; a changed file replaces only its records. */
    ps_index_close(ix);
    ps_index *w = open_index(PS_OPEN_WRITE);
    put(w, "synthetic.txt", SYNTHETIC, strlen(SYNTHETIC));
    const char changed[] = "一、对照\n1.只剩一条。\n";
    put(w, "synthetic.txt", changed, strlen(changed));
    commit_close(w);
    ix = open_index(PS_OPEN_READ);
    r = run(NULL, "synthetic.txt", NULL, 0, NULL);
    TAP_INT_EQ(r.total, 1, "a changed file's old records are replaced");
    result_free(&r);
    r = run(NULL, NULL, "市财政局", 0, NULL);
    TAP_INT_EQ(r.total, 6, "other files' records are untouched");
    result_free(&r);

    ps_index_close(ix);
    return tap_done();
}
