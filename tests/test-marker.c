/* test-marker.c: numbering markers, quantities that are not markers, and label normal forms. */
#include "ps-private.h"
#include "tap.h"

static void marker(const char *s, psi_mark_kind kind, const char *label)
{
    psi_marker m;
    bool ok = psi_marker_parse(s, strlen(s), &m);
    TAP_OK(ok && m.kind == kind, "\"%s\" is a marker of kind %d (got %d)", s, kind,
           ok ? (int)m.kind : -1);
    if (ok)
        TAP_STR_EQ(m.label, label, "label as written");
}

static void not_marker(const char *s)
{
    psi_marker m;
    TAP_OK(!psi_marker_parse(s, strlen(s), &m), "\"%s\" is not a marker", s);
}

static void norm(const char *label, const char *want)
{
    char out[64] = "";
    bool ok = psi_label_norm(label, strlen(label), out, sizeof out);
    TAP_OK(ok && strcmp(out, want) == 0, "label \"%s\" normalizes to \"%s\" (got \"%s\")", label,
           want, ok ? out : "(none)");
}

int main(void)
{
    marker("一、聚焦产业引领，推动新城高质量发展", PSI_MARK_CN, "一");
    marker("十三、巩固提升生态环境质量", PSI_MARK_CN, "十三");
    marker("（一）基本原则", PSI_MARK_CN_PAREN, "（一）");
    marker("(三)完善就业服务体系。", PSI_MARK_CN_PAREN, "（三）");
    marker("（2）加强监测", PSI_MARK_NUM_PAREN, "（2）");
    marker("13.持续加强新城发展的要素保障。", PSI_MARK_NUM, "13");
    marker("1、金融市场交易总额。", PSI_MARK_NUM, "1");
    marker("1.1 “五个中心”建设既定目标如期实现", PSI_MARK_DOTTED, "1.1");
    marker("3.1.1持续增强经济发展韧性。", PSI_MARK_DOTTED, "3.1.1");
    marker("2.3.2人民群众生活更有品质。", PSI_MARK_DOTTED, "2.3.2");
    marker("第五条 本办法自印发之日起施行。", PSI_MARK_ARTICLE, "第五条");
    marker("第一章 总则", PSI_MARK_CHAPTER, "第一章");
    /* Wrapped lines of the five-year plan that begin with a quantity. */
    not_marker("8.5平方米。黄浦江 45 公里公共空间岸线贯通开放");
    not_marker("2.69万亿元上升到 2020年的 3.87万亿元。");
    not_marker("83.66岁。现代公共文化服务体系率先基本形成");
    not_marker("4.5%左右。高端产业引领功能加快形成");
    not_marker("2025年，全市生产总值");
    not_marker("一是加强统筹");
    not_marker("13.");
    norm("13", "13");
    norm("十三", "cn:13");
    norm("十三、", "cn:13");
    norm("第13条", "13");
    norm("第十三条", "13");
    norm("13.", "13");
    norm("（二）", "(2)");
    norm("(二)", "(2)");
    norm("（2）", "(2)");
    norm("3.1.1", "3.1.1");
    TAP_INT_EQ(psi_parse_number("二十六", strlen("二十六")), 26, "二十六 = 26");
    TAP_INT_EQ(psi_parse_number("一百零五", strlen("一百零五")), 105, "一百零五 = 105");
    TAP_INT_EQ(psi_parse_number("两", strlen("两")), 2, "两 = 2");
    return tap_done();
}
