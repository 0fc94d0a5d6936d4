/* tokenize.c: normalized text -> index terms with positions.
 *
 * Chinese has no spaces, and words-only indexing loses matches whichever segmenter is used
 * (新城 inside 南汇新城 or 吴淞创新城, 保障局 inside 人力资源社会保障局: see README). So every
 * pair of adjacent CJK characters is indexed as a bigram, at the position of its first
 * character; a word of two or more is then a phrase of bigrams, which matches exactly the
 * clauses that contain it as a contiguous string. A character is indexed alone only where no
 * bigram starts (the last of a run, a lone one) or next to a Latin word: a one-character word
 * is found as its unigram or any bigram it starts (qnode.c), which cuts a third of the index's
 * (term, clause) pairs. Latin letters and digits
 * form whole words (reits, g60, 5g, pm2.5), one position each. Punctuation leaves a gap, so a
 * phrase never matches across it (人才住房 does not find 人才、住房); white space leaves none, so
 * line wraps do not break words, and neither do brackets and quotation marks, which set off
 * part of a phrase without ending it: 居住证（积分） is found by 居住证积分, “东方美谷”美丽健康
 * by 东方美谷美丽健康. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

static bool is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static void emit_cps(psi_term_fn fn, void *ctx, const uint32_t *cps, size_t n, unsigned pos,
                     psi_term_kind kind)
{
    char buf[PSI_MAX_TERM_BYTES + 8];
    size_t o = 0;
    for (size_t i = 0; i < n && o + 4 <= PSI_MAX_TERM_BYTES; i++)
        o += psi_utf8_encode(cps[i], buf + o);
    buf[o] = '\0';
    fn(ctx, buf, o, pos, kind);
}

/* The code point next to nm->cp[i] in direction 'step' (+1 or -1) within [from, to), read
 * through brackets and quotation marks; 0 when there is none. */
static uint32_t neighbour(const psi_norm *nm, size_t i, size_t from, size_t to, int step)
{
    for (size_t k = i;;) {
        if (step < 0 ? k <= from : k + 1 >= to)
            return 0;
        k = step < 0 ? k - 1 : k + 1;
        if (!psi_is_see_through(nm->cp[k]))
            return nm->cp[k];
    }
}

unsigned psi_tokenize(const psi_norm *nm, size_t from, size_t to, unsigned first_pos,
                      psi_term_fn fn, void *ctx)
{
    unsigned pos = first_pos;
    bool gap_open = true; /* the previous item was a break: no second gap */
    for (size_t i = from; i < to;) {
        uint32_t cp = nm->cp[i];
        if (psi_is_han(cp)) {
            uint32_t prev = neighbour(nm, i, from, to, -1), next = neighbour(nm, i, from, to, 1);
            bool edge = psi_is_word_cp(prev) || psi_is_word_cp(next);
            if (edge)
                emit_cps(fn, ctx, &nm->cp[i], 1, pos, PSI_TERM_UNI_EDGE);
            else if (!psi_is_han(next))
                emit_cps(fn, ctx, &nm->cp[i], 1, pos, PSI_TERM_UNI);
            if (psi_is_han(next)) {
                uint32_t pair[2] = {cp, next};
                emit_cps(fn, ctx, pair, 2, pos, PSI_TERM_BI);
            }
            pos++;
            i++;
            gap_open = false;
        } else if (psi_is_word_cp(cp)) {
            size_t j = i + 1;
            while (j < to && !nm->space_before[j] &&
                   (psi_is_word_cp(nm->cp[j]) ||
                    (nm->cp[j] == '.' && is_digit(nm->cp[j - 1]) && j + 1 < to &&
                     is_digit(nm->cp[j + 1]) && !nm->space_before[j + 1])))
                j++;
            emit_cps(fn, ctx, &nm->cp[i], j - i, pos++, PSI_TERM_WORD);
            i = j;
            gap_open = false;
        } else if (psi_is_see_through(cp)) {
            i++;
        } else {
            if (!gap_open)
                pos++;
            gap_open = true;
            i++;
        }
    }
    return pos;
}

void psi_terms_add(psi_terms *t, const char *prefix, const char *term, size_t n_bytes, unsigned pos)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->v = psi_xrealloc(t->v, t->cap * sizeof *t->v);
    }
    size_t pl = strlen(prefix);
    if (n_bytes > PSI_MAX_TERM_BYTES)
        n_bytes = PSI_MAX_TERM_BYTES;
    char *s = psi_xmalloc(pl + n_bytes + 1);
    memcpy(s, prefix, pl);
    memcpy(s + pl, term, n_bytes);
    s[pl + n_bytes] = '\0';
    t->v[t->n].term = s;
    t->v[t->n].pos = pos;
    t->n++;
}

