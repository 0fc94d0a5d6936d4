/* query.c: query text -> query tree, and the search tree around it (boosts, filters).
 *
 * The contract users rely on: each space-separated word must occur in the clause as a
 * contiguous string after normalization (like Ctrl-F, but across line wraps, full-width
 * letters and traditional characters). A word becomes a phrase of CJK bigrams (a unigram for a
 * one-character word) and Latin words at consecutive positions; punctuation inside a word
 * (not brackets or quotes, which a phrase reads through) splits it into parts that must all
 * occur. "Quoted phrases", OR (or |), -word and NOT word
 * work as usual. A word that names a department by any alias also finds the clauses tagged
 * with its canonical department. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

/* A word's parts (split where punctuation leaves a gap) as they are found in a clause's match
 * text (PSI_SLOT_MATCH): each must be there for the word to be. */
typedef struct q_parts {
    char **v;
    size_t n;
} q_parts;

typedef struct q_atom {
    char *text;       /* as typed, without quotes */
    const char *dept; /* canonical department when the word names one */
    int group;        /* atoms of one group are alternatives (OR) */
    bool negated;
    bool phrase; /* its terms (or its department's name's) hold a phrase, which an index
                    without positions matches by its terms only */
    q_parts parts, dept_parts; /* the word's; the canonical name's (dept only) */
} q_atom;

struct ps_query {
    q_atom *atoms;
    size_t n, cap;
    int n_groups;
};

/* 'text' is the prefix of the clause-text terms searched: "" for paragraph records,
 * PSI_PREFIX_WHOLE for whole-clause records. */
static psq_node *atom_node(const q_atom *a, const char *text)
{
    psq_node *words = psi_word_node(text, a->text);
    if (!a->dept)
        return words;
    psq_node *alt = psq_new(PSQ_OR);
    psq_add(alt, words);
    if (strcmp(a->dept, a->text) != 0) /* an alias: the canonical name's text too */
        psq_add(alt, psi_word_node(text, a->dept));
    psq_add(alt, psq_term(PSI_PREFIX_DEPT, a->dept, strlen(a->dept)));
    return psq_collapse(alt);
}

/* ---- Checking a clause's text (indexes without positions) ------------------------------------ */

static void parts_of(const char *text, q_parts *out)
{
    psi_buf b = {0};
    psi_match_text(&b, text);
    for (size_t i = 0; b.data && i <= b.len;) {
        size_t end = i;
        while (end < b.len && b.data[end] != PSI_MATCH_GAP)
            end++;
        if (end > i) {
            out->v = psi_xrealloc(out->v, (out->n + 1) * sizeof *out->v);
            out->v[out->n++] = psi_xstrndup(b.data + i, end - i);
        }
        i = end + 1;
    }
    psi_buf_free(&b);
}

static void parts_free(q_parts *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
}

static bool has_parts(const char *text, size_t n, const q_parts *p)
{
    for (size_t i = 0; i < p->n; i++)
        if (!memmem(text, n, p->v[i], strlen(p->v[i])))
            return false;
    return p->n > 0;
}

/* The word is in the clause's text, or (a department's name) the clause is tagged with it. */
static bool atom_in(const q_atom *a, const char *text, size_t n)
{
    if (has_parts(text, n, &a->parts))
        return true;
    if (!a->dept)
        return false;
    if (has_parts(text, n, &a->dept_parts))
        return true;
    size_t dl = strlen(a->dept);
    for (const char *at = text; (at = memchr(at, PSI_MATCH_DEPT, n - (size_t)(at - text)));) {
        const char *end = memchr(at + 1, PSI_MATCH_DEPT, n - (size_t)(at + 1 - text));
        if (!end)
            break;
        if ((size_t)(end - at - 1) == dl && memcmp(at + 1, a->dept, dl) == 0)
            return true;
        at = end + 1;
    }
    return false;
}

static bool has_phrase(const psq_node *n)
{
    if (n->op == PSQ_PHRASE)
        return true;
    for (size_t i = 0; i < n->n_kids; i++)
        if (has_phrase(n->kids[i]))
            return true;
    return false;
}

