/* test-cite.c: references to other documents (cite.c), read through ps_doc_parse: 《titles》, with
 * 以下简称 short forms resolved, and document numbers (文号) in the bracket forms issuers use.
 * Each check writes the cites of one record as "t:title" or "n:number", joined with " | ", in
 * text order; "-" when there are none. */
#include "ps.h"
#include "tap.h"

/* The cites of every record of 'text', one line per record: "label: cites". */
static char *cites_of(const char *text, const char *file)
{
    ps_doc *doc = NULL;
    ps_error err = {0};
    if (ps_doc_parse(text, strlen(text), file, file, &doc, &err) != PS_OK)
        tap_bail("cannot parse the sample: %s", err.msg);
    size_t cap = 4096, len = 0;
    char *out = calloc(1, cap);
    if (!out)
        tap_bail("out of memory");
    for (size_t i = 0; i < ps_doc_record_count(doc); i++) {
        const ps_record *r = ps_doc_get_record(doc, i);
        char line[2048];
        size_t l = (size_t)snprintf(line, sizeof line, "%s:", r->label);
        for (size_t k = 0; k < r->n_cites && l < sizeof line; k++) {
            const ps_cite *c = &r->cites[k];
            if ((c->title == NULL) == (c->number == NULL))
                l += (size_t)snprintf(line + l, sizeof line - l, " (title and number both %s)",
                                      c->title ? "set" : "NULL");
            else
                l += (size_t)snprintf(line + l, sizeof line - l, "%s%s:%s", k ? " |" : "",
                                      c->title ? " t" : " n", c->title ? c->title : c->number);
        }
        if (r->n_cites == 0 && l < sizeof line)
            l += (size_t)snprintf(line + l, sizeof line - l, " -");
        if (l >= sizeof line)
            tap_bail("cites of record %s longer than %zu bytes", r->id, sizeof line);
        while (len + l + 2 > cap)
            if (!(out = realloc(out, cap *= 2)))
                tap_bail("out of memory");
        memcpy(out + len, line, l);
        len += l;
        out[len++] = '\n';
        out[len] = '\0';
    }
    ps_doc_free(doc);
    return out;
}

/* The cites of the record labelled 'label' in 'text' (malloc'd), or NULL when no record has
 * that label. */
