/* dept.c: responsibility tags. A tag names the bodies that own a measure and what each does:
 *   （责任部门：市经济信息化委、市发展改革委）                   keyword lists
 *   （牵头单位：市发展改革委，配合单位：市委组织部，各区、县级市）   roles, any separator
 *   （人民银行牵头，国家发展改革委、财政部等按职责分工负责，9月底前完成）  role verbs, deadline
 *   （市住房城乡建设管理委牵头负责，各区政府组织落实）
 *   （各街镇、区规划资源局、区土储中心）                            names only, after a sentence
 *   牵头单位：区建管委 ⏎ 配合单位：区发展改革委                      lines of their own
 *   发展改革委会同有关部门研究提出：                               a reply's lead-in
 * A bracket is a tag only when every part of it is a body's name, a role or a deadline, so
 * （试行）, （按行政区划排列，下同） or an editor's credit never tag anything. Names keep their
 * written form; the canonical name comes from the dictionary of the document's jurisdiction. */
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

const char *ps_role_name(ps_role role)
{
    return role == PS_ROLE_LEAD         ? "lead"
           : role == PS_ROLE_SUPPORTING ? "supporting"
                                        : "responsible";
}

/* ---- Words ----------------------------------------------------------------------------------- */

enum { ROLE_NONE = -1 };

static const struct {
    const char *word;
    int role;
} KEYWORDS[] = {
    {"责任部门", PS_ROLE_RESPONSIBLE}, {"责任单位", PS_ROLE_RESPONSIBLE},
    {"责任主体", PS_ROLE_RESPONSIBLE}, {"实施主体", PS_ROLE_RESPONSIBLE},
    {"实施单位", PS_ROLE_RESPONSIBLE}, {"责任处室", PS_ROLE_RESPONSIBLE},
    {"主责部门", PS_ROLE_LEAD},        {"主责单位", PS_ROLE_LEAD},
    {"牵头单位", PS_ROLE_LEAD},        {"牵头部门", PS_ROLE_LEAD},
    {"牵头处室", PS_ROLE_LEAD},        {"主办单位", PS_ROLE_LEAD},
    {"配合单位", PS_ROLE_SUPPORTING},  {"配合部门", PS_ROLE_SUPPORTING},
    {"协办单位", PS_ROLE_SUPPORTING},  {"参与单位", PS_ROLE_SUPPORTING},
    {"参与部门", PS_ROLE_SUPPORTING},  {"协同单位", PS_ROLE_SUPPORTING},
    {"协同部门", PS_ROLE_SUPPORTING},
};

/* Role verbs that end a list of names, longest first where one ends another. */
static const struct {
    const char *word;
    int role;
} VERBS[] = {
    {"牵头负责", PS_ROLE_LEAD},
    {"牵头", PS_ROLE_LEAD},
    {"主责", PS_ROLE_LEAD},
    {"组织配合", PS_ROLE_SUPPORTING},
    {"配合落实", PS_ROLE_SUPPORTING},
    {"配合", PS_ROLE_SUPPORTING},
    {"参与", PS_ROLE_SUPPORTING},
    {"协同", PS_ROLE_SUPPORTING},
    {"协办", PS_ROLE_SUPPORTING},
    {"负责落实", PS_ROLE_RESPONSIBLE},
    {"组织落实", PS_ROLE_RESPONSIBLE},
    {"组织实施", PS_ROLE_RESPONSIBLE},
    {"负责", PS_ROLE_RESPONSIBLE},
    {"落实", PS_ROLE_RESPONSIBLE},
    {"实施", PS_ROLE_RESPONSIBLE},
    {"指导", PS_ROLE_RESPONSIBLE},
    {"督促", PS_ROLE_RESPONSIBLE},
    {"推进", PS_ROLE_RESPONSIBLE},
};

/* Words between the names and the verb: "按职责分工负责", "分别负责", "共同推进". */
static const char *const MODIFIERS[] = {"按照职责分工", "按职责分工", "根据职责分工", "按照职责",
                                        "按职责",       "依职责",     "分别",         "共同",
                                        "具体",         NULL};

