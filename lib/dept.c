/* dept.c: departments. The dictionary (data/departments.tsv, embedded at build time) maps
 * canonical short names, official full names and common short forms to one canonical name.
 * Tags are read only from explicit responsibility markers, in the forms documents use:
 *   （责任部门：市经济信息化委、市发展改革委、市国资委、市科委）
 *   （牵头单位：市发展改革委；配合单位：市财政局、各区政府）      lead / supporting
 *   (责任单位:市交通委（市道运局）、市公安局等)                   nested brackets, "等"
 *   责任部门：市财政局                                            at the start of a paragraph
 * So an editor's credit ("责任编辑：邓健") or a sentence that mentions a bureau never tags one. */
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

extern const char ps_departments_tsv[];

typedef struct dict_entry {
    char *key;             /* normalized name */
    const char *canonical; /* as written in the table */
} dict_entry;

static dict_entry *dict;
static size_t dict_n, dict_cap;
static bool dict_loaded;

static void dict_add(const char *name, size_t n, const char *canonical)
{
    if (n == 0)
        return;
    if (dict_n == dict_cap) {
        dict_cap = dict_cap ? dict_cap * 2 : 256;
        dict = psi_xrealloc(dict, dict_cap * sizeof *dict);
    }
    dict[dict_n].key = psi_normalize_str(name, n);
    dict[dict_n].canonical = canonical;
    dict_n++;
}

/* "上海市X" is also written "市X"; "中共上海市委X" is also "市委X". */
static void dict_add_with_short_forms(const char *name, size_t n, const char *canonical)
{
    dict_add(name, n, canonical);
    static const struct {
        const char *prefix, *repl;
    } forms[] = {{"上海市", "市"}, {"中共上海市委", "市委"}};
    for (size_t k = 0; k < 2; k++) {
        size_t pl = strlen(forms[k].prefix), rl = strlen(forms[k].repl);
        if (n > pl && memcmp(name, forms[k].prefix, pl) == 0) {
            char *alt = psi_xmalloc(n - pl + rl + 1);
            memcpy(alt, forms[k].repl, rl);
            memcpy(alt + rl, name + pl, n - pl);
            dict_add(alt, n - pl + rl, canonical);
            free(alt);
        }
    }
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const dict_entry *)a)->key, ((const dict_entry *)b)->key);
}

static void dict_load(void)
{
    dict_loaded = true;
    const char *s = ps_departments_tsv;
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (len > 0 && s[0] != '#') {
            const char *fields[3] = {s, NULL, NULL};
            size_t lens[3] = {len, 0, 0};
            for (int f = 0; f < 2; f++) {
                const char *tab = memchr(fields[f], '\t', lens[f]);
                if (!tab)
                    break;
                fields[f + 1] = tab + 1;
                lens[f + 1] = (size_t)(fields[f] + lens[f] - tab - 1);
                lens[f] = (size_t)(tab - fields[f]);
            }
            char *canonical = psi_xstrndup(fields[0], lens[0]);
            dict_add(canonical, lens[0], canonical);
            if (fields[1])
                dict_add_with_short_forms(fields[1], lens[1], canonical);
            for (const char *p = fields[2], *end = p ? p + lens[2] : NULL; p && p < end;) {
                const char *sep = memmem(p, (size_t)(end - p), "、", 3);
                size_t l = sep ? (size_t)(sep - p) : (size_t)(end - p);
                dict_add_with_short_forms(p, l, canonical);
                p = sep ? sep + 3 : end;
            }
        }
        s += len + (nl ? 1 : 0);
    }
    qsort(dict, dict_n, sizeof *dict, entry_cmp);
}

const char *ps_dept_canonical(const char *name, size_t n_bytes)
{
    if (!dict_loaded)
        dict_load();
    char *key = psi_normalize_str(name, n_bytes);
    dict_entry probe = {key, NULL};
    dict_entry *hit = bsearch(&probe, dict, dict_n, sizeof *dict, entry_cmp);
    free(key);
    return hit ? hit->canonical : NULL;
}

/* ---- Tags ------------------------------------------------------------------------------------ */

typedef enum { ROLE_PLAIN, ROLE_LEAD, ROLE_SUPPORT } role;

static const struct {
    const char *word;
    role r;
} KEYWORDS[] = {
    {"责任部门", ROLE_PLAIN},   {"责任单位", ROLE_PLAIN},   {"责任主体", ROLE_PLAIN},
    {"实施主体", ROLE_PLAIN},   {"主责部门", ROLE_PLAIN},   {"牵头单位", ROLE_LEAD},
    {"牵头部门", ROLE_LEAD},    {"主办单位", ROLE_LEAD},    {"配合单位", ROLE_SUPPORT},
    {"配合部门", ROLE_SUPPORT}, {"协办单位", ROLE_SUPPORT}, {"参与单位", ROLE_SUPPORT},
};