bool psi_query_checked(const ps_query *q)
{
    for (size_t i = 0; i < q->n; i++)
        if (q->atoms[i].negated || q->atoms[i].phrase)
            return true;
    return false;
}

bool psi_query_accept(void *ctx, const char *text, size_t n)
{
    const ps_query *q = ctx;
    for (int g = 0; g < q->n_groups; g++) {
        bool positive = false, found = false;
        for (size_t i = 0; i < q->n && !found; i++)
            if (q->atoms[i].group == g && !q->atoms[i].negated) {
                positive = true;
                found = atom_in(&q->atoms[i], text, n);
            }
        if (positive && !found)
            return false;
    }
    for (size_t i = 0; i < q->n; i++)
        if (q->atoms[i].negated && atom_in(&q->atoms[i], text, n))
            return false;
    return true;
}

/* ---- Parsing ------------------------------------------------------------------------------- */

static void add_atom(ps_query *q, const char *s, size_t n, bool negated, bool join_previous)
{
    if (q->n == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 8;
        q->atoms = psi_xrealloc(q->atoms, q->cap * sizeof *q->atoms);
    }
    q_atom *a = &q->atoms[q->n++];
    a->text = psi_xstrndup(s, n);
    a->dept = ps_dept_canonical(s, n);
    a->negated = negated;
    a->phrase = false; /* set once the query is parsed (ps_query_parse) */
    a->parts = (q_parts){0};
    a->dept_parts = (q_parts){0};
    parts_of(a->text, &a->parts);
    if (a->dept)
        parts_of(a->dept, &a->dept_parts);
    a->group = (join_previous && !negated && q->n > 1) ? q->atoms[q->n - 2].group : q->n_groups++;
}

static uint32_t closing_quote(uint32_t open)
{
    switch (open) {
    case '"':
        return '"';
    case 0x201C:
        return 0x201D; /* “ ” */
    case 0x300C:
        return 0x300D; /* 「 」 */
    case 0xFF02:
        return 0xFF02; /* ＂ */
    default:
        return 0;
    }
}

enum { MAX_QUERY_BYTES = 4096, MAX_WORDS = 64 };

ps_status ps_query_parse(const char *text, ps_query **out, ps_error *err)
{
    *out = NULL;
    size_t n = strlen(text);
    if (n > MAX_QUERY_BYTES)
        return psi_fail(err, PS_ERR_QUERY, "query longer than %d bytes", MAX_QUERY_BYTES);
    if (psi_utf8_valid_prefix(text, n) != n)
        return psi_fail(err, PS_ERR_QUERY, "query is not valid UTF-8");
    ps_query *q = psi_xcalloc(1, sizeof *q);
    bool negate_next = false, or_next = false;
    for (size_t i = 0; i < n;) {
        size_t start = i;
        uint32_t cp = psi_utf8_next(text, n, &i);
        if (psi_is_space(cp) || cp < 0x20)
            continue;
        if (q->n >= MAX_WORDS) {
            ps_query_free(q);
            return psi_fail(err, PS_ERR_QUERY, "more than %d words", MAX_WORDS);
        }
        bool negated = negate_next;
        if ((cp == '-' || cp == 0xFF0D) && i < n) { /* -word */
            size_t k = i;
            uint32_t next = psi_utf8_next(text, n, &k);
            if (!psi_is_space(next)) {
                negated = true;
                start = i;
                cp = psi_utf8_next(text, n, &i);
            }
        }
        uint32_t close = closing_quote(cp);
        size_t wstart = start, wend;
        if (close) {
            wstart = i;
            for (;;) {
                if (i >= n) {
                    ps_query_free(q);
                    return psi_fail(err, PS_ERR_QUERY, "unbalanced quotes");
                }
                size_t at = i;
                if (psi_utf8_next(text, n, &i) == close) {
                    wend = at;
                    break;
                }
            }
        } else {
            for (wend = i; wend < n;) {
                size_t k = wend;
                uint32_t c = psi_utf8_next(text, n, &k);
                if (psi_is_space(c) || c < 0x20 || closing_quote(c))
                    break;
                wend = k;
            }
            i = wend;
        }
        size_t len = wend - wstart;
        if (!close && ((len == 2 && memcmp(text + wstart, "OR", 2) == 0) ||
                       (len == 1 && text[wstart] == '|'))) {
            or_next = true;
            continue;
        }
        if (!close && len == 3 && memcmp(text + wstart, "AND", 3) == 0)
            continue;
        if (!close && len == 3 && memcmp(text + wstart, "NOT", 3) == 0) {
            negate_next = true;
            continue;
        }
        if (len > 0)
            add_atom(q, text + wstart, len, negated, or_next);
        negate_next = or_next = false;
    }
    bool positive = false;
    for (size_t k = 0; k < q->n; k++) {
        q_atom *a = &q->atoms[k];
        psq_node *probe = psi_word_node("", a->text);
        if (!probe) { /* only punctuation: nothing to match */
            const char *w = a->text;
            ps_status st = psi_fail(err, PS_ERR_QUERY,
                                    "\"%.*s\" has no letters, digits or characters to search for",
                                    ps_utf8_prefix(w, 60), w);
            ps_query_free(q);
            return st;
        }
        a->phrase = has_phrase(probe);
        psq_free(probe);
        if (a->dept && strcmp(a->dept, a->text) != 0) { /* atom_node searches its name too */
            psq_node *name = psi_word_node("", a->dept);
            a->phrase |= name && has_phrase(name);
            psq_free(name);
        }
        positive |= !a->negated;
    }
    if (!positive) {
        const char *why =
            q->n ? "a query needs a word to find, not only words to exclude" : "empty query";
        ps_query_free(q);
        return psi_fail(err, PS_ERR_QUERY, "%s", why);
    }
    *out = q;
    return PS_OK;
}

