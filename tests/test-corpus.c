/* test-corpus.c: golden records for every corpus file (id, line range, departments), plus the
 * rules the indexer issue names, checked directly on the records:
 *   - 000: 16 measures "1"-"16", each with exactly the departments of its tag, in order;
 *   - 003: nothing from the table of contents, no quantity ("8.5平方米") taken for a heading;
 *   - 004: no department from "责任编辑：邓健"; link text inside sentences kept.
 * PS_UPDATE_GOLDEN=1 rewrites tests/golden/ from the current output (review the diff!). */
#include <errno.h>

#include "ps.h"
#include "tap.h"
#include "util.h"

static ps_doc *parse(const char *file)
{
    char rel[256];
    snprintf(rel, sizeof rel, "corpus/%s", file);
    size_t n;
    char *bytes = slurp(src_path(rel), &n);
    ps_doc *doc = NULL;
    ps_error err = {0};
    if (ps_doc_parse(bytes, n, file, rel, &doc, &err) != PS_OK)
        printf("# %s does not parse: %s\n", rel, err.msg); /* main's check fails */
    free(bytes);
    return doc;
}

static void golden(const char *file, const ps_doc *doc)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/golden/%s.tsv", file);
    size_t cap = 1 << 16, len = 0;
    char *got = malloc(cap);
    got[0] = '\0';
    for (size_t i = 0; i < ps_doc_record_count(doc); i++) {
        const ps_record *r = ps_doc_get_record(doc, i);
        char line[4096];
        int l = snprintf(line, sizeof line, "%s\t%zu-%zu\t%s\n", r->id, r->line_start, r->line_end,
                         depts_text(r));
        while (len + (size_t)l + 1 > cap)
            got = realloc(got, cap *= 2);
        memcpy(got + len, line, (size_t)l + 1);
        len += (size_t)l;
    }
    if (getenv("PS_UPDATE_GOLDEN")) {
        FILE *f = fopen(src_path(rel), "wb");
        if (!f || fputs(got, f) == EOF || fclose(f) != 0)
            tap_bail("cannot write %s: %s", src_path(rel), strerror(errno));
    }
    char *want = slurp(src_path(rel), NULL);
    /* Report the first differing line. */
    const char *g = got, *w = want;
    size_t line_no = 1;
    while (*g && *w && *g == *w) {
        if (*g == '\n')
            line_no++;
        g++;
        w++;
    }
    bool same = *g == *w;
    TAP_OK(same, "%s: %zu records as in %s", file, ps_doc_record_count(doc), rel);
    if (!same) {
        const char *ge = strchr(g, '\n'), *we = strchr(w, '\n');
        printf("#   line %zu: got  \"%.*s\"\n#   line %zu: want \"%.*s\"\n", line_no,
               (int)(ge ? ge - g : (long)strlen(g)), g, line_no,
               (int)(we ? we - w : (long)strlen(w)), w);
    }
    free(got);
    free(want);
}

/* The 16 measures of the new-town document, typed from the source. */
static const char *const MEASURES_000[16] = {
    "市经济信息化委、市发展改革委、市国资委、市科委",
    "市经济信息化委、市交通委、市公安局、市发展改革委、市数据局",
    "市商务委、市委宣传部、市文化旅游局、市体育局、市公安局、市人力资源社会保障局、市财政局",
    "市教委、市发展改革委、市科委",
    "市国资委、市委金融办、上海金融监管局、市科委、市经济信息化委、市发展改革委",
    "市教委、市发展改革委、市规划资源局、市委编办、市人力资源社会保障局、市财政局",
    "市卫生健康委、市财政局、市发展改革委、市委编办、市医保局、市人力资源社会保障局、申康中心",
    "市发展改革委、市民政局、市教委、市住房城乡建设管理委、市规划资源局、市房屋管理局",
    "市交通委、市规划资源局、市发展改革委",
    "市绿化市容局、市规划资源局、市水务局",
    /* one literal per measure, however long */
    "市发展改革委、市规划资源局、市国资委、市经济信息化委、市财政局、市住房城乡建设管理委、市房屋管"
    "理局、市商务委",
    "市委编办、市教委、市卫生健康委",
    "市发展改革委、市规划资源局、市财政局、市人才工作局",
    "市发展改革委、市委组织部、市教委、市卫生健康委、市经济信息化委、市财政局、市统计局、市国资委",
    "市发展改革委、市统计局",
    "市委宣传部、市发展改革委",
};