/* The last characters of a body's name: 委, 局, 中心, 政府, 各区, 单位 … */
static const char *const NAME_ENDS[] = {
    "委",   "局",   "办",   "协",   "部",   "院",   "厅",   "署",   "会",   "室",   "处",   "科",
    "所",   "站",   "队",   "组",   "社",   "联",   "馆",   "台",   "中心", "政府", "街道", "镇",
    "乡",   "单位", "机构", "银行", "公司", "集团", "中央", "区",   "市",   "县",   "省",   "州",
    "地区", "园区", "机关", "学校", "大学", "国企", "企业", "部门", NULL};

/* A list item that starts this way is prose, not a name: "如养老机构", "以下简称…". */
static const char *const NOT_NAME_STARTS[] = {"如", "以下", "简称", "含", "包括", "即",
                                              "指", "其中", "下同", "按", "由",   "对",
                                              "在", "详见", "见",   "注", NULL};

/* Words of a deadline or schedule: "12月底前完成", "年内持续推进", "长期坚持". */
static const char *const DEADLINE_WORDS[] = {"前",   "完成", "持续", "长期", "年内", "年底",
                                             "月底", "季度", "启动", "出台", "常态", NULL};

static bool contains(const char *s, size_t n, const char *w)
{
    return memmem(s, n, w, strlen(w)) != NULL;
}

static bool is_open(uint32_t c)
{
    return c == 0xFF08 || c == '(';
}

static bool is_close(uint32_t c)
{
    return c == 0xFF09 || c == ')';
}

/* Keyword and colon at s ("牵头单位：", "责任部门:"): bytes consumed, 0 if none. */
static size_t keyword_at(const char *s, size_t n, int *role)
{
    for (size_t k = 0; k < sizeof KEYWORDS / sizeof *KEYWORDS; k++) {
        size_t l = strlen(KEYWORDS[k].word);
        if (!psi_starts_with(s, n, KEYWORDS[k].word))
            continue;
        size_t colon = psi_starts_with(s + l, n - l, "：")  ? 3
                       : psi_starts_with(s + l, n - l, ":") ? 1
                                                            : 0;
        if (colon) {
            *role = KEYWORDS[k].role;
            return l + colon;
        }
    }
    return 0;
}

/* Strips a role verb (and its modifier) from the end of s: the new length, *role set;
 * n unchanged when there is none. */
static size_t strip_verb(const char *s, size_t n, int *role)
{
    for (size_t k = 0; k < sizeof VERBS / sizeof *VERBS; k++) {
        if (!psi_ends_with(s, n, VERBS[k].word))
            continue;
        size_t m = n - strlen(VERBS[k].word);
        for (bool again = true; again;) {
            again = false;
            for (const char *const *w = MODIFIERS; *w; w++)
                if (psi_ends_with(s, m, *w)) {
                    m -= strlen(*w);
                    again = true;
                }
        }
        *role = VERBS[k].role;
        return m;
    }
    return n;
}

/* The length of s without a trailing bracketed part: "区委宣传部（区文明办）" -> "区委宣传部". */
static size_t without_trailing_bracket(const char *s, size_t n)
{
    if (!psi_ends_with(s, n, "）") && !psi_ends_with(s, n, ")"))
        return n;
    size_t depth = 0;
    for (size_t i = n; i > 0;) {
        uint32_t c = psi_utf8_prev(s, &i);
        if (is_close(c))
            depth++;
        else if (is_open(c) && --depth == 0)
            return i;
    }
    return n;
}