void ps_query_free(ps_query *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->n; i++) {
        free(q->atoms[i].text);
        parts_free(&q->atoms[i].parts);
        parts_free(&q->atoms[i].dept_parts);
    }
    free(q->atoms);
    free(q);
}

/* Words a snippet should highlight: every positive word, and canonical department names. */
size_t psi_query_words(const ps_query *q, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < q->n && n < max; i++) {
        if (q->atoms[i].negated)
            continue;
        out[n++] = q->atoms[i].text;
        if (q->atoms[i].dept && n < max)
            out[n++] = q->atoms[i].dept;
    }
    return n;
}

/* ---- Search tree --------------------------------------------------------------------------- */

/* 'checked': clause texts are checked (psi_query_accept), which also leaves out the clauses
 * with a negated word: an index without positions cannot tell them by terms. */
static psq_node *query_tree(const ps_query *q, const char *text, bool checked)
{
    psq_node *and = psq_new(PSQ_AND);
    for (int g = 0; g < q->n_groups; g++) {
        psq_node * or = psq_new(PSQ_OR);
        for (size_t i = 0; i < q->n; i++)
            if (q->atoms[i].group == g && !q->atoms[i].negated)
                psq_add(or, atom_node(&q->atoms[i], text));
        psq_add(and, psq_collapse(or));
    }
    psq_node *main = psq_collapse(and);
    psq_node *not = psq_new(PSQ_AND_NOT);
    psq_add(not, main);
    for (size_t i = 0; i < q->n && !checked; i++)
        if (q->atoms[i].negated)
            psq_add(not, atom_node(&q->atoms[i], text));
    if (not ->n_kids == 1) {
        not ->n_kids = 0;
        psq_free(not );
        not = main;
    }

    /* Boosts: a match in the clause's headings or the document title, and all the words
     * together as one contiguous string. */
    psq_node *maybe = psq_new(PSQ_MAYBE);
    psq_add(maybe, not );
    psi_buf joined = {0};
    size_t positives = 0;
    for (size_t i = 0; i < q->n; i++) {
        if (q->atoms[i].negated)
            continue;
        psq_node *head = psi_word_node_loose(PSI_PREFIX_HEAD, q->atoms[i].text);
        if (head) {
            head->scale = 0.5;
            psq_add(maybe, head);
        }
        psi_buf_puts(&joined, q->atoms[i].text);
        positives++;
    }
    if (positives > 1) {
        psq_node *together = psi_word_node(text, joined.data);
        if (together)
            psq_add(maybe, together);
    }
    psi_buf_free(&joined);
    if (maybe->n_kids == 1) {
        maybe->n_kids = 0;
        psq_free(maybe);
        return not ;
    }
    return maybe;
}

