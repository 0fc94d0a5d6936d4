/* test-snippet.c: ps_snippet (snippet.c), the text shown under each result: the window around the
 * first match, every match marked, "…" where the text is cut. The width counts characters, so
 * a CJK character (two terminal columns) counts as one, like a Latin letter. */
#include "ps.h"
#include "tap.h"

/* The snippet of 'text' for 'query' (NULL: no query) with matches in [brackets]. */
static char *snip(const char *text, const char *query, size_t width)
{
    ps_query *q = NULL;
    ps_error err = {0};
    if (query && ps_query_parse(query, &q, &err) != PS_OK)
        tap_bail("query \"%s\" does not parse: %s", query, err.msg);
    char *s = ps_snippet(text, q, "[", "]", width);
    ps_query_free(q);
    if (!s)
        tap_bail("ps_snippet returned NULL for \"%s\"", text);
    return s;
}

static void check(const char *name, const char *text, const char *query, size_t width,
                  const char *want)
{
    char *got = snip(text, query, width);
    TAP_STR_EQ(got, want, name);
    free(got);
}

/* Characters of s (UTF-8 lead bytes), or (size_t)-1 when s is not valid UTF-8. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; n++) {
        size_t len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : 4;
        if (*p >= 0x80 && (*p & 0xC0) == 0x80)
            return (size_t)-1;
        for (size_t k = 1; k < len; k++)
            if ((p[k] & 0xC0) != 0x80)
                return (size_t)-1;
        p += len;
    }
    return n;
}

/* Characters of the snippet without its "…" ends and marks. */
static size_t body_chars(const char *s)
{
    size_t n = utf8_chars(s);
    if (n == (size_t)-1)
        return n;
    size_t ell = strlen("…");
    if (strncmp(s, "…", ell) == 0)
        n--;
    size_t len = strlen(s);
    if (len >= ell && strcmp(s + len - ell, "…") == 0)
        n--;
    for (const char *p = s; *p; p++)
        n -= *p == '[' || *p == ']';
    return n;
}

static const char MEASURE[] = "持续加强新城发展的要素保障。继续实施新城范围内土地出让收入支持和建设"
                              "用地指标奖励政策。"; /* 43 characters */

int main(void)
{
    /* No query: the opening of the text, nothing marked. */
    check("no query: the first 10 characters, then …", MEASURE, NULL, 10, "持续加强新城发展的要…");
    check("no query, text shorter than the width: all of it, no …", MEASURE, NULL, 100, MEASURE);
    check("no query, width exactly the text's 43 characters: no …", MEASURE, NULL, 43, MEASURE);
    check("no query, width one short of the text: …", MEASURE, NULL, 42,
          "持续加强新城发展的要素保障。继续实施新城范围内土地出让收入支持和建设用地指标奖励政策…");
    check("a word that occurs nowhere: as with no query", MEASURE, "火星", 10,
          "持续加强新城发展的要…");
    check("empty text", "", "新城", 10, "");

    /* Where the match is. */
    check("match at the start: no leading …", MEASURE, "持续", 10, "[持续]加强新城发展的要…");
    check("match at the end: the window starts a third of the width before it", MEASURE, "政策", 10,
          "…标奖励[政策]。");
    check("match in the middle: … on both sides", MEASURE, "土地出让", 12,
          "…城范围内[土地出让]收入支持…");
    check("every match is marked, not only the first", MEASURE, "新城", 100,
          "持续加强[新城]发展的要素保障。继续实施[新城]范围内土地出让收入支持和建设用地指标奖励政策"
          "。");
    check("a match cut by the width is closed", MEASURE, "土地出让收入支持", 4, "…内[土地出]…");
    check("the window opens at the earliest match of any word", MEASURE, "政策 持续", 12,
          "[持续]加强新城发展的要素保…");
    check("adjacent matches form one mark", "新城新城新城", "新城", 40, "[新城新城新城]");
    check("overlapping words form one mark", "新城市", "新城 城市", 40, "[新城市]");

    /* Query forms. */
    check("-word is not marked", "养老 社区", "养老 -社区", 40, "[养老] 社区");
    check("both sides of OR are marked", "养老社区和街道", "养老 OR 街道", 40,
          "[养老]社区和[街道]");
    check("a quoted phrase is marked", "城市数字化转型", "\"数字化\"", 40, "城市[数字化]转型");

    /* Normalized matching, original bytes shown. */
    check("full-width and case: ＲＥＩＴｓ and reits both match REITs, shown as written",
          "ＲＥＩＴｓ试点，reits扩募", "REITs", 50, "[ＲＥＩＴｓ]试点，[reits]扩募");
    check("traditional characters match simplified", "養老服務和养老服务", "养老服务", 50,
          "[養老服務]和[养老服务]");
    check("a word cut by a line wrap is marked whole, the break shown as a space", "医养结\n合发展",
          "医养结合", 50, "[医养结 合]发展");
    check("a tab is shown as a space", "新城\t交通", NULL, 50, "新城 交通");
    check("Latin words match whole words only", "EDA工具和READ", "EDA", 50, "[EDA]工具和READ");

    /* Custom marks (the terminal printer uses escapes). */
    ps_query *q = NULL;
    ps_error err = {0};
    if (ps_query_parse("新城", &q, &err) != PS_OK)
        tap_bail("query 新城 does not parse: %s", err.msg);
    char *s = ps_snippet("建设新城。", q, "\033[1m", "\033[0m", 20);
    TAP_STR_EQ(s, "建设\033[1m新城\033[0m。", "custom open and close marks");
    free(s);
    ps_query_free(q);

    /* The two helpers below are tests too: they must reject a wrong answer. */
    TAP_OK(utf8_chars("新\xe5\x9f") == (size_t)-1 && utf8_chars("新城") == 2,
           "self-check: utf8_chars rejects a character cut in two");
    TAP_OK(body_chars("…[新城]ab…") == 4, "self-check: body_chars leaves out … and marks");

    /* Width counts characters, whatever their display width. */
    static const char *const texts[] = {"一二三四五六七八九十甲乙丙丁",
                                        "abcdefghijklmnopqrstuvwxyz", "新城abc发展de要素fg保障"};
    for (size_t i = 0; i < 3; i++) {
        char *got = snip(texts[i], NULL, 10);
        TAP_INT_EQ(body_chars(got), 10, "width 10 keeps 10 characters, CJK or Latin");
        TAP_OK(utf8_chars(got) != (size_t)-1, "the cut leaves valid UTF-8 (%s)", got);
        free(got);
    }
    char *cjk = snip(texts[0], NULL, 10);
    TAP_INT_EQ(ps_width_cols(cjk), 20 + ps_width_cols("…"),
               "width 10 on CJK text: 20 terminal columns and the …");
    free(cjk);
    return tap_done();
}