/* A body's name, not prose: short, no sentence punctuation, ends like a body. */
static bool plausible_name(const char *s, size_t n)
{
    static const char *const bad[] = {"。", "，", "：", ":", "！", "？", "；", NULL};
    if (n == 0 || psi_width_cols(s, n) > 50)
        return false;
    for (const char *const *b = bad; *b; b++)
        if (contains(s, n, *b))
            return false;
    for (const char *const *w = NOT_NAME_STARTS; *w; w++)
        if (psi_starts_with(s, n, *w))
            return false;
    size_t core = without_trailing_bracket(s, n);
    for (const char *const *e = NAME_ENDS; *e; e++)
        if (psi_ends_with(s, core, *e))
            return core > strlen(*e); /* "市" or "区" alone is a level, not a body */
    return psi_is_place_name(s, n);
}

static bool is_deadline(const char *s, size_t n)
{
    for (const char *const *w = DEADLINE_WORDS; *w; w++)
        if (contains(s, n, *w))
            return true;
    return false;
}

/* ---- Output ---------------------------------------------------------------------------------- */

typedef struct parse {
    const psi_dept_ctx *ctx;
    psi_arena *arena;
    ps_dept *v; /* names found so far in this tag */
    size_t n, cap;
    const char *deadline;
} parse;

static const char *squeezed(psi_arena *a, const char *s, size_t n)
{
    size_t len = n;
    s = psi_trim(s, &len);
    return psi_squeeze_cjk_spaces(a, s, len);
}

/* "吴泾、塘湾派出所": 吴泾 shares 塘湾派出所's suffix, so its canonical name is 吴泾派出所;
 * "市、区财政局": 市财政局. The name replaces as many characters of the next one as it has
 * (徐汇、浦东新区 is two places, not 徐汇新区: a place's own name is a name already). */
static const char *with_shared_suffix(psi_arena *a, const char *name, const char *next)
{
    size_t ln = strlen(name), lx = strlen(next), i = 0, j = 0;
    while (i < ln) {
        if (j >= lx || !psi_is_han(psi_utf8_next(name, ln, &i)))
            return NULL;
        psi_utf8_next(next, lx, &j);
    }
    if (j >= lx)
        return NULL;
    char *s = psi_arena_alloc(a, ln + (lx - j) + 1);
    memcpy(s, name, ln);
    memcpy(s + ln, next + j, lx - j + 1);
    return plausible_name(s, strlen(s)) ? s : NULL;
}

static void add_dept(parse *p, const char *written, const char *canonical_src, int role)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].written, written) == 0)
            return;
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 8;
        ps_dept *nv = psi_arena_alloc(p->arena, p->cap * sizeof *nv);
        if (p->n)
            memcpy(nv, p->v, p->n * sizeof *nv);
        p->v = nv;
    }
    const char *canonical = NULL, *jurisdiction = NULL;
    const psi_dept_ctx *c = p->ctx;
    if (!psi_dept_lookup(canonical_src, strlen(canonical_src), c ? c->chain : NULL,
                         c ? c->n_chain : 0, &canonical, &jurisdiction) ||
        !c) {
        canonical = canonical_src;
        jurisdiction = psi_dept_jurisdiction_of(canonical_src, c);
    }
    p->v[p->n++] = (ps_dept){psi_arena_strdup(p->arena, canonical), written, jurisdiction,
                             role == ROLE_NONE ? PS_ROLE_RESPONSIBLE : (ps_role)role};
}

/* Walks a text one character at a time, then once more past its end (c == 0), keeping the depth
 * of brackets: tag bodies split only outside nested ones ("区委宣传部（区文明办、区政府新闻办）").
 */
typedef struct scan {
    const char *s;
    size_t n;
    size_t i;     /* next byte */
    size_t at;    /* byte of the current character; n past the end */
    size_t depth; /* brackets open around the current character, itself included */
} scan;

static bool scan_next(scan *sc, uint32_t *c)
{
    if (sc->i > sc->n)
        return false;
    sc->at = sc->i;
    if (sc->i == sc->n) {
        sc->i++;
        *c = 0;
        return true;
    }
    *c = psi_utf8_next(sc->s, sc->n, &sc->i);
    if (is_open(*c))
        sc->depth++;
    else if (is_close(*c) && sc->depth > 0)
        sc->depth--;
    return true;
}