bool psi_search_ranked(const ps_search *s)
{
    return s->query != NULL;
}

static int positive_groups(const ps_query *q)
{
    int n = 0;
    for (int g = 0; g < q->n_groups; g++)
        for (size_t i = 0; i < q->n; i++)
            if (q->atoms[i].group == g && !q->atoms[i].negated) {
                n++;
                break;
            }
    return n;
}

static psq_node *without_wholes(psq_node *main)
{
    psq_node *para = psq_new(PSQ_AND_NOT);
    psq_add(para, main);
    psq_add(para, psq_term("", PSI_TERM_WHOLE, strlen(PSI_TERM_WHOLE)));
    return para;
}

/* Paragraph records answer a search; whole-clause records join in only when several words
 * must meet in one clause, at a lower weight, so that a paragraph holding them all wins the
 * clause's one place in the results (collapse on PSI_SLOT_CLAUSE). Whole-clause text has terms
 * of its own (PSI_PREFIX_WHOLE), so a one-word search never reads their postings. */
static psq_node *scoped_query(const ps_query *q, bool checked)
{
    psq_node *para = without_wholes(query_tree(q, "", checked));
    if (positive_groups(q) < 2)
        return para;
    psq_node *whole = psq_new(PSQ_FILTER);
    psq_add(whole, query_tree(q, PSI_PREFIX_WHOLE, checked));
    psq_add(whole, psq_term("", PSI_TERM_WHOLE, strlen(PSI_TERM_WHOLE)));
    whole->scale = 0.5;
    psq_node *either = psq_new(PSQ_OR);
    psq_add(either, para);
    psq_add(either, whole);
    return either;
}

enum { MAX_LABEL_PATH = 8, LABEL_NORM = 64 };

/* A label as a citation prints it ("二、（一）", "三、13", "四、4.5 4.5.4", with " 第2段" after
 * a paragraph), split into normalized labels: the headings above first, the clause's own last.
 * A plain "13" is a path of one. Returns the count; 0 when some part is not a label. */
static size_t label_path(const char *label, char out[][LABEL_NORM], size_t max)
{
    size_t n = 0, len = strlen(label);
    const char *para = strstr(label, " 第");
    if (para && psi_ends_with(label, len, "段"))
        len = (size_t)(para - label);
    for (size_t i = 0; i < len && n < max;) {
        while (i < len && (label[i] == ' ' || label[i] == '\t'))
            i++;
        size_t end = i;
        while (end < len && label[end] != ' ' && label[end] != '\t')
            end++;
        if (end == i)
            break;
        /* "三、13" is one word of two labels: a Chinese numeral with its 、, then the rest */
        const char *dun = memmem(label + i, end - i, "、", 3);
        size_t cut = dun && dun + 3 < label + end ? (size_t)(dun - label) + 3 : end;
        if (!psi_label_norm(label + i, cut - i, out[n], LABEL_NORM) ||
            (cut < end && strncmp(out[n], "cn:", 3) != 0))
            return 0;
        n++;
        i = cut;
    }
    return n;
}

/* A listing shows each clause once: a clause of one paragraph as it is, one of several as its
 * whole record (PSI_TERM_WHOLE), never its paragraphs (PSI_TERM_PART). */
static psq_node *one_per_clause(void)
{
    psq_node *n = psq_new(PSQ_AND_NOT);
    psq_add(n, psq_new(PSQ_ALL));
    psq_add(n, psq_term("", PSI_TERM_PART, strlen(PSI_TERM_PART)));
    return n;
}