void psi_terms_free(psi_terms *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].term);
    free(t->v);
    memset(t, 0, sizeof *t);
}

/* ---- Match text: what a clause is checked against when the index keeps no positions -------- */

typedef struct match_ctx {
    psi_buf *out;
    unsigned last; /* position of the last token written; 0: none yet */
} match_ctx;

/* One character per CJK position (a bigram and a unigram can share one), each Latin word
 * between marks, and a gap mark where positions skip: the tokens a phrase needs adjacent are
 * adjacent here, and nothing else is. */
static void add_match_token(void *ctx, const char *term, size_t n_bytes, unsigned pos,
                            psi_term_kind kind)
{
    match_ctx *c = ctx;
    if (pos == c->last)
        return;
    if (c->last && pos > c->last + 1)
        psi_buf_putc(c->out, PSI_MATCH_GAP);
    c->last = pos;
    if (kind == PSI_TERM_WORD) {
        psi_buf_putc(c->out, PSI_MATCH_WORD);
        psi_buf_put(c->out, term, n_bytes);
        psi_buf_putc(c->out, PSI_MATCH_WORD);
    } else {
        size_t first = 0;
        psi_utf8_next(term, n_bytes, &first);
        psi_buf_put(c->out, term, first);
    }
}

void psi_match_text(psi_buf *out, const char *text)
{
    psi_norm nm = {0};
    psi_normalize(text, strlen(text), &nm, NULL);
    match_ctx c = {out, 0};
    psi_tokenize(&nm, 0, nm.n, 1, add_match_token, &c);
    psi_norm_free(&nm);
}

typedef struct text_ctx {
    psi_terms *out;
    const char *prefix;
    bool loose;       /* no positions at all */
    match_ctx *match; /* the text's match text is written too (NULL: not) */
} text_ctx;

/* Positions cost most of the index; only phrases need them. Heading and title terms only
 * boost ranking, and unigrams not beside a Latin word only answer one-character words: no
 * positions. */
static void add_text_term(void *ctx, const char *term, size_t n_bytes, unsigned pos,
                          psi_term_kind kind)
{
    text_ctx *c = ctx;
    bool positional = !c->loose && kind != PSI_TERM_UNI;
    psi_terms_add(c->out, c->prefix, term, n_bytes, positional ? pos : PSI_POS_NONE);
    if (c->match)
        add_match_token(c->match, term, n_bytes, pos, kind);
}

static unsigned add_text(psi_terms *out, const char *prefix, const char *text, unsigned pos,
                         bool positional, match_ctx *match)
{
    if (!text)
        return pos;
    psi_norm nm = {0};
    psi_normalize(text, strlen(text), &nm, NULL);
    text_ctx c = {out, prefix, !positional || strcmp(prefix, PSI_PREFIX_HEAD) == 0, match};
    pos = psi_tokenize(&nm, 0, nm.n, pos, add_text_term, &c);
    psi_norm_free(&nm);
    return pos + 1; /* a gap between separate texts */
}

static void add_label(psi_terms *out, const char *prefix, const char *label)
{
    char norm[64];
    if (!psi_label_norm(label, strlen(label), norm, sizeof norm))
        return;
    psi_terms_add(out, prefix, norm, strlen(norm), 0);
    if (strncmp(norm, "cn:", 3) == 0) /* 十三、 is also found as 13 */
        psi_terms_add(out, prefix, norm + 3, strlen(norm + 3), 0);
}

/* The whole label path, "cn:4/(6)/2": a citation's labels pasted back find exactly this
 * clause, not one further down with the same last label (四、（六） 2 is not 四/（六）/2/2). */
static void add_label_path(psi_terms *out, const ps_record *r)
{
    char path[PSI_MAX_TERM_BYTES] = "", norm[64];
    size_t len = 0;
    for (size_t i = 0; i <= r->n_path; i++) {
        const char *label = i < r->n_path ? r->path[i].label : r->label;
        if (!psi_label_norm(label, strlen(label), norm, sizeof norm) ||
            len + strlen(norm) + 2 >= sizeof path)
            return;
        len += (size_t)snprintf(path + len, sizeof path - len, "%s%s", i ? "/" : "", norm);
    }
    psi_terms_add(out, PSI_PREFIX_PATH, path, len, 0);
}