/* End of the list item that starts at s[i]: the next 、 or 等 outside brackets, or n. */
static size_t item_end(const char *s, size_t n, size_t i)
{
    scan sc = {s + i, n - i, 0, 0, 0};
    uint32_t c;
    while (scan_next(&sc, &c))
        if (!sc.depth && (c == 0x3001 || c == 0x7B49))
            return i + sc.at;
    return n;
}

/* Splits a list of names at 、 and 等 (and at 及 / 与 between two names) outside brackets.
 * Returns false, adding nothing, when some item is not a name. */
static bool add_names(parse *p, const char *s, size_t n, int role)
{
    enum { MAX_ITEMS = 64 };
    const char *item[MAX_ITEMS];
    size_t len[MAX_ITEMS], k = 0, start = 0;
    scan sc = {s, n, 0, 0, 0};
    uint32_t c;
    while (k < MAX_ITEMS && scan_next(&sc, &c)) {
        size_t at = sc.at, i = sc.i, depth = sc.depth;
        bool sep = at >= n || (!depth && (c == 0x3001 || c == 0x7B49 /* 等 */));
        if (!sep && !depth &&
            (c == 0x53CA /* 及 */ || c == 0x4E0E /* 与 */ || c == 0x548C /* 和 */)) {
            /* only between two names: not 人力资源和社会保障局, 工业和信息化部 */
            size_t l = at - start;
            const char *t = psi_trim(s + start, &l);
            sep = plausible_name(t, l) && plausible_name(s + i, item_end(s, n, i) - i);
        }
        if (!sep)
            continue;
        size_t l = at - start;
        const char *t = psi_trim(s + start, &l);
        start = i;
        if (l == 0 && (c == 0x7B49 || (at >= n && k > 0))) /* "等" after a name, or at the end */
            continue;
        if (l == 0)
            return false;
        item[k] = t;
        len[k++] = l;
    }
    if (k == 0 || k == MAX_ITEMS)
        return false;
    const char *names[MAX_ITEMS];
    for (size_t i = 0; i < k; i++)
        names[i] = squeezed(p->arena, item[i], len[i]);
    for (size_t i = 0; i < k; i++)
        if (!plausible_name(names[i], strlen(names[i])) &&
            !(i + 1 < k && with_shared_suffix(p->arena, names[i], names[i + 1])))
            return false;
    for (size_t i = 0; i < k; i++) {
        const char *canon = plausible_name(names[i], strlen(names[i]))
                                ? names[i]
                                : with_shared_suffix(p->arena, names[i], names[i + 1]);
        add_dept(p, names[i], canon, role);
    }
    return true;
}

/* One part of a tag between separators: "配合单位：A、B", "A、B牵头", "A会同B负责", "9月底前完成".
 * Returns false for a part that is none of these. *role carries a keyword's role forward:
 * "配合单位：A，各区" gives 各区 the supporting role too. */
static bool parse_part(parse *p, const char *s, size_t n, int *role, bool *marked)
{
    s = psi_trim(s, &n);
    if (n == 0)
        return true;
    int r;
    size_t k = keyword_at(s, n, &r);
    if (k) {
        *role = r;
        *marked = true;
        s += k;
        n -= k;
        s = psi_trim(s, &n);
    }
    int verb = ROLE_NONE;
    size_t m = strip_verb(s, n, &verb);
    if (m < n)
        *marked = true;
    if (m == 0)
        return k > 0 || verb != ROLE_NONE;
    int use =
        verb != ROLE_NONE && (verb != PS_ROLE_RESPONSIBLE || *role == ROLE_NONE) ? verb : *role;
    const char *with = memmem(s, m, "会同", 6);
    if (with) { /* A会同B: A leads, B supports */
        size_t left = (size_t)(with - s);
        size_t saved = p->n;
        if (add_names(p, s, left, PS_ROLE_LEAD) &&
            add_names(p, with + 6, m - left - 6, PS_ROLE_SUPPORTING))
            return true;
        p->n = saved;
    }
    if (add_names(p, s, m, use))
        return true;
    if (is_deadline(s, n) && !k) {
        if (!p->deadline)
            p->deadline = squeezed(p->arena, s, n);
        return true;
    }
    return false;
}

