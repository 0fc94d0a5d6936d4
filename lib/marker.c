/* marker.c: numbering markers at the start of a paragraph, and label normal forms.
 *
 * The conventions, each with a real example from corpus/:
 *   一、聚焦产业引领，推动新城高质量发展              PSI_MARK_CN
 *   （一）基本原则   (一)优化户籍和居住证政策       PSI_MARK_CN_PAREN (either bracket width)
 *   13.持续加强新城发展的要素保障   1、金融市场交易总额  PSI_MARK_NUM
 *   （1）…                                            PSI_MARK_NUM_PAREN
 *   1.1 “五个中心”建设   3.1.1持续增强经济发展韧性   PSI_MARK_DOTTED
 *   第一章 / 第五条                                   PSI_MARK_CHAPTER / PSI_MARK_ARTICLE
 * A number followed by a unit is a quantity, not a marker: "8.5平方米", "4.5%左右",
 * "2.69万亿元", "83.66岁" begin wrapped lines of the 14th five-year plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

static int cn_digit(uint32_t cp)
{
    switch (cp) {
    case 0x3007:
    case 0x96F6:
        return 0; /* 〇 零 */
    case 0x4E00:
        return 1; /* 一 */
    case 0x4E8C:
    case 0x4E24:
        return 2; /* 二 两 */
    case 0x4E09:
        return 3;
    case 0x56DB:
        return 4;
    case 0x4E94:
        return 5;
    case 0x516D:
        return 6;
    case 0x4E03:
        return 7;
    case 0x516B:
        return 8;
    case 0x4E5D:
        return 9;
    default:
        return -1;
    }
}

/* Reads a Chinese numeral at s[*i]; returns -1 (and leaves *i) when there is none. */
static int read_cn_number(const char *s, size_t n, size_t *i)
{
    size_t j = *i;
    int total = 0, cur = -1;
    bool any = false;
    while (j < n) {
        size_t k = j;
        uint32_t cp = psi_utf8_next(s, n, &k);
        int d = cn_digit(cp);
        if (d >= 0) {
            cur = (cur > 0 ? cur * 10 : 0) + d;
        } else if (cp == 0x5341 || cp == 0x767E) { /* 十 百 */
            int unit = cp == 0x5341 ? 10 : 100;
            total += (cur < 0 ? 1 : cur) * unit;
            cur = -1;
        } else {
            break;
        }
        any = true;
        j = k;
        if (total > 9999)
            return -1;
    }
    if (!any)
        return -1;
    *i = j;
    return total + (cur < 0 ? 0 : cur);
}

static int read_digits(const char *s, size_t n, size_t *i)
{
    size_t j = *i;
    int v = 0;
    while (j < n && s[j] >= '0' && s[j] <= '9' && j - *i < 6)
        v = v * 10 + (s[j++] - '0');
    if (j == *i || (j < n && s[j] >= '0' && s[j] <= '9'))
        return -1;
    *i = j;
    return v;
}

int psi_parse_number(const char *s, size_t n_bytes)
{
    size_t i = 0;
    int v = (n_bytes && s[0] >= '0' && s[0] <= '9') ? read_digits(s, n_bytes, &i)
                                                    : read_cn_number(s, n_bytes, &i);
    return i == n_bytes ? v : -1;
}

/* Skips one of the given literals; returns its length or 0. */
static size_t skip_any(const char *s, size_t n, size_t i, const char *const *lits)
{
    for (; *lits; lits++)
        if (psi_starts_with(s + i, n - i, *lits))
            return strlen(*lits);
    return 0;
}

static const char *const OPEN[] = {"（", "(", NULL};
static const char *const CLOSE[] = {"）", ")", NULL};
static const char *const NUM_PUNCT[] = {"．", "、", ".", NULL};

/* Units and signs that make "8.5" a quantity rather than a section number. */
static bool quantity_follows(const char *s, size_t n, size_t i)
{
    static const char *const units[] = {"%",  "％",   "万", "亿", "岁",   "平方", "米", "元",
                                        "倍", "公里", "千", "吨", "小时", "‰",    NULL};
    return skip_any(s, n, i, units) > 0;
}

static void skip_spaces(const char *s, size_t n, size_t *i)
{
    while (*i < n) {
        size_t k = *i;
        if (!psi_is_space(psi_utf8_next(s, n, &k)))
            break;
        *i = k;
    }
}

