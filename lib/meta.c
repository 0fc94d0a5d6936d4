/* meta.c: document title, issuer, date and number (文号), found where Chinese official
 * documents put them, in the paragraphs before the first numbered heading:
 *   现将《深化推动新城高质量发展的若干政策举措》印发给你们     title from the 印发 sentence
 *   上海市新城发展推进协调领导小组 / 2024 年 6 月 28 日         issuer on the line before the date
 *   # 上海市人民政府文件 / 沪府发〔2024〕12号                   issuer from the header, number
 *   2021年 1月 27日上海市第十五届 / 人民代表大会第五次会议批准  approving body of a plan
 *   来源：上海市人民政府                                        news-site source line
 *   发文机关：国务院 / 成文日期：… / 标题：… / 发文字号：…       gov.cn metadata box (META blocks)
 * The metadata box says it outright, so it comes first; YAML front matter (title, date) fills
 * what the body does not say. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ps-private.h"

static void skip_sp(const char *s, size_t n, size_t *i)
{
    while (*i < n) {
        size_t k = *i;
        if (!psi_is_space(psi_utf8_next(s, n, &k)))
            return;
        *i = k;
    }
}

static bool lit(const char *s, size_t n, size_t *i, const char *l)
{
    size_t len = strlen(l);
    if (n - *i < len || memcmp(s + *i, l, len) != 0)
        return false;
    *i += len;
    return true;
}

/* ---- Dates -----------------------------------------------------------------------------------
 * "2024年6月28日", "2024 年 6 月 28 日", "２０２４年６月２８日" (full-width digits, which
 * converters leave in) and "二〇二四年六月二十八日" (Chinese numerals, the form of signed
 * documents: the year digit by digit with 〇, ○ or 零 for zero, month and day with 十). */

/* The value of an ASCII or full-width digit at s[*i], advancing *i; -1 (and *i unmoved) if none. */
static int arabic_digit(const char *s, size_t n, size_t *i)
{
    size_t k = *i;
    uint32_t cp = *i < n ? psi_utf8_next(s, n, &k) : 0;
    int v = cp >= '0' && cp <= '9'         ? (int)(cp - '0')
            : cp >= 0xFF10 && cp <= 0xFF19 ? (int)(cp - 0xFF10)
                                           : -1;
    if (v >= 0)
        *i = k;
    return v;
}

/* The value of a Chinese digit (〇○零 and 一 … 九) at s[*i], advancing *i; -1 if none. */
static int chinese_digit(const char *s, size_t n, size_t *i)
{
    static const char *const DIGITS[] = {"〇", "一", "二", "三", "四", "五",
                                         "六", "七", "八", "九", NULL};
    for (int v = 0; DIGITS[v]; v++)
        if (lit(s, n, i, DIGITS[v]))
            return v;
    if (lit(s, n, i, "○") || lit(s, n, i, "零"))
        return 0;
    return -1;
}

/* Whether a digit of any kind (including 十) is at s[i]. */
static bool digit_at(const char *s, size_t n, size_t i)
{
    return arabic_digit(s, n, &i) >= 0 || chinese_digit(s, n, &i) >= 0 || lit(s, n, &i, "十");
}

/* A year of four digits, all of one kind (2024, ２０２４, 二〇二四); -1 if none. */
static int read_year(const char *s, size_t n, size_t *i)
{
    for (int chinese = 0; chinese < 2; chinese++) {
        size_t k = *i;
        int v = 0, d = 0, x;
        while (d < 4 && (x = chinese ? chinese_digit(s, n, &k) : arabic_digit(s, n, &k)) >= 0) {
            v = v * 10 + x;
            d++;
        }
        if (d == 4) {
            *i = k;
            return v;
        }
    }
    return -1;
}

/* A month or day: one or two ASCII or full-width digits (6, 06, ２８), or a Chinese number
 * from 一 to 九十九 (六, 十, 十二, 二十八); -1 if none. */