char *psi_id_term(const char *id)
{
    size_t idlen = strlen(id);
    char *t = psi_xmalloc(idlen + 32);
    if (idlen + strlen(PSI_PREFIX_ID) <=
        PSI_MAX_TERM_BYTES) /* very long heading labels: hash to stay under Xapian's limit */
        snprintf(t, idlen + 32, "%s%s", PSI_PREFIX_ID, id);
    else
        snprintf(t, idlen + 32, "%s#%016llx", PSI_PREFIX_ID, ps_content_hash(id, idlen));
    return t;
}

void psi_record_terms(const ps_doc *doc, const ps_record *r, bool whole, bool positional,
                      psi_terms *out, psi_buf *match)
{
    const ps_doc_meta *m = ps_doc_get_meta(doc);
    char *id = psi_id_term(r->id);
    psi_terms_add(out, "", id, strlen(id), 0);
    free(id);
    psi_terms_add(out, PSI_PREFIX_FILE, m->file, strlen(m->file), 0);
    if (!whole && r->parts > 1) /* listings show the whole clause instead */
        psi_terms_add(out, "", PSI_TERM_PART, strlen(PSI_TERM_PART), 0);
    for (size_t i = 0; i < r->n_departments; i++) {
        const ps_dept *d = &r->departments[i];
        psi_terms_add(out, PSI_PREFIX_DEPT, d->name, strlen(d->name), 0);
        if (d->role != PS_ROLE_RESPONSIBLE)
            psi_terms_add(out, d->role == PS_ROLE_LEAD ? PSI_PREFIX_LEAD : PSI_PREFIX_SUPPORT,
                          d->name, strlen(d->name), 0);
        if (d->jurisdiction) {
            char *t = psi_dept_place_term(d->name, d->jurisdiction);
            psi_terms_add(out, PSI_PREFIX_DEPT_PLACE, t, strlen(t), 0);
            free(t);
        }
    }
    for (size_t i = 0; i < r->n_cites; i++) {
        const char *t = r->cites[i].title ? r->cites[i].title : r->cites[i].number;
        char *key = ps_cite_key(t);
        psi_terms_add(out, r->cites[i].title ? PSI_PREFIX_CITE : PSI_PREFIX_CITENO, key,
                      strlen(key), 0);
        free(key);
    }
    add_label(out, PSI_PREFIX_LABEL, r->label);
    add_label_path(out, r);
    for (size_t i = 0; i < r->n_path; i++)
        add_label(out, PSI_PREFIX_UNDER, r->path[i].label);
    match_ctx body = {match, 0}; /* the body's match text, read in the same pass as its terms */
    add_text(out, whole ? PSI_PREFIX_WHOLE : "", r->text, 1, positional, match ? &body : NULL);
    unsigned pos = add_text(out, PSI_PREFIX_HEAD, m->title, 1, false, NULL);
    for (size_t i = 0; i < r->n_path; i++)
        pos = add_text(out, PSI_PREFIX_HEAD, r->path[i].title, pos, false, NULL);
    if (!match)
        return;
    psi_buf_putc(match, PSI_MATCH_GAP);
    for (size_t i = 0; i < r->n_departments; i++) {
        psi_buf_putc(match, PSI_MATCH_DEPT);
        psi_buf_puts(match, r->departments[i].name);
        psi_buf_putc(match, PSI_MATCH_DEPT);
    }
}

char *psi_dept_place_term(const char *name, const char *jurisdiction)
{
    size_t n = strlen(name) + strlen(jurisdiction) + 2;
    char *t = psi_xmalloc(n);
    snprintf(t, n, "%s%c%s", name, PSI_PLACE_SEP, jurisdiction);
    return t;
}

char *psi_order_key(const ps_doc *doc, const ps_record *r)
{
    const char *file = ps_doc_get_meta(doc)->file;
    size_t n = strlen(file) + 16;
    char *key = psi_xmalloc(n);
    snprintf(key, n, "%s%c%08zx", file, 1, r->seq); /* \1 sorts below any file name byte */
    return key;
}

unsigned long long ps_content_hash(const char *bytes, size_t n_bytes)
{
    unsigned long long h = 1469598103934665603ull;
    for (size_t i = 0; i < n_bytes; i++)
        h = (h ^ (unsigned char)bytes[i]) * 1099511628211ull;
    return h;
}
