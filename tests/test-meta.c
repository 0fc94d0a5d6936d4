/* test-meta.c: a document's title, issuer, date and number (meta.c), read through ps_doc_parse
 * from the forms official documents put before their first numbered heading: the 印发 sentence,
 * the issuer over the date, a "…文件" header, the number line, the cover of a plan, a news
 * site's 来源 line, the gov.cn metadata box and YAML front matter. Each check writes the four
 * fields as "title | issuer | date | number", "-" for a field the document does not give. */
#include "ps.h"
#include "tap.h"

static char *meta_of(const char *file, const char *text)
{
    ps_doc *doc = NULL;
    ps_error err = {0};
    if (ps_doc_parse(text, strlen(text), file, file, &doc, &err) != PS_OK)
        tap_bail("cannot parse the sample %s: %s", file, err.msg);
    const ps_doc_meta *m = ps_doc_get_meta(doc);
    if (!m)
        tap_bail("no metadata for %s", file);
    char buf[2048];
    snprintf(buf, sizeof buf, "%s | %s | %s | %s", m->title ? m->title : "-",
             m->issuer ? m->issuer : "-", m->date ? m->date : "-", m->number ? m->number : "-");
    ps_doc_free(doc);
    return strdup(buf);
}

static void check(const char *name, const char *file, const char *text, const char *want)
{
    char *got = meta_of(file, text);
    TAP_STR_EQ(got, want, name);
    free(got);
}

/* The date field alone. */
static char *date_of(const char *text)
{
    ps_doc *doc = NULL;
    ps_error err = {0};
    if (ps_doc_parse(text, strlen(text), "d.txt", "d.txt", &doc, &err) != PS_OK)
        tap_bail("cannot parse the sample: %s", err.msg);
    const char *d = ps_doc_get_meta(doc)->date;
    char *out = strdup(d ? d : "-");
    ps_doc_free(doc);
    return out;
}

/* A notice whose date line is 'date_line'. */
static void date_form(const char *name, const char *date_line, const char *want)
{
    char text[1024];
    snprintf(
        text, sizeof text,
        "现将《若干政策举措》印发给你们。\n\n上海市人民政府\n\n%s\n\n一、总则\n1.任务。内容。\n",
        date_line);
    char *got = date_of(text);
    TAP_STR_EQ(got, want, name);
    free(got);
}