static int read_small(const char *s, size_t n, size_t *i)
{
    size_t k = *i;
    int v = arabic_digit(s, n, &k), x;
    if (v >= 0) {
        if ((x = arabic_digit(s, n, &k)) >= 0)
            v = v * 10 + x;
        *i = k;
        return v;
    }
    int tens = chinese_digit(s, n, &k);
    if (lit(s, n, &k, "十")) {
        if (tens == 0)
            return -1;
        v = (tens < 0 ? 1 : tens) * 10;
        size_t k2 = k;
        if ((x = chinese_digit(s, n, &k2)) > 0) {
            v += x;
            k = k2;
        }
    } else {
        v = tens;
    }
    if (v > 0)
        *i = k;
    return v;
}

/* Days in month m (1-12) of year y. */
static int month_days(int y, int m)
{
    static const int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return DAYS[m - 1] + (m == 2 && leap);
}

/* Finds "YYYY 年 M 月 D 日" anywhere in s; *at receives its offset and *end its end. A date
 * that does not exist (13月, 32日, 2月30日) is none. */
static bool find_date(const char *s, size_t n, char out[11], size_t *at, size_t *end)
{
    for (size_t start = 0, prev = 0; start + 4 <= n; prev = start, psi_utf8_next(s, n, &start)) {
        /* The first digit of a year after 1900: 1, 2, １, ２ (EF BC), 一 (E4 B8 80), 二 (E4 BA). */
        unsigned char c = (unsigned char)s[start];
        if (!(c == '1' || c == '2' || c == 0xEF || c == 0xE4))
            continue;
        if (start > 0 && digit_at(s, n, prev)) /* the year starts a number, not inside one */
            continue;
        size_t i = start;
        int y = read_year(s, n, &i), m, d;
        if (y < 1900 || y > 2100)
            continue;
        skip_sp(s, n, &i);
        if (!lit(s, n, &i, "年"))
            continue;
        skip_sp(s, n, &i);
        if ((m = read_small(s, n, &i)) < 1 || m > 12)
            continue;
        skip_sp(s, n, &i);
        if (!lit(s, n, &i, "月"))
            continue;
        skip_sp(s, n, &i);
        if ((d = read_small(s, n, &i)) < 1 || d > 31 || d > month_days(y, m))
            continue;
        skip_sp(s, n, &i);
        if (!lit(s, n, &i, "日"))
            continue;
        snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
        if (at)
            *at = start;
        if (end)
            *end = i;
        return true;
    }
    return false;
}

bool psi_date_iso(const char *s, size_t n_bytes, char out[11])
{
    return find_date(s, n_bytes, out, NULL, NULL);
}

/* Front matter dates: "2021-08-12", "Thu, 12 Aug 2021 08:07:37 GMT", or Chinese. */
static const char *fm_date_iso(psi_arena *a, const char *v)
{
    char iso[11];
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (find_date(v, strlen(v), iso, NULL, NULL))
        return psi_arena_strdup(a, iso);
    if (strptime(v, "%a, %d %b %Y", &tm) || strptime(v, "%Y-%m-%d", &tm) ||
        strptime(v, "%d %b %Y", &tm)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
        return psi_arena_strdup(a, buf);
    }
    return NULL;
}

size_t psi_front_matter(const char *s, size_t n_bytes, psi_arena *a, psi_blocks *out)
{
    size_t i = 0;
    while (i < n_bytes && (s[i] == '\n' || s[i] == ' ' || s[i] == '\t'))
        i++;
    if (n_bytes - i < 4 || memcmp(s + i, "---\n", 4) != 0)
        return 0;
    i += 4;
    for (int lines = 0; i < n_bytes && lines < 200; lines++) {
        const char *nl = memchr(s + i, '\n', n_bytes - i);
        size_t end = nl ? (size_t)(nl - s) : n_bytes;
        size_t len = end - i;
        if (len >= 3 && memcmp(s + i, "---", 3) == 0)
            return nl ? end + 1 : end;
        const char *colon = memchr(s + i, ':', len);
        if (colon && s[i] != ' ' && s[i] != '-') {
            size_t klen = (size_t)(colon - (s + i));
            size_t vlen = end - (size_t)(colon - s) - 1;
            const char *v = psi_trim(colon + 1, &vlen);
            if (vlen >= 2 && (v[0] == '\'' || v[0] == '"') && v[vlen - 1] == v[0]) {
                v++;
                vlen -= 2;
            }
            char *val = psi_arena_strndup(a, v, vlen);
            if (klen == 5 && memcmp(s + i, "title", 5) == 0 && vlen)
                out->fm_title = val;
            else if (klen == 4 && memcmp(s + i, "date", 4) == 0)
                out->fm_date = fm_date_iso(a, val);
        }
        i = end + 1;
    }
    return 0; /* no closing line: not front matter */
}