/* Parses a tag body; separators are ，,；; and line breaks outside brackets. Returns whether it
 * is a tag: some name, and every part a name list, a role or a deadline. *marked tells whether
 * a keyword or role verb said so (names alone are a tag only in a tag's place). */
static bool parse_body(parse *p, const char *s, size_t n, bool *marked)
{
    int role = ROLE_NONE;
    size_t start = 0;
    *marked = false;
    scan sc = {s, n, 0, 0, 0};
    uint32_t c;
    while (scan_next(&sc, &c)) {
        size_t at = sc.at, depth = sc.depth;
        bool sep = at >= n || (!depth && (c == 0xFF0C || c == ',' || c == 0xFF1B || c == ';' ||
                                          c == '\n' || c == 0x3002));
        int verb;
        if (!sep && !depth && c == 0x3001) /* "A牵头负责、B组织落实": a role verb ends a part */
            sep = strip_verb(s + start, at - start, &verb) < at - start;
        if (!sep && !depth && at > start && keyword_at(s + at, n - at, &verb)) {
            /* "牵头单位：A配合单位：B", two lines joined: the keyword starts a part */
            if (!parse_part(p, s + start, at - start, &role, marked))
                return false;
            start = at;
            continue;
        }
        if (!sep)
            continue;
        if (!parse_part(p, s + start, at - start, &role, marked))
            return false;
        start = sc.i;
    }
    return p->n > 0;
}

/* ---- Finding tags ---------------------------------------------------------------------------- */

static void push_tag(psi_tags *out, psi_arena *a, size_t start, size_t end, const parse *p)
{
    if (out->n == out->cap) { /* doubling: a text of thousands of tags stays linear */
        out->cap = out->cap ? out->cap * 2 : 4;
        psi_dept_tag *nv = psi_arena_alloc(a, out->cap * sizeof *nv);
        if (out->n)
            memcpy(nv, out->v, out->n * sizeof *nv);
        out->v = nv;
    }
    out->v[out->n++] = (psi_dept_tag){start, end, p->v, p->n, p->deadline};
}

/* Whether the bracket at 'open' stands where a tag stands: after a sentence or at the start
 * of the text, and at the end of the text or of a sentence. */
static bool in_tag_place(const char *s, size_t n, size_t open, size_t close_end)
{
    size_t i = open;
    while (i > 0) {
        size_t j = i;
        uint32_t c = psi_utf8_prev(s, &j);
        if (!psi_is_space(c))
            break;
        i = j;
    }
    bool after = i == 0;
    if (!after) {
        uint32_t c = psi_utf8_prev(s, &i);
        after = c == 0x3002 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F || c == ';' ||
                c == 0xFF1A || is_close(c);
    }
    size_t k = close_end;
    while (k < n && psi_is_space((uint32_t)(unsigned char)s[k]))
        k++;
    bool before = k >= n || psi_starts_with(s + k, n - k, "。") ||
                  psi_starts_with(s + k, n - k, "；") || is_open((uint32_t)(unsigned char)s[k]) ||
                  psi_starts_with(s + k, n - k, "（");
    return after && before;
}

/* End of the bracket opened at s[open] (past nested ones), or 0 when it never closes. */
static size_t bracket_end(const char *s, size_t n, size_t open)
{
    size_t depth = 0;
    for (size_t j = open; j < n;) {
        uint32_t d = psi_utf8_next(s, n, &j);
        if (is_open(d))
            depth++;
        else if (is_close(d) && --depth == 0)
            return j;
    }
    return 0;
}

/* "牵头单位：A" at the start of a line: the tag runs to the end of the text or to a 。. */
static size_t line_tag_end(const char *s, size_t n, size_t at)
{
    const char *stop = memmem(s + at, n - at, "。", 3);
    return stop ? (size_t)(stop - s) : n;
}

