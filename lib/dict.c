/* dict.c: department dictionaries per jurisdiction, and the jurisdiction of a document.
 *
 * A name maps to a canonical name only inside its own government: 市人力资源和社会保障局 in a
 * Guangzhou plan is Guangzhou's bureau and must not become Shanghai's 市人力资源社会保障局. So
 * each dictionary (data/departments-*.tsv, embedded at build time) belongs to one jurisdiction,
 * and a document looks names up in its own jurisdiction, the ones above it, and the national
 * one. The jurisdiction of a document comes from its issuer, title or document number, read
 * against data/places.tsv (full name, parent, short forms). */
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

extern const char ps_departments_shanghai_tsv[];
extern const char ps_departments_national_tsv[];
extern const char ps_places_tsv[];

static const struct {
    const char *const *tsv;
    const char *jurisdiction;
    const char *prefix; /* the full form of the jurisdiction's own bodies: 上海市X = 市X */
} TABLES[] = {
    {(const char *const[]){ps_departments_shanghai_tsv}, "上海市", "上海市"},
    {(const char *const[]){ps_departments_national_tsv}, PSI_NATIONAL, NULL},
};

typedef struct dict_entry {
    char *key;             /* normalized name */
    const char *canonical; /* as written in the table */
    const char *jurisdiction;
} dict_entry;

static dict_entry *dict;
static size_t dict_n, dict_cap;
static pthread_once_t dict_once = PTHREAD_ONCE_INIT; /* loaded on first use, by one thread */

static void dict_add(const char *name, size_t n, const char *canonical, const char *jurisdiction)
{
    if (n == 0)
        return;
    if (dict_n == dict_cap) {
        dict_cap = dict_cap ? dict_cap * 2 : 512;
        dict = psi_xrealloc(dict, dict_cap * sizeof *dict);
    }
    dict[dict_n++] = (dict_entry){psi_normalize_str(name, n), canonical, jurisdiction};
}

/* "上海市X" is also written "市X"; "中共上海市委X" is also "市委X". */
static void dict_add_with_short_forms(const char *name, size_t n, const char *canonical,
                                      const char *jurisdiction, const char *prefix)
{
    dict_add(name, n, canonical, jurisdiction);
    if (!prefix)
        return;
    char party[64];
    snprintf(party, sizeof party, "中共%s委", prefix);
    const struct {
        const char *full, *repl;
    } forms[] = {{prefix, "市"}, {party, "市委"}};
    for (size_t k = 0; k < 2; k++) {
        size_t pl = strlen(forms[k].full), rl = strlen(forms[k].repl);
        if (n > pl && memcmp(name, forms[k].full, pl) == 0) {
            char *alt = psi_xmalloc(n - pl + rl + 1);
            memcpy(alt, forms[k].repl, rl);
            memcpy(alt + rl, name + pl, n - pl);
            dict_add(alt, n - pl + rl, canonical, jurisdiction);
            free(alt);
        }
    }
}

/* Splits one line of a tab-separated table into at most 'max' fields. */
static size_t split_fields(const char *s, size_t len, const char **f, size_t *fl, size_t max)
{
    size_t n = 0;
    while (n < max) {
        const char *tab = memchr(s, '\t', len);
        f[n] = s;
        fl[n] = tab ? (size_t)(tab - s) : len;
        n++;
        if (!tab)
            break;
        len -= (size_t)(tab - s) + 1;
        s = tab + 1;
    }
    return n;
}

/* Calls fn for each non-comment line of an embedded table. */
static void each_line(const char *s, void (*fn)(void *ctx, const char *line, size_t len), void *ctx)
{
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (len > 0 && s[0] != '#')
            fn(ctx, s, len);
        s += len + (nl ? 1 : 0);
    }
}

/* Calls fn for each name of a "、"-separated list. */
static void each_name(const char *p, size_t n, void (*fn)(void *ctx, const char *s, size_t n),
                      void *ctx)
{
    for (const char *end = p + n; p < end;) {
        const char *sep = memmem(p, (size_t)(end - p), "、", 3);
        size_t l = sep ? (size_t)(sep - p) : (size_t)(end - p);
        fn(ctx, p, l);
        p = sep ? sep + 3 : end;
    }
}

typedef struct table_ctx {
    const char *jurisdiction, *prefix, *canonical;
} table_ctx;