/* Matches a keyword and its colon at s; returns bytes consumed (0 if none), sets *r. */
static size_t keyword_at(const char *s, size_t n, role *r)
{
    for (size_t k = 0; k < sizeof KEYWORDS / sizeof *KEYWORDS; k++) {
        size_t l = strlen(KEYWORDS[k].word);
        if (n < l || memcmp(s, KEYWORDS[k].word, l) != 0)
            continue;
        if (n >= l + 3 && memcmp(s + l, "：", 3) == 0) {
            *r = KEYWORDS[k].r;
            return l + 3;
        }
        if (n >= l + 1 && s[l] == ':') {
            *r = KEYWORDS[k].r;
            return l + 1;
        }
    }
    return 0;
}

static bool is_open(uint32_t c)
{
    return c == 0xFF08 || c == '(';
}

static bool is_close(uint32_t c)
{
    return c == 0xFF09 || c == ')';
}

static void add_unique(const char ***v, size_t *n, const char *name, psi_arena *a)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i], name) == 0)
            return;
    const char **nv = psi_arena_alloc(a, (*n + 1) * sizeof *nv);
    if (*n)
        memcpy(nv, *v, *n * sizeof *nv);
    nv[(*n)++] = name;
    *v = nv;
}

/* A listed name, not a sentence fragment: short, no sentence punctuation. */
static bool plausible_name(const char *s, size_t n)
{
    static const char *const bad[] = {"。", "，", "：", ":", "！", "？", "“", "”", NULL};
    if (n == 0 || psi_width_cols(s, n) > 60)
        return false;
    for (const char *const *b = bad; *b; b++)
        if (memmem(s, n, *b, strlen(*b)))
            return false;
    return true;
}

static void add_name(const char *s, size_t n, role r, psi_arena *a, psi_depts *out)
{
    s = psi_trim(s, &n);
    while (n >= 3 && memcmp(s + n - 3, "等", 3) == 0) /* "市科委等" */
        n -= 3;
    s = psi_trim(s, &n);
    if (!plausible_name(s, n))
        return;
    const char *canon = ps_dept_canonical(s, n);
    const char *name = canon ? psi_arena_strdup(a, canon) : psi_arena_strndup(a, s, n);
    add_unique(&out->all, &out->n_all, name, a);
    if (r == ROLE_LEAD)
        add_unique(&out->lead, &out->n_lead, name, a);
    else if (r == ROLE_SUPPORT)
        add_unique(&out->supporting, &out->n_supporting, name, a);
}

/* Parses a tag body "市A、市B（市C）；配合单位：市D" up to its end; names split on 、，, ；;
 * outside nested brackets. A segment after ； without its own keyword keeps the last role. */
static void parse_list(const char *s, size_t n, role r, psi_arena *a, psi_depts *out)
{
    size_t start = 0, depth = 0;
    for (size_t i = 0; i <= n;) {
        size_t at = i;
        uint32_t c = i < n ? psi_utf8_next(s, n, &i) : 0;
        if (i == at)
            i++;
        if (is_open(c)) {
            depth++;
            continue;
        }
        if (is_close(c) && depth > 0) {
            depth--;
            continue;
        }
        bool end = at >= n;
        bool sep = !depth && (c == 0x3001 || c == 0xFF0C || c == ',' || c == 0xFF1B || c == ';');
        if (!end && !sep)
            continue;
        add_name(s + start, at - start, r, a, out);
        start = i;
        if (c == 0xFF1B || c == ';') { /* a new role may follow */
            role nr;
            size_t k = keyword_at(s + start, n - start, &nr);
            if (k) {
                r = nr;
                start += k;
                i = start;
            }
        }
    }
}

void psi_dept_tags(const char *text, size_t n_bytes, psi_arena *a, psi_depts *out)
{
    memset(out, 0, sizeof *out);
    char *s = psi_squeeze_cjk_spaces(a, text, n_bytes);
    size_t n = strlen(s);
    role r;
    size_t k;
    if ((k = keyword_at(s, n, &r)) > 0) { /* 责任部门：… at the start of the paragraph */
        const char *stop = memmem(s + k, n - k, "。", 3);
        parse_list(s + k, stop ? (size_t)(stop - s) - k : n - k, r, a, out);
        return;
    }
    for (size_t i = 0; i < n;) {
        uint32_t c = psi_utf8_next(s, n, &i);
        if (!is_open(c) || (k = keyword_at(s + i, n - i, &r)) == 0)
            continue;
        size_t body = i + k, depth = 1, j = body, end = n;
        while (j < n) { /* find the bracket that closes the tag, past nested ones */
            size_t at = j;
            uint32_t d = psi_utf8_next(s, n, &j);
            if (is_open(d))
                depth++;
            else if (is_close(d) && --depth == 0) {
                end = at;
                break;
            }
        }
        parse_list(s + body, end - body, r, a, out);
        i = j;
    }
}
