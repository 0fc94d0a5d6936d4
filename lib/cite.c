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

/* 沪府发〔2024〕12号: up to 8 Han characters, a bracketed year, a number, 号. */
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
    size_t start = i, han = 0;
    while (start > 0 && han < 8) {
        size_t p = start;
        if (!psi_is_han(psi_utf8_prev(s, &p)))
            break;
        start = p;
        han++;
    }
    if (han < 2)
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