/* Names of issuing bodies end with one of these. */
static bool looks_like_org(const char *s, size_t n)
{
    static const char *const suffixes[] = {"政府", "小组", "委员会", "办公厅", "办公室",
                                           "局",   "委",   "部",     "院",     "会",
                                           "厅",   "中心", "会议",   NULL};
    if (n == 0 || psi_width_cols(s, n) > 60 || memmem(s, n, "，", 3) || memmem(s, n, "。", 3))
        return false;
    for (const char *const *p = suffixes; *p; p++)
        if (psi_ends_with(s, n, *p))
            return true;
    return false;
}

/* Text between 《 and 》 right after 印发 (allowing a space): the title of what is issued. */
static const char *issued_title(psi_arena *a, const char *s, size_t n)
{
    for (const char *p = s; (p = memmem(p, n - (size_t)(p - s), "印发", 6)) != NULL; p += 6) {
        const char *q = p + 6;
        while (q < s + n && (*q == ' ' || *q == '\t'))
            q++;
        if (s + n - q < 3 || memcmp(q, "《", 3) != 0) {
            /* 现将《X》印发: the title comes before 印发 */
            const char *close = p - 3 >= s && memcmp(p - 3, "》", 3) == 0 ? p - 3 : NULL;
            if (!close)
                continue;
            const char *open = NULL;
            for (const char *r = s; r < close; r++)
                if (memcmp(r, "《", 3) == 0)
                    open = r + 3;
            if (open)
                return psi_squeeze_cjk_spaces(a, open, (size_t)(close - open));
            continue;
        }
        const char *open = q + 3;
        const char *close = memmem(open, n - (size_t)(open - s), "》", 3);
        if (close)
            return psi_squeeze_cjk_spaces(a, open, (size_t)(close - open));
    }
    return NULL;
}

/* The value after a box label ("标　　题：…", spaces inside the label allowed); NULL when b
 * does not open with that label. */
static const char *box_value(const psi_block *b, const char *label, size_t *n_value)
{
    const char *s = b->text;
    size_t n = b->n_bytes, i = 0, j = 0, ln = strlen(label);
    while (j < ln) {
        skip_sp(s, n, &i);
        size_t i2 = i, j2 = j;
        if (i >= n || psi_utf8_next(s, n, &i2) != psi_utf8_next(label, ln, &j2))
            return NULL;
        i = i2;
        j = j2;
    }
    skip_sp(s, n, &i);
    if (!lit(s, n, &i, "：") && !lit(s, n, &i, ":"))
        return NULL;
    size_t vn = n - i;
    const char *v = psi_trim(s + i, &vn);
    *n_value = vn;
    return vn ? v : NULL;
}

/* The metadata box of gov.cn pages, which the HTML reader marks META. */
static void meta_box(const psi_blocks *bs, psi_arena *a, ps_doc_meta *meta)
{
    for (size_t i = 0; i < bs->n && i < 80; i++) {
        const psi_block *b = &bs->v[i];
        if (!(b->flags & PSI_BLOCK_META))
            continue;
        const char *v;
        size_t vn;
        if (!meta->title && (v = box_value(b, "标题", &vn)))
            meta->title = psi_squeeze_cjk_spaces(a, v, vn);
        else if (!meta->issuer && (v = box_value(b, "发文机关", &vn)))
            meta->issuer = psi_arena_strndup(a, v, vn);
        else if (!meta->number && (v = box_value(b, "发文字号", &vn)))
            meta->number = psi_arena_strndup(a, v, vn);
        else if (!meta->date && (v = box_value(b, "成文日期", &vn)))
            meta->date = fm_date_iso(a, psi_arena_strndup(a, v, vn));
    }
}