/* "发展改革委会同有关部门研究提出：" or "证监会、发展改革委提出了以下意见：" opening a paragraph:
 * the bodies whose reply follows. Those after 会同 are named only when they are specific. */
static bool lead_in(parse *p, const char *s, size_t n, size_t *end)
{
    static const char *const SAYS[] = {"研究提出了以下意见",
                                       "提出了以下意见",
                                       "研究提出",
                                       "提出了办理意见",
                                       "提出意见",
                                       "提出",
                                       "意见",
                                       "认为",
                                       "答复",
                                       NULL};
    const char *colon = memmem(s, n < 120 ? n : 120, "：", 3);
    if (!colon)
        return false;
    size_t m = (size_t)(colon - s);
    for (const char *const *w = SAYS; *w; w++) {
        if (!psi_ends_with(s, m, *w))
            continue;
        size_t subject = m - strlen(*w);
        const char *with = memmem(s, subject, "会同", 6);
        size_t saved = p->n;
        if (add_names(p, s, with ? (size_t)(with - s) : subject, PS_ROLE_LEAD)) {
            if (with) {
                size_t wl = subject - (size_t)(with - s) - 6;
                parse q = {p->ctx, p->arena, NULL, 0, 0, NULL};
                if (add_names(&q, with + 6, wl, PS_ROLE_SUPPORTING))
                    for (size_t i = 0; i < q.n; i++)
                        if (!psi_starts_with(q.v[i].written, strlen(q.v[i].written), "有关") &&
                            !psi_starts_with(q.v[i].written, strlen(q.v[i].written), "相关"))
                            add_dept(p, q.v[i].written, q.v[i].name, PS_ROLE_SUPPORTING);
            } else {
                for (size_t i = saved; i < p->n; i++)
                    p->v[i].role = PS_ROLE_RESPONSIBLE;
            }
            *end = m + 3;
            return true;
        }
        p->n = saved;
    }
    return false;
}

void psi_dept_find_tags(const char *s, size_t n, const psi_dept_ctx *ctx, psi_arena *a,
                        psi_tags *out)
{
    memset(out, 0, sizeof *out);
    /* Lines that start with a keyword, and a reply's lead-in. */
    for (size_t line = 0; line < n;) {
        const char *nl = memchr(s + line, '\n', n - line);
        size_t line_end = nl ? (size_t)(nl - s) : n;
        size_t t = line_end - line;
        const char *ls = psi_trim(s + line, &t);
        size_t at = (size_t)(ls - s);
        int role;
        parse p = {ctx, a, NULL, 0, 0, NULL};
        bool marked;
        size_t end;
        if (keyword_at(ls, t, &role)) {
            /* consecutive keyword lines form one tag */
            size_t stop = line_tag_end(s, n, at);
            while (nl && stop > line_end) {
                size_t next = line_end + 1, nt = n - next;
                const char *ns = psi_trim(s + next, &nt);
                if (!keyword_at(ns, nt, &role))
                    break;
                nl = memchr(s + next, '\n', n - next);
                line_end = nl ? (size_t)(nl - s) : n;
            }
            stop = stop < line_end ? stop : line_end;
            if (parse_body(&p, s + at, stop - at, &marked))
                push_tag(out, a, at, stop, &p);
        } else if (at == 0 && lead_in(&p, ls, t, &end)) {
            push_tag(out, a, at, at + end, &p);
        }
        line = line_end + 1;
    }
    if (out->n)
        return;
    /* Brackets anywhere: （…） holding a tag. */
    for (size_t i = 0; i < n;) {
        size_t open = i;
        uint32_t c = psi_utf8_next(s, n, &i);
        if (!is_open(c))
            continue;
        size_t end = bracket_end(s, n, open);
        if (!end)
            continue; /* a bracket left open ("（见附件" cut by a converter) hides no later tag */
        size_t body = i, body_end = end - (s[end - 1] == ')' ? 1 : 3);
        parse p = {ctx, a, NULL, 0, 0, NULL};
        bool marked;
        if (parse_body(&p, s + body, body_end - body, &marked) &&
            (marked || in_tag_place(s, n, open, end))) {
            push_tag(out, a, open, end, &p);
            i = end;
        }
    }
}