static void add_alias(void *ctx, const char *s, size_t n)
{
    table_ctx *t = ctx;
    dict_add_with_short_forms(s, n, t->canonical, t->jurisdiction, t->prefix);
}

static void add_dept_line(void *ctx, const char *line, size_t len)
{
    table_ctx *t = ctx;
    const char *f[3];
    size_t fl[3];
    size_t n = split_fields(line, len, f, fl, 3);
    t->canonical = psi_xstrndup(f[0], fl[0]);
    dict_add(t->canonical, fl[0], t->canonical, t->jurisdiction);
    if (n > 1)
        dict_add_with_short_forms(f[1], fl[1], t->canonical, t->jurisdiction, t->prefix);
    if (n > 2)
        each_name(f[2], fl[2], add_alias, t);
}

typedef struct alias_ctx {
    void (*fn)(void *ctx, const char *canonical, const char *alias);
    void *ctx;
    char *canonical;
} alias_ctx;

static void report_alias(void *ctx, const char *s, size_t n)
{
    alias_ctx *a = ctx;
    if (n == 0)
        return;
    char *alias = psi_xstrndup(s, n);
    a->fn(a->ctx, a->canonical, alias);
    free(alias);
}

static void report_line_aliases(void *ctx, const char *line, size_t len)
{
    alias_ctx *a = ctx;
    const char *f[3];
    size_t fl[3];
    size_t n = split_fields(line, len, f, fl, 3);
    a->canonical = psi_xstrndup(f[0], fl[0]);
    if (n > 1)
        report_alias(a, f[1], fl[1]);
    if (n > 2)
        each_name(f[2], fl[2], report_alias, a);
    free(a->canonical);
}

void ps_dept_each_alias(void (*fn)(void *ctx, const char *canonical, const char *alias), void *ctx)
{
    alias_ctx a = {fn, ctx, NULL};
    for (size_t t = 0; t < sizeof TABLES / sizeof *TABLES; t++)
        each_line(*TABLES[t].tsv, report_line_aliases, &a);
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const dict_entry *)a)->key, ((const dict_entry *)b)->key);
}

static void dict_load(void)
{
    for (size_t k = 0; k < sizeof TABLES / sizeof *TABLES; k++) {
        table_ctx t = {TABLES[k].jurisdiction, TABLES[k].prefix, NULL};
        each_line(TABLES[k].tsv[0], add_dept_line, &t);
    }
    qsort(dict, dict_n, sizeof *dict, entry_cmp);
}

bool psi_dept_lookup(const char *name, size_t n_bytes, const char *const *chain, size_t n_chain,
                     const char **canonical, const char **jurisdiction)
{
    pthread_once(&dict_once, dict_load);
    char *key = psi_normalize_str(name, n_bytes);
    dict_entry probe = {key, NULL, NULL};
    dict_entry *hit = bsearch(&probe, dict, dict_n, sizeof *dict, entry_cmp);
    free(key);
    if (!hit)
        return false;
    /* Several jurisdictions may share a key: take the nearest in the chain. */
    dict_entry *first = hit, *end = hit + 1;
    while (first > dict && strcmp(first[-1].key, hit->key) == 0)
        first--;
    while (end < dict + dict_n && strcmp(end->key, hit->key) == 0)
        end++;
    for (size_t c = 0; c < n_chain || (n_chain == 0 && c == 0); c++)
        for (dict_entry *e = first; e < end; e++)
            if (n_chain == 0 || strcmp(e->jurisdiction, chain[c]) == 0) {
                *canonical = e->canonical;
                *jurisdiction = e->jurisdiction;
                return true;
            }
    return false;
}

const char *ps_dept_canonical(const char *name, size_t n_bytes)
{
    const char *canonical, *jurisdiction;
    return psi_dept_lookup(name, n_bytes, NULL, 0, &canonical, &jurisdiction) ? canonical : NULL;
}

/* ---- Places ----------------------------------------------------------------------------------
 */

typedef struct place_name {
    const char *name; /* full or short form, as in the table */
    size_t len;
    const char *full, *parent; /* parent NULL for a province-level division */
} place_name;

static place_name *places;
static size_t places_n, places_cap;
static pthread_once_t places_once = PTHREAD_ONCE_INIT;

typedef struct place_ctx {
    const char *full, *parent;
} place_ctx;

