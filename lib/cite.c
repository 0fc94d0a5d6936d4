/* cite.c: references to other documents inside clauses.
 *   根据《中国（上海）自由贸易试验区临港新片区总体方案》（以下简称《总体方案》）…  a title, and
 *       a short form that later 《总体方案》 resolves to;
 *   沪府发〔2024〕12号 (also [2024] or （2024）)                                  a number.
 * Titles resolve by their cite key (characters, letters and digits only), so quotes and 、 do
 * not matter.
 * A document's references to itself are left out: its own title or number, and "本《纲要》". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

typedef struct alias {
    const char *short_form; /* normalized */
    const char *title;
} alias;

typedef struct cite_state {
    ps_doc *doc;
    alias *aliases;
    size_t n_aliases;
    char *own_title, *own_number; /* normalized */
} cite_state;

char *ps_cite_key(const char *s)
{
    char *n = ps_normalize(s);
    size_t o = 0;
    for (size_t i = 0, len = strlen(n); i < len;) {
        size_t start = i;
        uint32_t cp = psi_utf8_next(n, len, &i);
        /* Only characters, letters and digits count: titles are cited with and without
         * quotes, 、 or underscores standing in for quotes (发展_十四五_规划). */
        bool keep = psi_is_han(cp) || psi_is_word_cp(cp);
        if (keep) {
            memmove(n + o, n + start, i - start);
            o += i - start;
        }
    }
    n[o] = '\0';
    return n;
}

static bool at(const char *s, size_t n, size_t i, const char *lit)
{
    size_t l = strlen(lit);
    return n - i >= l && memcmp(s + i, lit, l) == 0;
}

static void add_cite(cite_state *st, ps_record *r, const char *title, const char *number)
{
    psi_arena *a = st->doc->arena;
    char *key = ps_cite_key(title ? title : number);
    bool self = strcmp(key, title ? st->own_title : st->own_number) == 0;
    for (size_t i = 0; i < r->n_cites && !self; i++) { /* once per clause */
        const char *t = r->cites[i].title ? r->cites[i].title : r->cites[i].number;
        char *k = ps_cite_key(t);
        self = strcmp(k, key) == 0;
        free(k);
    }
    free(key);
    if (self)
        return;
    ps_cite *v = psi_arena_alloc(a, (r->n_cites + 1) * sizeof *v);
    if (r->n_cites)
        memcpy(v, r->cites, r->n_cites * sizeof *v);
    v[r->n_cites].title = title ? psi_arena_strdup(a, title) : NULL;
    v[r->n_cites].number = number ? psi_arena_strdup(a, number) : NULL;
    r->cites = v;
    r->n_cites++;
}

/* 《X》 at s[i] (i points at 《): returns the end of 》 and sets the title; 0 if unclosed. */
static size_t read_title(const char *s, size_t n, size_t i, char **title)
{
    size_t depth = 0;
    for (size_t j = i; j < n;) {
        size_t start = j;
        uint32_t cp = psi_utf8_next(s, n, &j);
        if (cp == 0x300A)
            depth++;
        else if (cp == 0x300B && --depth == 0) {
            *title = psi_xstrndup(s + i + 3, start - i - 3);
            return j;
        }
        if (cp == '\n' || cp == 0x3002) /* a title never crosses a sentence end */
            return 0;
    }
    return 0;
}

/* ---- Where an issuer code starts ------------------------------------------------------------
 * A document number's issuer code is the issuer's abbreviation followed by the kind of document:
 * 国发, 国办函, 中办发, 财税, 发改规划, 人社部发, 沪府发, 沪府办发, 沪府规, 粤府, 穗府办函, 浦府,
 * 黄发改委办, 嘉规划资源地. Clause text runs straight into it (根据国发〔2024〕12号, 7号和沪府规
 * 〔2021〕3号, 的通知沪府发〔2024〕12号), so the Han characters before the bracket are only a
 * window; the code is the end of it, found in three steps:
 *  1. it starts after the nearest word that cannot end a code: a verb or preposition that
 *     introduces a reference (根据, 按照, 执行 …), a conjunction or particle (和, 与, 的 …), 号
 *     of a number before it, or the kind of a title before it (通知, 意见 …);
 *  2. when what is left does not open with an issuer abbreviation, and one comes after two or
 *     more other characters, the code starts there (研究沪府发 -> 沪府发). The abbreviations are
 *     the one-character names of provinces and cities in data/places.tsv (沪, 粤, 穗 …) and the
 *     central 国 and 中办/中发. One character in front is kept: a district's codes open with
 *     its own character (浦国资委, 黄发改委办);
 *  3. it has two to MAX_CODE_CHARS characters, else the bracket has no code in front. */