/* "为了推进“十四五”新城产业发展，制订本专项方案。": the name the text gives itself,
 * "“十四五”新城产业发展专项方案"; NULL when it gives none. */
static const char *purpose_name(psi_arena *a, const char *s, size_t n)
{
    static const char *const MAKES[] = {"特制定本", "特制订本", "制定本", "制订本", NULL};
    static const char *const VERBS[] = {"贯彻落实", "进一步", "深入", "推进", "推动", "加快",
                                        "促进",     "加强",   "做好", "落实", "支持", NULL};
    size_t len = n;
    const char *t = psi_trim(s, &len);
    const char *why = psi_starts_with(t, len, "为了") ? t + 6
                      : psi_starts_with(t, len, "为") ? t + 3
                                                      : NULL;
    for (const char *const *m = MAKES; why && *m; m++) {
        const char *make = memmem(why, len - (size_t)(why - t), *m, strlen(*m));
        if (!make)
            continue;
        const char *what = make + strlen(*m),
                   *stop = memmem(what, len - (size_t)(what - t), "。", 3);
        const char *comma = make;
        if (make - why >= 3 && memcmp(make - 3, "，", 3) == 0)
            comma = make - 3;
        for (const char *const *v = VERBS; *v; v++)
            if (psi_starts_with(why, (size_t)(comma - why), *v))
                why += strlen(*v);
        size_t goal = (size_t)(comma - why), kind = stop ? (size_t)(stop - what) : 0;
        if (goal == 0 || kind == 0 || kind > 30 || goal > 90 || memmem(why, goal, "，", 3))
            return NULL;
        char *name = psi_arena_alloc(a, goal + kind + 1);
        memcpy(name, why, goal);
        memcpy(name + goal, what, kind);
        name[goal + kind] = '\0';
        return name;
    }
    return NULL;
}

/* A document without a title (an attachment saved on its own: "附件3" ⏎ text) is cited by its
 * attachment label and the name its purpose sentence gives it, or its first heading. */
static const char *untitled_name(const psi_blocks *bs, psi_arena *a)
{
    const char *label = NULL, *name = NULL;
    for (size_t i = 0; i < bs->n && i < 6 && !name; i++) {
        const psi_block *b = &bs->v[i];
        size_t len = b->n_bytes;
        const char *t = psi_trim(b->text, &len);
        psi_marker m;
        if (i == 0 && psi_starts_with(t, len, "附件")) { /* "附件3", maybe joined to its text */
            size_t k = 6;
            while (k < len && (t[k] >= '0' && t[k] <= '9'))
                k++;
            while (k + 3 <= len && memmem("一二三四五六七八九十", 30, t + k, 3)) /* 附件十二 */
                k += 3;
            label = psi_arena_strndup(a, t, k);
            t += k;
            len -= k;
            if (psi_starts_with(t, len, "："))
                t += 3, len -= 3;
            if (len == 0)
                continue;
        }
        name = purpose_name(a, t, len);
        if (!name && psi_marker_parse(t, len, &m) && m.n_bytes < len && len - m.n_bytes <= 90 &&
            !memmem(t, len, "。", 3))
            name = psi_arena_strndup(a, t + m.n_bytes, len - m.n_bytes); /* first heading */
    }
    if (!name)
        return label;
    if (!label)
        return name;
    size_t n = strlen(label) + strlen(name) + 4;
    char *s = psi_arena_alloc(a, n);
    snprintf(s, n, "%s：%s", label, name);
    return s;
}