static void add_place_name(void *ctx, const char *s, size_t n)
{
    place_ctx *p = ctx;
    if (n == 0)
        return;
    if (places_n == places_cap) {
        places_cap = places_cap ? places_cap * 2 : 1024;
        places = psi_xrealloc(places, places_cap * sizeof *places);
    }
    places[places_n++] = (place_name){psi_xstrndup(s, n), n, p->full, p->parent};
}

static void add_place_line(void *ctx, const char *line, size_t len)
{
    (void)ctx;
    const char *f[3];
    size_t fl[3];
    size_t n = split_fields(line, len, f, fl, 3);
    place_ctx p = {psi_xstrndup(f[0], fl[0]), n > 1 && fl[1] ? psi_xstrndup(f[1], fl[1]) : NULL};
    add_place_name(&p, f[0], fl[0]);
    if (n > 2)
        each_name(f[2], fl[2], add_place_name, &p);
}

static void places_load(void)
{
    each_line(ps_places_tsv, add_place_line, NULL);
}

/* The place whose name (full or short form of two characters or more) starts s, longest first;
 * NULL when none. */
static const place_name *place_at(const char *s, size_t n)
{
    pthread_once(&places_once, places_load);
    const place_name *best = NULL;
    for (size_t i = 0; i < places_n; i++) {
        const place_name *p = &places[i];
        if (p->len > 3 && p->len <= n && memcmp(s, p->name, p->len) == 0 &&
            (!best || p->len > best->len))
            best = p;
    }
    return best;
}

bool psi_is_place_name(const char *s, size_t n)
{
    const place_name *p = place_at(s, n);
    return p && p->len == n;
}

static const place_name *place_full(const char *full)
{
    pthread_once(&places_once, places_load);
    for (size_t i = 0; i < places_n; i++)
        if (strcmp(places[i].full, full) == 0)
            return &places[i];
    return NULL;
}

size_t psi_jurisdiction_chain(const char *j, const char **out, size_t max)
{
    size_t n = 0;
    for (const place_name *p = j ? place_full(j) : NULL; p && n + 1 < max;
         p = p->parent ? place_full(p->parent) : NULL)
        out[n++] = p->full;
    if (n == 0 && j && strcmp(j, PSI_NATIONAL) != 0 && n + 1 < max)
        out[n++] = j; /* a place the table does not know (a street, a town) */
    if (n < max)
        out[n++] = PSI_NATIONAL;
    return n;
}

/* The government that issues a text starting with an issuer's name: "国务院办公厅…" is national,
 * "上海市交通委员会" Shanghai, "黄浦区…" the district, "古美路街道…" the street. */
static const char *issuer_place(psi_arena *a, const char *s)
{
    static const char *const national[] = {"国务院", "中共中央", "中央", "国家", "全国", NULL};
    for (const char *const *w = national; *w; w++)
        if (psi_starts_with(s, strlen(s), *w))
            return PSI_NATIONAL;
    size_t n = strlen(s);
    const place_name *p = place_at(s, n);
    if (p) {
        /* "上海市黄浦区…": the district inside the city, when the table knows it */
        const place_name *sub = place_at(s + p->len, n - p->len);
        return sub && sub->parent && strcmp(sub->parent, p->full) == 0 ? sub->full : p->full;
    }
    /* Streets and towns are not in the table: "古美路街道" up to its suffix. */
    static const char *const suffixes[] = {"街道", "镇", "乡", NULL};
    size_t i = 0, chars = 0;
    while (i < n && chars < 8) {
        size_t at = i;
        if (!psi_is_han(psi_utf8_next(s, n, &i)))
            break;
        chars++;
        for (const char *const *x = suffixes; *x; x++)
            if (chars >= 3 && strncmp(s + at, *x, strlen(*x)) == 0 && at > 0)
                return psi_arena_strndup(a, s, at + strlen(*x));
    }
    return NULL;
}

/* Cities and below, and the four municipalities (上海市 has no parent but is a city); not
 * provinces, which a city's plan names as often as itself. */
static bool is_city_or_below(const place_name *p)
{
    size_t l = strlen(p->full);
    return p->parent || (l > 3 && strcmp(p->full + l - 3, "市") == 0);
}

/* A document that names no issuer ("…根据《中共广州市委、广州市人民政府关于…》…把广州建设成为…")
 * belongs to the city or district its opening text (16 KB) names most, at least twice. Each
 * mention counts once, under its longest name: 广州市 is not also 广州. */