enum { CODE_WINDOW_CHARS = 8, MAX_CODE_CHARS = 7 };

extern const char ps_places_tsv[];

/* Words that end a phrase and never end an issuer code. Single characters are only those no
 * code uses: 和 but not 经 (沪经信), 办, 发 or 函. */
static const char *const CODE_BOUNDARIES[] = {
    /* verbs and prepositions that introduce a reference */
    "根据", "依据", "按照", "参照", "遵照", "依照", "对照", "比照", "执行", "落实", "贯彻", "实施",
    "印发", "转发", "废止", "废除", "替代", "代替", "取代", "修订", "修改", "遵守", "结合", "详见",
    "参见", "见", "按", "依", "据", "对", "将", "把", "由", "于", "在", "经过",
    /* conjunctions and particles */
    "和", "与", "及", "或", "暨", "并", "的", "之", "等", "即", "如", "其中",
    /* 号 of a number before this one */
    "号",
    /* the kind of a title before it, as a title line runs into the number line: the kinds of
     * official documents (决议, 决定 … 的函) and of rules they issue */
    "决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复",
    "议案", "纪要", "的函", "的复函", "办法", "规定", "细则", "条例", "方案", "纲要", "文件",
    "精神", "要求", NULL};

/* Whether a one-character name of a place in data/places.tsv (third field, names separated by
 * 、) is the character at s. */
static bool place_abbreviation(const char *s)
{
    for (const char *line = ps_places_tsv; *line;) {
        const char *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        const char *names = *line == '#' ? NULL : memchr(line, '\t', (size_t)(end - line));
        if (names)
            names = memchr(names + 1, '\t', (size_t)(end - names - 1));
        for (const char *p = names ? names + 1 : end; p < end;) {
            const char *sep = memmem(p, (size_t)(end - p), "、", 3);
            const char *stop = sep ? sep : end;
            if (stop - p == 3 && memcmp(p, s, 3) == 0)
                return true;
            p = sep ? sep + 3 : end;
        }
        line = *end ? end + 1 : end;
    }
    return false;
}

/* Whether an issuer abbreviation opens s[i, bracket). */
static bool issuer_at(const char *s, size_t i, size_t bracket)
{
    if (bracket - i >= 3 && memcmp(s + i, "国", 3) == 0)
        return true;
    if (bracket - i >= 6 && (memcmp(s + i, "中办", 6) == 0 || memcmp(s + i, "中发", 6) == 0))
        return true;
    return bracket - i >= 3 && place_abbreviation(s + i);
}

size_t psi_number_code_start(const char *s, size_t bracket)
{
    /* Character starts from the bracket back, nearest first: at[k] is k + 1 characters back. */
    size_t at[CODE_WINDOW_CHARS], n = 0;
    for (size_t p = bracket; p > 0 && n < CODE_WINDOW_CHARS;) {
        size_t q = p;
        if (!psi_is_han(psi_utf8_prev(s, &q)))
            break;
        at[n++] = p = q;
    }
    /* 1. After the nearest boundary word. */
    size_t chars = n;
    for (size_t k = 0; k <= n && chars == n; k++) {
        size_t end = k ? at[k - 1] : bracket; /* the code would start here, k characters long */
        for (const char *const *w = CODE_BOUNDARIES; *w; w++) {
            size_t l = strlen(*w);
            if (end >= l && memcmp(s + end - l, *w, l) == 0) {
                chars = k;
                break;
            }
        }
    }
    /* 2. At an issuer abbreviation after two or more other characters. */
    if (chars > 2 && !issuer_at(s, at[chars - 1], bracket))
        for (size_t k = chars - 2; k-- > 0;)
            if (issuer_at(s, at[k], bracket)) {
                chars = k + 1;
                break;
            }
    /* 3. Two characters at least, MAX_CODE_CHARS at most. */
    if (chars < 2 || chars > MAX_CODE_CHARS)
        return bracket;
    return at[chars - 1];
}