size_t psi_label_modes(const ps_search *s)
{
    char path[MAX_LABEL_PATH][LABEL_NORM];
    size_t n = s->label ? label_path(s->label, path, MAX_LABEL_PATH) : 0;
    if (n == 0)
        return 1;
    /* a path of several labels is first looked up whole (PATH_MODE), then as below */
    return (strncmp(path[n - 1], "cn:", 3) == 0 ? 4 : 2) + (n > 1);
}

psq_node *psi_search_tree(const ps_search *s, size_t label_mode, bool checked)
{
    /* a reference sits in one paragraph: cited-by lists that paragraph (one per clause) */
    bool by_paragraph = s->cited_title || s->cited_number;
    psq_node *main = s->query       ? scoped_query(s->query, checked)
                     : by_paragraph ? without_wholes(psq_new(PSQ_ALL))
                                    : one_per_clause();
    psq_node *filters = psq_new(PSQ_AND);
    if (s->depts) {
        psq_node * or = psq_new(PSQ_OR);
        for (size_t i = 0; i < s->n_depts; i++)
            psq_add(or, psq_term(s->lead_only ? PSI_PREFIX_LEAD : PSI_PREFIX_DEPT, s->depts[i],
                                 strlen(s->depts[i])));
        psq_add(filters, or->n_kids ? or : (psq_free(or), psq_new(PSQ_NONE)));
    }
    if (s->n_files > 0) {
        psq_node * or = psq_new(PSQ_OR);
        for (size_t i = 0; i < s->n_files; i++)
            psq_add(or, psq_term(PSI_PREFIX_FILE, s->files[i], strlen(s->files[i])));
        psq_add(filters, or);
    } else if (s->files) {
        psq_add(filters, psq_new(PSQ_NONE)); /* a document filter that matched no document */
    }
    if (s->cited_title || s->cited_number) {
        psq_node * or = psq_new(PSQ_OR);
        const char *keys[2] = {s->cited_title, s->cited_number};
        const char *prefixes[2] = {PSI_PREFIX_CITE, PSI_PREFIX_CITENO};
        for (int k = 0; k < 2; k++) {
            if (!keys[k] || !*keys[k])
                continue;
            char *key = ps_cite_key(keys[k]);
            psq_add(or, psq_term(prefixes[k], key, strlen(key)));
            free(key);
        }
        psq_add(filters, or->n_kids ? or : (psq_free(or), psq_new(PSQ_NONE)));
    }
    if (s->label) {
        char path[MAX_LABEL_PATH][LABEL_NORM];
        size_t n = label_path(s->label, path, MAX_LABEL_PATH);
        if (n > 1 && label_mode == 0) { /* the whole path, exactly */
            char whole[PSI_MAX_TERM_BYTES] = "";
            for (size_t k = 0, len = 0; k < n; k++)
                len += (size_t)snprintf(whole + len, sizeof whole - len, "%s%s", k ? "/" : "",
                                        path[k]);
            psq_add(filters, psq_term(PSI_PREFIX_PATH, whole, strlen(whole)));
        } else if (n > 0) {
            label_mode -= n > 1;
            /* modes: own, under (, own without cn:, under without cn:); the headings a
             * citation names above it must be above it */
            const char *own = label_mode >= 2 ? path[n - 1] + 3 : path[n - 1];
            psq_add(filters, psq_term(label_mode % 2 ? PSI_PREFIX_UNDER : PSI_PREFIX_LABEL, own,
                                      strlen(own)));
            for (size_t k = 0; k + 1 < n; k++)
                psq_add(filters, psq_term(PSI_PREFIX_UNDER, path[k], strlen(path[k])));
        } else {
            psq_add(filters, psq_new(PSQ_NONE));
        }
    }
    filters = psq_collapse(filters);
    if (s->exclude_file) {
        psq_node *not = psq_new(PSQ_AND_NOT);
        psq_add(not, main);
        psq_add(not, psq_term(PSI_PREFIX_FILE, s->exclude_file, strlen(s->exclude_file)));
        main = not ;
    }
    if (!filters)
        return main;
    psq_node *f = psq_new(PSQ_FILTER);
    psq_add(f, main);
    psq_add(f, filters);
    return f;
}