bool psi_is_names_only(const char *s, size_t n, const psi_dept_ctx *ctx, psi_arena *a,
                       psi_tags *out)
{
    memset(out, 0, sizeof *out);
    parse p = {ctx, a, NULL, 0, 0, NULL};
    bool marked;
    size_t len = n;
    const char *t = psi_trim(s, &len);
    if (len == 0 || contains(t, len, "。") || !parse_body(&p, t, len, &marked))
        return false;
    push_tag(out, a, (size_t)(t - s), (size_t)(t - s) + len, &p);
    return true;
}

const char *psi_dept_jurisdiction_of(const char *name, const psi_dept_ctx *ctx)
{
    if (!ctx || !ctx->known || ctx->n_chain == 0)
        return NULL;
    /* "市财政局" in a 黄浦区 plan is the city's; "区财政局" the district's: the nearest place
     * of that level. */
    static const char *const levels[] = {"市", "区", "县", "省", NULL};
    size_t n = strlen(name);
    for (const char *const *l = levels; *l; l++) {
        if (!psi_starts_with(name, n, *l))
            continue;
        for (size_t i = 0; i < ctx->n_chain; i++)
            if (psi_ends_with(ctx->chain[i], strlen(ctx->chain[i]), *l))
                return ctx->chain[i];
    }
    return ctx->chain[0];
}

/* Merges the departments of several tags into one list, in order, without repeats. */
void psi_depts_merge(const psi_tags *tags, psi_arena *a, const ps_dept **v, size_t *n)
{
    size_t total = 0;
    for (size_t i = 0; i < tags->n; i++)
        total += tags->v[i].n;
    ps_dept *out = psi_arena_alloc(a, (total ? total : 1) * sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < tags->n; i++)
        for (size_t j = 0; j < tags->v[i].n; j++) {
            bool dup = false;
            for (size_t x = 0; x < k && !dup; x++)
                dup = strcmp(out[x].written, tags->v[i].v[j].written) == 0;
            if (!dup)
                out[k++] = tags->v[i].v[j];
        }
    *v = out;
    *n = k;
}

/* ---- Duty sections --------------------------------------------------------------------------- */

bool psi_dept_duty(const char *name, size_t n, const char *duty, size_t duty_n,
                   const psi_dept_ctx *ctx, psi_arena *a, psi_tags *out)
{
    memset(out, 0, sizeof *out);
    size_t len = n;
    const char *t = psi_trim(name, &len);
    if (!plausible_name(t, len))
        return false;
    static const struct {
        const char *word;
        ps_role role;
    } FIRST[] = {{"牵头", PS_ROLE_LEAD},       {"负责牵头", PS_ROLE_LEAD},
                 {"主责", PS_ROLE_LEAD},       {"配合", PS_ROLE_SUPPORTING},
                 {"参与", PS_ROLE_SUPPORTING}, {"协同", PS_ROLE_SUPPORTING},
                 {"协助", PS_ROLE_SUPPORTING}, {"协办", PS_ROLE_SUPPORTING}};
    size_t dl = duty_n;
    const char *d = psi_trim(duty, &dl);
    ps_role role = PS_ROLE_RESPONSIBLE;
    for (size_t k = 0; k < sizeof FIRST / sizeof *FIRST; k++)
        if (psi_starts_with(d, dl, FIRST[k].word))
            role = FIRST[k].role;
    parse p = {ctx, a, NULL, 0, 0, NULL};
    const char *written = squeezed(a, t, len);
    add_dept(&p, written, written, role);
    push_tag(out, a, (size_t)(t - name), (size_t)(t - name) + len, &p);
    return true;
}