/* 沪府发〔2024〕12号: an issuer code, a bracketed four-digit year, a number, 号. */
static size_t read_number(const char *s, size_t n, size_t i, size_t *start_out)
{
    static const char *const opens[] = {"〔", "[", "（", "(", "［", NULL};
    static const char *const closes[] = {"〕", "]", "）", ")", "］", NULL};
    size_t k;
    for (k = 0; opens[k]; k++)
        if (at(s, n, i, opens[k]))
            break;
    if (!opens[k])
        return 0;
    size_t j = i + strlen(opens[k]), digits = 0;
    while (j < n && s[j] >= '0' && s[j] <= '9' && digits < 4) {
        j++;
        digits++;
    }
    if (digits != 4 || !at(s, n, j, closes[k]))
        return 0;
    j += strlen(closes[k]);
    size_t d = 0;
    while (j < n && s[j] >= '0' && s[j] <= '9' && d < 6) {
        j++;
        d++;
    }
    if (!d || !at(s, n, j, "号"))
        return 0;
    size_t start = psi_number_code_start(s, i);
    if (start == i)
        return 0;
    *start_out = start;
    return j + 3;
}

static const char *resolve_alias(cite_state *st, const char *title)
{
    char *key = ps_cite_key(title);
    const char *hit = NULL;
    for (size_t i = 0; i < st->n_aliases && !hit; i++)
        if (strcmp(st->aliases[i].short_form, key) == 0)
            hit = st->aliases[i].title;
    free(key);
    return hit;
}

static void scan(cite_state *st, ps_record *r)
{
    const char *s = r->text;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t start = i, num_start;
        uint32_t cp = psi_utf8_next(s, n, &i);
        if (cp == 0x300A) {
            char *title = NULL;
            size_t end = read_title(s, n, start, &title);
            if (!end)
                continue;
            bool self = start >= 3 && at(s, n, start - 3, "本"); /* 本《纲要》 */
            /* （以下简称《Y》） or （以下简称“Y”） right after: remember Y as a short form. */
            size_t j = end;
            if (at(s, n, j, "（以下简称") || at(s, n, j, "(以下简称")) {
                j += at(s, n, j, "（") ? 3 : 1;
                j += strlen("以下简称");
                const char *close = strstr(s + j, "）");
                if (close && close - (s + j) < 120) {
                    char *short_form = psi_xstrndup(s + j, (size_t)(close - (s + j)));
                    st->aliases =
                        psi_xrealloc(st->aliases, (st->n_aliases + 1) * sizeof *st->aliases);
                    st->aliases[st->n_aliases].short_form = ps_cite_key(short_form);
                    st->aliases[st->n_aliases].title = psi_arena_strdup(st->doc->arena, title);
                    st->n_aliases++;
                    free(short_form);
                }
            }
            if (!self) {
                const char *full = resolve_alias(st, title);
                add_cite(st, r, full ? full : title, NULL);
            }
            free(title);
            i = end;
        } else if (cp == 0x3014 || cp == '[' || cp == 0xFF08 || cp == '(' || cp == 0xFF3B) {
            size_t end = read_number(s, n, start, &num_start);
            if (end) {
                char *num = psi_xstrndup(s + num_start, end - num_start);
                add_cite(st, r, NULL, num);
                free(num);
                i = end;
            }
        }
    }
}

void psi_cites_extract(ps_doc *doc)
{
    cite_state st = {doc, NULL, 0, NULL, NULL};
    st.own_title = ps_cite_key(doc->meta.title ? doc->meta.title : "");
    st.own_number = ps_cite_key(doc->meta.number ? doc->meta.number : "");
    for (size_t i = 0; i < doc->n_records; i++)
        scan(&st, &doc->records[i]);
    for (size_t i = 0; i < st.n_aliases; i++)
        free((char *)st.aliases[i].short_form);
    free(st.aliases);
    free(st.own_title);
    free(st.own_number);
}