int main(void)
{
    /* The usual notice: number line, title line, 印发 sentence, issuer over the date. */
    check("a notice: title from 印发, issuer over the date, number line", "notice.txt",
          "沪府发〔2024〕12号\n\n上海市人民政府关于印发《上海市新城建设实施方案》的通知\n\n各区人民"
          "政府"
          "：\n\n现将《上海市新城建设实施方案》印发给你们，请认真按照执行。\n\n上海市人民政府\n\n"
          "2024年6月28日\n\n一、总则\n\n1.任务。内容。\n",
          "上海市新城建设实施方案 | 上海市人民政府 | 2024-06-28 | 沪府发〔2024〕12号");
    check("indented lines and spaces inside the date (PDF text)", "pdf.txt",
          "   经市政府同意，现将《深化推动新城高质量发展的若干政策举措》印发给你们。\n\n  "
          "上海市新城发展推进协调领导小组\n\n  2024 年 6 月 28 日\n\n一、总则\n1.任务。内容。\n",
          "深化推动新城高质量发展的若干政策举措 | 上海市新城发展推进协调领导小组 | 2024-06-28 | -");
    check("印发 followed by the title, spaces between CJK characters squeezed", "s.txt",
          "关于印发 《上海市 新城 建设 方案》 的通知\n\n一、总则\n1.任务。内容。\n",
          "上海市新城建设方案 | - | - | -");
    check("a line over the date that names no body is no issuer", "x.txt",
          "现将《X》印发给你们。\n\n请认真执行，抓好落实\n\n2024年6月28日\n\n一、总则\n1."
          "任务。内容。\n",
          "X | - | 2024-06-28 | -");
    check("nothing before the first heading: no metadata", "none.txt",
          "一、总则\n1.任务。内容。\n\n上海市人民政府\n\n2024年6月28日\n", "- | - | - | -");

    /* Markdown with a "…文件" header. */
    check("a \"上海市人民政府文件\" header gives the issuer", "header.md",
          "# 上海市人民政府文件\n\n沪府发〔2024〕12号\n\n## 上海市人民政府关于印发《上海市X方案》的"
          "通知\n\n现将《上海市X方案》印发给你们。\n\n2024年12月30日\n\n## 一、主要目标\n\n到2028年"
          "。\n",
          "上海市X方案 | 上海市人民政府 | 2024-12-30 | 沪府发〔2024〕12号");

    /* The cover of a plan: title lines, then date and approving body. */
    check(
        "a plan's cover: title over two lines, the approving body", "plan.txt",
        "上海市国民经济和社会发展第十四个五年规划\n\n和二〇三五年远景目标纲要\n\n2021年 1月 27日上"
        "海市第十五届\n\n人民代表大会第五次会议批准\n\n一、总则\n\n1.任务。内容。\n",
        "上海市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要 | "
        "上海市第十五届人民代表大会第五次会议 | 2021-01-27 | -");

    /* HTML: a news site's 来源 line; the gov.cn box. */
    check(
        "来源： line of a news page gives the issuer", "news.html",
        "<html><body><p>来源：上海市人民政府</p><p>现将《X规划》印发给你们。</p><p>2021年7月22日</"
        "p><p>一、总则</p><p>1.任务。内容。</p></body></html>\n",
        "X规划 | 上海市人民政府 | 2021-07-22 | -");
    check("gov.cn metadata box: every field from the box, before the body's", "gov.html",
          "<html><body><table><tr><td>索 引 号：</td><td>000014349/2024-00001</td><td>主题分类："
          "</td><td>城乡建设</td></tr><tr><td>发文机关：</td><td>国务院</td><td>成文日期：</td>"
          "<td>2024年07月28日</td></tr><tr><td>标　　题：</td><td>国务院关于印发《深入实施以人为本"
          "的新型城镇化战略五年行动计划》的通知</td></tr><tr><td>发文字号：</td><td>国发〔2024〕17"
          "号</td><td>发布日期：</td><td>2024年07月31日</td></tr></table><p>各省、自治区、直辖市"
          "人民政府：</p><p>现将《行动计划》印发给你们。</p><p>中共中央办公厅</p><p>2024年7月1日<"
          "/p><p>一、总则</p><p>1.任务。内容。</p></body></html>\n",
          "国务院关于印发《深入实施以人为本的新型城镇化战略五年行动计划》的通知 | 国务院 | "
          "2024-07-28 | 国发〔2024〕17号");

    /* YAML front matter: fills what the body does not say. */
    check("front matter: title and ISO date", "fm.md",
          "---\ntitle: \"上海市X规划\"\ndate: 2021-08-12\n---\n\n一、总则\n\n1.任务。内容。\n",
          "上海市X规划 | - | 2021-08-12 | -");
    check("front matter: quoted title, RFC 2822 date", "fm2.md",
          "---\ntitle: '上海市X规划'\ndate: Thu, 12 Aug 2021 08:07:37 GMT\n---\n\n一、总则\n\n1."
          "任务。内容。\n",
          "上海市X规划 | - | 2021-08-12 | -");
    check(
        "front matter: the body's own title and date come first", "fm3.md",
        "---\ntitle: 新闻标题\ndate: 2021-08-12\n---\n\n现将《正文里的标题》印发给你们。\n\n上海市"
        "人民政府\n\n2021年7月22日\n\n一、总则\n\n1.任务。内容。\n",
        "正文里的标题 | 上海市人民政府 | 2021-07-22 | -");

    /* Date forms. */
    date_form("date 2024年6月28日", "2024年6月28日", "2024-06-28");
    date_form("date with two-digit month and day", "2024年06月08日", "2024-06-08");
    date_form("date with spaces", "2024 年 6 月 28 日", "2024-06-28");
    date_form("month 13 is no date", "2024年13月28日", "-");
    date_form("day 32 is no date", "2024年6月32日", "-");
    date_form("year 1800 is no date", "1800年6月28日", "-");
    date_form("a date inside a sentence is not the document's", "印发日期为2024年6月28日", "-");
    /* Chinese numerals, as signed documents write the date, and full-width digits. */
    date_form("date in Chinese numerals with 〇", "二〇二四年六月二十八日", "2024-06-28");
    date_form("date in Chinese numerals with ○", "二○二四年六月二十八日", "2024-06-28");
    date_form("date in Chinese numerals with 零", "二零二四年六月二十八日", "2024-06-28");
    date_form("Chinese numerals: 十 alone, 十 with a unit, spaces", "二〇二一 年 十 月 十二 日",
              "2021-10-12");
    date_form("Chinese numerals: the last day of the year", "一九九九年十二月三十一日",
              "1999-12-31");
    date_form("date in full-width digits", "２０２４年６月２８日", "2024-06-28");
    date_form("full-width digits, two-digit month and day", "２０２４年０６月０８日", "2024-06-08");
    date_form("Chinese numerals: month 十三 is no date", "二〇二四年十三月一日", "-");
    date_form("Chinese numerals: day 三十二 is no date", "二〇二四年六月三十二日", "-");
    date_form("Chinese numerals: 〇 is no day", "二〇二四年六月〇日", "-");
    date_form("a year of three Chinese digits is no date", "二〇二年六月二十八日", "-");
    date_form("a year of digits of two kinds is no date", "二〇2４年六月二十八日", "-");
    date_form("February 29 in a leap year", "2024年2月29日", "2024-02-29");
    date_form("February 29 in another year is no date", "2023年2月29日", "-");
    date_form("June 31 is no date", "二〇二四年六月三十一日", "-");
    check(
        "a plan's cover: 二〇三五年 is no date, 二〇二一年一月二十七日 is", "cover.txt",
        "上海市国民经济和社会发展第十四个五年规划\n\n和二〇三五年远景目标纲要\n\n二〇二一年一月二十"
        "七日\n\n一、总则\n\n1.任务。内容。\n",
        "上海市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要 | - | 2021-01-27 | -");

    /* In plain text without blank lines the title line, the number line and the salutation
     * become one paragraph: the number is the issuer code, not the end of the title. */
    check("a number line joined to the title line", "joined.txt",
          "关于印发《上海市新城建设实施方案》的通知\n沪府发〔2024〕12号\n各区人民政府：\n现将《"
          "上海市新城建设实施方案》印发给你们，请认真按照执行。\n上海市人民政府\n2024年6月28日\n"
          "一、总则\n1.任务。内容。\n",
          "上海市新城建设实施方案 | 上海市人民政府 | 2024-06-28 | 沪府发〔2024〕12号");
    check("a number line joined to a title ending in 意见, date in Chinese numerals", "joined2.txt",
          "国务院关于落实《政府工作报告》重点工作分工的意见\n国发〔2022〕9号\n各省、自治区、直辖市"
          "人民政府：\n现将《分工意见》印发给你们。\n国务院\n二〇二二年三月二十五日\n一、总则\n1."
          "任务。内容。\n",
          "分工意见 | 国务院 | 2022-03-25 | 国发〔2022〕9号");
    check("a number line joined to a title ending in 的函", "joined3.txt",
          "国务院办公厅关于辽宁省有关问题办理情况的函\n国办函〔2004〕57号\n辽宁省人民政府：\n现将《"
          "办理情况》印发给你们。\n一、总则\n1.任务。内容。\n",
          "办理情况 | - | - | 国办函〔2004〕57号");
    return tap_done();
}