void psi_meta_extract(const psi_blocks *bs, psi_arena *a, ps_doc_meta *meta)
{
    meta_box(bs, a, meta);
    size_t end = 0; /* paragraphs before the first numbered one */
    while (end < bs->n && end < 60) {
        psi_marker m;
        if (psi_marker_parse(bs->v[end].text, bs->v[end].n_bytes, &m))
            break;
        end++;
    }
    size_t date_at = (size_t)-1;
    char iso[11];
    for (size_t i = 0; i < end; i++) {
        const psi_block *b = &bs->v[i];
        if (!meta->number) { /* 沪府发〔2024〕12号 */
            const char *br = memmem(b->text, b->n_bytes, "〔", 3);
            const char *hao = br ? memmem(br, b->n_bytes - (size_t)(br - b->text), "号", 3) : NULL;
            if (br && hao && hao - br < 24) {
                /* The issuer code as cite.c reads it: "…的通知沪府发〔2024〕12号", a title
                 * line joined to the number line, gives 沪府发. */
                const char *start =
                    b->text + psi_number_code_start(b->text, (size_t)(br - b->text));
                if (start < br)
                    meta->number = psi_arena_strndup(a, start, (size_t)(hao + 3 - start));
            }
        }
        if (!meta->title && !(b->flags & PSI_BLOCK_META))
            meta->title = issued_title(a, b->text, b->n_bytes);
        size_t at, dend;
        if (date_at == (size_t)-1 && psi_width_cols(b->text, b->n_bytes) <= 60 &&
            find_date(b->text, b->n_bytes, iso, &at, &dend) && at == 0) {
            date_at = i;
            if (!meta->date)
                meta->date = psi_arena_strdup(a, iso);
            /* "2021年1月27日上海市第十五届" + "人民代表大会第五次会议批准" */
            psi_buf rest = {0};
            psi_buf_put(&rest, b->text + dend, b->n_bytes - dend);
            if (i + 1 < end)
                psi_buf_put(&rest, bs->v[i + 1].text, bs->v[i + 1].n_bytes);
            const char *approved = strstr(rest.data ? rest.data : "", "批准");
            if (dend < b->n_bytes && approved && !meta->issuer)
                meta->issuer = psi_arena_strndup(a, rest.data, (size_t)(approved - rest.data));
            psi_buf_free(&rest);
        }
    }
    if (date_at != (size_t)-1 && !meta->issuer && date_at > 0) {
        const psi_block *p = &bs->v[date_at - 1];
        if (looks_like_org(p->text, p->n_bytes) && !(p->flags & PSI_BLOCK_META))
            meta->issuer = psi_arena_strndup(a, p->text, p->n_bytes);
    }
    for (size_t i = 0; i < end && !meta->issuer; i++) {
        const psi_block *b = &bs->v[i];
        if ((b->flags & PSI_BLOCK_META) && b->n_bytes > 9 && memcmp(b->text, "来源：", 9) == 0 &&
            looks_like_org(b->text + 9, b->n_bytes - 9))
            meta->issuer = psi_arena_strndup(a, b->text + 9, b->n_bytes - 9);
        else if ((b->flags & PSI_BLOCK_HEADING) && psi_ends_with(b->text, b->n_bytes, "文件") &&
                 looks_like_org(b->text, b->n_bytes - 6))
            meta->issuer = psi_arena_strndup(a, b->text, b->n_bytes - 6);
    }
    if (!meta->title && bs->fm_title)
        meta->title = bs->fm_title;
    if (!meta->title && date_at != (size_t)-1 && date_at > 0) {
        /* A cover: the title lines come before the date ("…第十四个五年规划" / "和二〇三五年…"). */
        psi_buf t = {0};
        bool ok = true;
        for (size_t i = 0; i < date_at && ok; i++) {
            const psi_block *b = &bs->v[i];
            ok = !(b->flags & PSI_BLOCK_META) && !memmem(b->text, b->n_bytes, "。", 3) &&
                 psi_width_cols(b->text, b->n_bytes) <= 80;
            psi_buf_put(&t, b->text, b->n_bytes);
        }
        if (ok && t.len)
            meta->title = psi_squeeze_cjk_spaces(a, t.data, t.len);
        psi_buf_free(&t);
    }
    if (!meta->date && bs->fm_date)
        meta->date = bs->fm_date;
    if (!meta->title)
        meta->cited_as = untitled_name(bs, a);
}