static const char *most_named_place(const psi_blocks *paras)
{
    enum { SCAN_BYTES = 16384, MAX_COUNTED = 64 };
    if (!paras)
        return NULL;
    pthread_once(&places_once, places_load);
    const char *full[MAX_COUNTED];
    size_t count[MAX_COUNTED], kinds = 0, left = SCAN_BYTES;
    for (size_t i = 0; i < paras->n && left > 0; i++) {
        const psi_block *b = &paras->v[i];
        size_t n = b->n_bytes < left ? b->n_bytes : left;
        left -= n;
        for (size_t at = 0; at < n;) {
            const place_name *p = place_at(b->text + at, n - at);
            if (!p || !is_city_or_below(p)) {
                psi_utf8_next(b->text, n, &at);
                continue;
            }
            at += p->len;
            size_t k = 0;
            while (k < kinds && full[k] != p->full)
                k++;
            if (k == kinds && kinds < MAX_COUNTED) {
                full[kinds] = p->full;
                count[kinds++] = 0;
            }
            if (k < kinds)
                count[k]++;
        }
    }
    const char *best = NULL;
    size_t best_n = 1;
    for (size_t k = 0; k < kinds; k++)
        if (count[k] > best_n) {
            best_n = count[k];
            best = full[k];
        }
    return best;
}

/* 沪府发〔2024〕12号 -> 上海市; 国发、国办函 -> national. */
static const char *number_place(const char *number)
{
    if (psi_starts_with(number, strlen(number), "国"))
        return PSI_NATIONAL;
    pthread_once(&places_once, places_load);
    for (size_t i = 0; i < places_n; i++)
        if (places[i].len == 3 && !places[i].parent && memcmp(number, places[i].name, 3) == 0)
            return places[i].full;
    return NULL;
}

const char *psi_doc_jurisdiction(const ps_doc_meta *m, const psi_blocks *paras, psi_arena *a)
{
    const char *j = NULL;
    if (m->issuer)
        j = issuer_place(a, m->issuer);
    if (!j && m->title)
        j = issuer_place(a, m->title);
    if (!j && m->number)
        j = number_place(m->number);
    for (size_t i = 0; !j && paras && i < paras->n && i < 8; i++) {
        size_t len = paras->v[i].n_bytes;
        const char *t = psi_trim(paras->v[i].text, &len);
        if (len < 200)
            j = issuer_place(a, psi_arena_strndup(a, t, len));
    }
    return j ? j : most_named_place(paras);
}

/* ---- Matching a typed name -------------------------------------------------------------------
 */

/* The name without the level of government it starts with: 市财政局, 区财政局 -> 财政局. */
static const char *without_level(const char *s)
{
    static const char *const levels[] = {"上海市", "市", "区", "县", "省", NULL};
    for (const char *const *l = levels; *l; l++)
        if (psi_starts_with(s, strlen(s), *l) && strlen(s) > strlen(*l) + 3)
            return s + strlen(*l);
    return s;
}

/* Whether some dictionary lists 'typed' as a name of the body whose canonical name is 'name'. */
static bool alias_of(const char *typed, size_t n_bytes, const char *name)
{
    pthread_once(&dict_once, dict_load);
    char *key = psi_normalize_str(typed, n_bytes);
    dict_entry probe = {key, NULL, NULL};
    dict_entry *hit = bsearch(&probe, dict, dict_n, sizeof *dict, entry_cmp);
    bool found = false;
    if (hit) {
        while (hit > dict && strcmp(hit[-1].key, key) == 0)
            hit--;
        for (; hit < dict + dict_n && strcmp(hit->key, key) == 0 && !found; hit++)
            found = strcmp(hit->canonical, name) == 0;
    }
    free(key);
    return found;
}

int ps_dept_matches(const char *typed, const char *name)
{
    char *t = psi_normalize_str(typed, strlen(typed));
    char *n = psi_normalize_str(name, strlen(name));
    /* "人力资源和社会保障局" is an alias once the level is put back: 市人力资源和社会保障局. */
    size_t tl = strlen(typed);
    char *with_city = psi_xmalloc(tl + 4);
    memcpy(with_city, "市", 3);
    memcpy(with_city + 3, typed, tl + 1);
    bool hit = strcmp(t, n) == 0 || alias_of(typed, tl, name) ||
               alias_of(with_city, tl + 3, name) || strcmp(without_level(n), t) == 0;
    free(t);
    free(n);
    free(with_city);
    return hit;
}