bool psi_marker_parse(const char *s, size_t n, psi_marker *m)
{
    memset(m, 0, sizeof *m);
    size_t i = 0, k;
    m->depth = 1;

    if ((k = skip_any(s, n, 0, OPEN)) > 0) { /* （一） (1) */
        i = k;
        bool cn = !(s[i] >= '0' && s[i] <= '9');
        int v = cn ? read_cn_number(s, n, &i) : read_digits(s, n, &i);
        size_t c = v >= 0 ? skip_any(s, n, i, CLOSE) : 0;
        if (c == 0)
            return false;
        m->kind = cn ? PSI_MARK_CN_PAREN : PSI_MARK_NUM_PAREN;
        m->num[0] = v;
        snprintf(m->label, sizeof m->label, "（%.*s）", (int)(i - k), s + k);
        i += c;
    } else if (psi_starts_with(s, n, "第")) { /* 第五条 第一章 */
        i = 3;
        size_t d = i;
        int v = (s[i] >= '0' && s[i] <= '9') ? read_digits(s, n, &i) : read_cn_number(s, n, &i);
        if (v < 0)
            return false;
        if (psi_starts_with(s + i, n - i, "条"))
            m->kind = PSI_MARK_ARTICLE;
        else if (psi_starts_with(s + i, n - i, "章") || psi_starts_with(s + i, n - i, "节") ||
                 psi_starts_with(s + i, n - i, "部分"))
            m->kind = PSI_MARK_CHAPTER;
        else
            return false;
        size_t unit = psi_starts_with(s + i, n - i, "部分") ? 6 : 3;
        (void)d;
        m->num[0] = v;
        snprintf(m->label, sizeof m->label, "%.*s", (int)(i + unit), s);
        i += unit;
    } else if (s[0] >= '0' && s[0] <= '9') { /* 13.  1、  3.1.1 */
        int v = read_digits(s, n, &i);
        if (v < 0)
            return false;
        m->num[0] = v;
        while (m->depth < 4 && i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
            size_t j = i + 1;
            int w = read_digits(s, n, &j);
            if (w < 0)
                return false;
            m->num[m->depth++] = w;
            i = j;
        }
        if (m->depth > 1) {
            for (int d = 0; d < m->depth; d++)
                if (m->num[d] == 0 || m->num[d] > 50)
                    return false;
            if (i < n && s[i] == '.' && !(i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9'))
                i++;                                             /* "1.1." */
            else if (m->depth == 2 && quantity_follows(s, n, i)) /* "1.1.1" is never a quantity */
                return false;
            m->kind = PSI_MARK_DOTTED;
            snprintf(m->label, sizeof m->label, "%.*s", (int)i, s);
        } else {
            size_t p = skip_any(s, n, i, NUM_PUNCT);
            if (p == 0 || v == 0 || v > 999)
                return false;
            m->kind = PSI_MARK_NUM;
            snprintf(m->label, sizeof m->label, "%d", v);
            i += p;
        }
    } else { /* 一、 */
        int v = read_cn_number(s, n, &i);
        if (v <= 0 || !psi_starts_with(s + i, n - i, "、"))
            return false;
        m->kind = PSI_MARK_CN;
        m->num[0] = v;
        snprintf(m->label, sizeof m->label, "%.*s", (int)i, s);
        i += 3;
    }
    skip_spaces(s, n, &i);
    if (i >= n)
        return false; /* a bare number is not a heading */
    m->n_bytes = i;
    return true;
}

bool psi_label_norm(const char *s, size_t n, char *out, size_t out_size)
{
    size_t len = n;
    s = psi_trim(s, &len);
    psi_marker m;
    /* Accept the label alone ("（二）", "13", "十三", "3.1.1") or with its punctuation. */
    char tmp[96];
    if (len + 2 >= sizeof tmp)
        return false;
    memcpy(tmp, s, len);
    memcpy(tmp + len, " x", 2); /* psi_marker_parse wants text after the marker */
    size_t i = 0;
    if (psi_marker_parse(tmp, len + 2, &m)) {
        if (m.kind == PSI_MARK_CN_PAREN || m.kind == PSI_MARK_NUM_PAREN)
            snprintf(out, out_size, "(%d)", m.num[0]);
        else if (m.kind == PSI_MARK_DOTTED) {
            size_t o = 0;
            for (int d = 0; d < m.depth && o < out_size; d++)
                o += (size_t)snprintf(out + o, out_size - o, d ? ".%d" : "%d", m.num[d]);
        } else
            snprintf(out, out_size, "%s%d", m.kind == PSI_MARK_CN ? "cn:" : "", m.num[0]);
        return true;
    }
    bool cn = len && !(s[0] >= '0' && s[0] <= '9');
    int v = cn ? read_cn_number(s, len, &i) : read_digits(s, len, &i);
    if (v < 0)
        return false;
    /* Trailing punctuation or 条 after a bare number: "13." "十三、" */
    if (i < len && skip_any(s, len, i, NUM_PUNCT) + i != len &&
        !psi_starts_with(s + i, len - i, "条"))
        return false;
    snprintf(out, out_size, "%s%d", cn ? "cn:" : "", v);
    return true;
}

/* Unnumbered headings that open an end part: 结语 and the like as the whole line; 附件…, 附表…
 * and the 抄送 footer of official documents as its start. */
const char *psi_named_heading(const char *text, size_t n_bytes)
{
    static const char *const whole[] = {"结语", "前言", "序言", "后记", "附则", NULL};
    static const char *const starts[] = {"附件", "附表", "抄送", NULL};
    char *sq = psi_xstrndup(text, n_bytes);
    size_t o = 0;
    for (size_t i = 0; i < n_bytes; i++)
        if (sq[i] != ' ')
            sq[o++] = sq[i];
    sq[o] = '\0';
    const char *hit = NULL;
    for (const char *const *n = whole; *n && !hit; n++)
        if (strcmp(sq, *n) == 0)
            hit = *n;
    const char *stop = memmem(sq, o, "。", 3); /* one sentence at most: "抄送：…，市检察院。" */
    bool short_line = (!stop || stop == sq + o - 3) && psi_width_cols(sq, o) <= 160;
    for (const char *const *n = starts; *n && !hit && short_line; n++)
        if (strncmp(sq, *n, strlen(*n)) == 0)
            hit = *n;
    free(sq);
    return hit;
}