static void measures_000(const ps_doc *doc)
{
    size_t found = 0;
    for (size_t i = 0; i < ps_doc_record_count(doc); i++) {
        const ps_record *r = ps_doc_get_record(doc, i);
        int n = atoi(r->label);
        if (n < 1 || n > 16 || r->n_path != 1)
            continue;
        found++;
        const char *d = depts_text(r);
        TAP_OK(strcmp(d, MEASURES_000[n - 1]) == 0, "000 measure %d departments: %s", n, d);
    }
    TAP_INT_EQ(found, 16, "000 has 16 measures");
}

static void no_toc_no_quantities_003(const ps_doc *doc)
{
    size_t toc = 0, quantity = 0;
    for (size_t i = 0; i < ps_doc_record_count(doc); i++) {
        const ps_record *r = ps_doc_get_record(doc, i);
        if (r->line_start >= 14 && r->line_start <= 212)
            toc++;
        static const char *const starts[] = {"8.5平方米", "2.69万亿元", "83.66岁", "4.5%左右"};
        for (size_t k = 0; k < 4; k++)
            quantity += strncmp(r->text, starts[k], strlen(starts[k])) == 0;
        if (strstr(r->text, "8.5平方米"))
            TAP_STR_EQ(r->label, "1.1.4", "003: \"8.5平方米\" stays inside 1.1.4");
    }
    TAP_INT_EQ(toc, 0, "003: no record from the table of contents (lines 14-212)");
    TAP_INT_EQ(quantity, 0, "003: no quantity taken for a heading");
}

static void news_page_004(const ps_doc *doc)
{
    size_t editor = 0, link_words = 0, style = 0;
    for (size_t i = 0; i < ps_doc_record_count(doc); i++) {
        const ps_record *r = ps_doc_get_record(doc, i);
        for (size_t k = 0; k < r->n_departments; k++)
            editor += strstr(r->departments[k].written, "邓健") != NULL;
        editor += strstr(r->text, "责任编辑") != NULL;
        link_words += strstr(r->text, "上海电力大学等高校入驻") != NULL;
        style += strstr(r->text, "appendQr") != NULL || strstr(r->text, "新浪财经APP") != NULL;
    }
    TAP_INT_EQ(editor, 0, "004: no department and no record from 责任编辑：邓健");
    TAP_INT_EQ(link_words, 1, "004: a stock-quote link keeps its words in the sentence");
    TAP_INT_EQ(style, 0, "004: no style block or QR promo text in records");
}

int main(void)
{
    for (size_t f = 0; f < N_CORPUS; f++) {
        ps_doc *doc = parse(corpus_file(f));
        TAP_OK(doc != NULL, "%s parses", corpus_file(f));
        if (!doc)
            continue;
        golden(corpus_file(f), doc);
        if (f == 0)
            measures_000(doc);
        if (f == 3)
            no_toc_no_quantities_003(doc);
        if (f == 4)
            news_page_004(doc);
        for (size_t i = 0; i < ps_doc_record_count(doc); i++) {
            const ps_record *r = ps_doc_get_record(doc, i);
            size_t chars = 0;
            for (const char *p = r->text; *p; p++)
                chars += ((unsigned char)*p & 0xC0) != 0x80;
            if (chars > 2000)
                TAP_OK(0, "%s: record %s has %zu characters", corpus_file(f), r->id, chars);
        }
        ps_doc_free(doc);
    }
    return tap_done();
}