static char *record_cites(const char *text, const char *label)
{
    char *all = cites_of(text, "case.txt"), key[64], *got = NULL;
    snprintf(key, sizeof key, "%s:", label);
    for (char *p = all; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (strncmp(p, key, strlen(key)) == 0) {
            char *v = p + strlen(key) + 1;
            got = strndup(v, strcspn(v, "\n"));
            break;
        }
    if (!got)
        printf("# no record labelled %s among:\n# %s\n", label, all);
    free(all);
    return got;
}

static void check_doc(const char *name, const char *text, const char *label, const char *want)
{
    char *got = record_cites(text, label);
    TAP_STR_EQ(got, want, name);
    free(got);
}

/* The cites of the record labelled 'label' in a document "一、总则" + 'items'. */
static void check(const char *name, const char *items, const char *label, const char *want)
{
    char text[4096];
    snprintf(text, sizeof text, "一、总则\n%s", items);
    check_doc(name, text, label, want);
}

int main(void)
{
    /* Titles. */
    check("a title in 《》", "1.根据《中华人民共和国城乡规划法》执行。\n", "1",
          "t:中华人民共和国城乡规划法");
    check("two titles, in text order",
          "1.按照《国务院关于推进新型城镇化的意见》和《上海市城市总体规划》执行。\n", "1",
          "t:国务院关于推进新型城镇化的意见 | t:上海市城市总体规划");
    check("〈〉 inside 《》 stays part of the title",
          "1.根据《关于印发〈上海市新城规划建设导则〉的通知》执行。\n", "1",
          "t:关于印发〈上海市新城规划建设导则〉的通知");
    check("《》 nested in 《》: the outer title, whole",
          "1.根据《关于印发《上海市新城规划建设导则》的通知》执行。\n", "1",
          "t:关于印发《上海市新城规划建设导则》的通知");
    check("a title with brackets and a year range",
          "1.落实《上海市城市总体规划（2017—2035年）》。\n", "1",
          "t:上海市城市总体规划（2017—2035年）");
    check("the same title twice in a clause is one cite, spaces and all",
          "1.依据《中华人民共和国民法典》和《中华人民共和国 民法典》。\n", "1",
          "t:中华人民共和国民法典");
    check("an unclosed 《 before a sentence end is no title; the next one is",
          "1.未闭合《标题没有结束。然后《另一个文件》。\n", "1", "t:另一个文件");
    check("本《纲要》 refers to the document itself", "1.本《纲要》自印发之日起施行。\n", "1", "-");
    check("a clause without references", "1.加强统筹协调。\n", "1", "-");

    /* 以下简称 short forms, resolved in later clauses and in the same one. */
    static const char SHORT[] =
        "1.按照《国务院关于推进新型城镇化的意见》（以下简称《意见》）要求。\n"
        "2.落实《意见》，再落实《 意 见 》。\n"
        "3.根据《关于加强新城建设的通知》（以下简称“通知”）办理。\n"
        "4.落实《通知》。\n"
        "5.落实《指导意见》。\n";
    check("以下简称《意见》: the short form is no second cite", SHORT, "1",
          "t:国务院关于推进新型城镇化的意见");
    check("a later 《意见》 resolves to the full title, once", SHORT, "2",
          "t:国务院关于推进新型城镇化的意见");
    check("以下简称“通知” (quotes) defines a short form too", SHORT, "4",
          "t:关于加强新城建设的通知");
    check("a title that is no short form stays as written", SHORT, "5", "t:指导意见");

    /* Document numbers. */
    check("number with 〔〕", "1.沪府发〔2024〕12号文件。\n", "1", "n:沪府发〔2024〕12号");
    check("numbers in the other bracket forms, in text order",
          "1.沪府办发[2022]7号、沪府规（2021）3号、沪府发(2020)1号、沪发改［2019］15号。\n", "1",
          "n:沪府办发[2022]7号 | n:沪府规（2021）3号 | n:沪府发(2020)1号 | n:沪发改［2019］15号");
    check("a title and a number together",
          "1.根据《上海市人民政府关于印发X的通知》（沪府发〔2024〕12号）。\n", "1",
          "t:上海市人民政府关于印发X的通知 | n:沪府发〔2024〕12号");
    check("not numbers: a two-digit year, no serial number, no issuer code",
          "1.国〔24〕1号，国发〔2024〕号，〔2024〕12号。\n", "1", "-");
    check("a year in brackets without 号 is no number", "1.完成（2024）年度任务。\n", "1", "-");
    /* Cite keys: how a cited title or number is indexed and looked up. */
    char *k1 = ps_cite_key("中国（上海）自由贸易试验区临港新片区发展“十四五”规划"),
         *k2 = ps_cite_key("中国(上海)自由贸易试验区临港新片区发展_十四五_规划"),
         *k3 = ps_cite_key("沪府发〔2024〕12号"), *k4 = ps_cite_key("沪府发[2024]12号");
    TAP_STR_EQ(k1, "中国上海自由贸易试验区临港新片区发展十四五规划",
               "cite key: characters, letters and digits only");
    TAP_STR_EQ(k2, k1, "cite key: brackets of either width, quotes and underscores do not matter");
    TAP_STR_EQ(k3, "沪府发202412号", "cite key of a number");
    TAP_STR_EQ(k4, k3, "cite key: 〔2024〕 and [2024] are the same number");
    free(k1);
    free(k2);
    free(k3);
    free(k4);

    /* The document's own title and number are no references. */
    check_doc("the document's own title and number are left out",
              "沪府发〔2024〕12号\n\n现将《上海市新城建设方案》印发给你们。\n\n上海市人民政府\n\n"
              "2024年6月28日\n\n一、总则\n\n1.落实《上海市新城建设方案》、沪府发〔2024〕12号、"
              "沪府发〔2023〕5号。\n",
              "1", "n:沪府发〔2023〕5号");

    /* The issuer code of a number is the issuer's abbreviation and the kind of document; the
     * verb, conjunction or title kind the text puts in front is not part of it. */
    check_doc("a verb before a number is not part of it",
              "一、总则\n1.根据国发〔2024〕12号文件执行。\n", "1", "n:国发〔2024〕12号");
    check_doc("two numbers joined by 和",
              "一、总则\n1.参照沪府办发〔2022〕7号和沪府规〔2021〕3号。\n", "1",
              "n:沪府办发〔2022〕7号 | n:沪府规〔2021〕3号");
    check_doc("the document's own number after a verb is no reference",
              "沪府发〔2024〕12号\n\n一、总则\n1.执行沪府发〔2024〕12号。\n", "1", "-");
    check("central codes after verbs",
          "1.根据发改规划〔2021〕1号，按照人社部发〔2024〕3号，依据中办发〔2023〕1号，落实国办函〔"
          "2019〕2号，执行财税〔2019〕13号。\n",
          "1",
          "n:发改规划〔2021〕1号 | n:人社部发〔2024〕3号 | n:中办发〔2023〕1号 | "
          "n:国办函〔2019〕2号 | n:财税〔2019〕13号");
    check("local codes after verbs and conjunctions",
          "1.参照沪府规〔2021〕3号与粤府〔2020〕5号及穗府办函〔2022〕8号、浦府〔2019〕4号或"
          "沪府办发〔2022〕7号执行。\n",
          "1",
          "n:沪府规〔2021〕3号 | n:粤府〔2020〕5号 | n:穗府办函〔2022〕8号 | n:浦府〔2019〕4号 | "
          "n:沪府办发〔2022〕7号");
    check("a number right after another one's 号", "1.见国发〔2024〕1号沪府发〔2024〕2号。\n", "1",
          "n:国发〔2024〕1号 | n:沪府发〔2024〕2号");
    check("a title kind before a number, as a title line joined to its number line",
          "1.关于印发X的通知沪府发〔2024〕12号；关于Y的函国办函〔2004〕57号。\n", "1",
          "n:沪府发〔2024〕12号 | n:国办函〔2004〕57号");
    check("words no list names: the code opens at a province abbreviation or 国",
          "1.各区要认真研究国发〔2024〕1号，抓紧研究沪府发〔2024〕2号。\n", "1",
          "n:国发〔2024〕1号 | n:沪府发〔2024〕2号");
    check("district and department codes stay whole, 国 or 发改 inside them too",
          "1.按照黄发改委办〔2025〕5号、浦国资委〔2020〕3号和嘉规划资源地〔2020〕7号执行。\n", "1",
          "n:黄发改委办〔2025〕5号 | n:浦国资委〔2020〕3号 | n:嘉规划资源地〔2020〕7号");
    check("eight characters with no word boundary or issuer in them are no code",
          "1.甲乙丙丁戊己庚辛〔2024〕1号。\n", "1", "-");
    return tap_done();
}
