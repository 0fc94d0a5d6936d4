/* test-norm.c: normalization, term generation and query parsing. */
#include "ps-private.h"
#include "tap.h"

/* Test name: the input with line breaks shown as \n. */
static const char *shown(const char *in)
{
    static char buf[256];
    size_t o = 0;
    for (; *in && o + 3 < sizeof buf; in++) {
        if (*in == '\n') {
            buf[o++] = '\\';
            buf[o++] = 'n';
        } else
            buf[o++] = *in;
    }
    buf[o] = '\0';
    return buf;
}

static void norm(const char *in, const char *want)
{
    char *got = ps_normalize(in);
    TAP_STR_EQ(got, want, shown(in));
    free(got);
}

typedef struct collected {
    char text[2048];
} collected;

static void collect(void *ctx, const char *term, size_t n, unsigned pos, psi_term_kind kind)
{
    collected *c = ctx;
    char item[256];
    static const char *const tag[] = {"u:", "e:", "b:", "w:"}; /* psi_term_kind order */
    snprintf(item, sizeof item, "%s%.*s@%u", tag[kind], (int)n, term, pos);
    if (*c->text)
        strcat(c->text, " ");
    strcat(c->text, item);
}

static void terms(const char *in, const char *want)
{
    psi_norm nm = {0};
    ps_error err = {0};
    if (psi_normalize(in, strlen(in), &nm, &err) != PS_OK)
        tap_bail("cannot normalize \"%s\": %s", shown(in), err.msg);
    collected c = {""};
    psi_tokenize(&nm, 0, nm.n, 1, collect, &c);
    psi_norm_free(&nm);
    TAP_STR_EQ(c.text, want, shown(in));
}

static void parse_fails(const char *q, const char *why)
{
    ps_query *pq = NULL;
    ps_error err = {0};
    ps_status st = ps_query_parse(q, &pq, &err);
    TAP_OK(st == PS_ERR_QUERY && pq == NULL && strstr(err.msg, why), "query \"%s\" is refused: %s",
           q, err.msg);
    ps_query_free(pq);
}

int main(void)
{
    norm("ＲＥＩＴｓ", "reits");
    norm("REITs", "reits");
    norm("養老服務", "养老服务");
    norm("臨港新片區", "临港新片区");
    norm("市发展改革\n\n  委", "市发展改革委");
    norm("PM2.5　", "pm2.5");
    norm("（一）", "(一)");

    /* A unigram only where no bigram starts (a run's last character) or next to a Latin
     * word; a lone character is its unigram. */
    terms("综合保税区", "b:综合@1 b:合保@2 b:保税@3 b:税区@4 u:区@5");
    terms("G60科创", "w:g60@1 e:科@2 b:科创@2 u:创@3");
    terms("5G网络", "w:5g@1 e:网@2 b:网络@2 u:络@3");
    terms("PM2.5浓度", "w:pm2.5@1 e:浓@2 b:浓度@2 u:度@3");
    terms("市场、监管", "b:市场@1 u:场@2 b:监管@4 u:管@5");
    terms("发展改\n革委", "b:发展@1 b:展改@2 b:改革@3 b:革委@4 u:委@5");
    terms("Electronics Design", "w:electronics@1 w:design@2");
    terms("科创G60", "b:科创@1 e:创@2 w:g60@3");
    /* Brackets and quotation marks: no gap; 、 and ： still leave one. */
    terms("居住证（积分）", "b:居住@1 b:住证@2 b:证积@3 b:积分@4 u:分@5");
    terms("“东方”美谷", "b:东方@1 b:方美@2 b:美谷@3 u:谷@4");
    terms("《纲要》【一】〈二〉「三」『四』‘五’\"六\"'七'(八)",
          "b:纲要@1 b:要一@2 b:一二@3 b:二三@4 b:三四@5 b:四五@6 b:五六@7 b:六七@8 b:七八@9 "
          "u:八@10");
    terms("人才、住房", "b:人才@1 u:才@2 b:住房@4 u:房@5");
    terms("（责任单位：市财政局）",
          "b:责任@1 b:任单@2 b:单位@3 u:位@4 b:市财@6 b:财政@7 b:政局@8 u:局@9");
    terms("G60（科创）", "w:g60@1 e:科@2 b:科创@2 u:创@3");

    ps_query *q = NULL;
    ps_error err = {0};
    TAP_OK(ps_query_parse("养老 社区 OR 街道 -医院 \"城市 数字化\"", &q, &err) == PS_OK,
           "a query with OR, -word and a quoted phrase parses");
    ps_query_free(q);
    parse_fails("", "empty query");
    parse_fails("   ", "empty query");
    parse_fails("\"城市数字化", "unbalanced quotes");
    parse_fails("“城市数字化", "unbalanced quotes");
    parse_fails("。，！", "no letters");
    parse_fails("-医院", "only words to exclude");
    return tap_done();
}
