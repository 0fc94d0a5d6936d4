/* qnode.c: query tree nodes (built in C, turned into Xapian::Query by the shim), and one
 * word as the terms the tokenizer gave its text: a phrase of bigrams and Latin words at
 * consecutive positions, as the index holds them (see tokenize.c). */
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

/* ---- Tree helpers -------------------------------------------------------------------------- */

psq_node *psq_new(psq_op op)
{
    psq_node *n = psi_xcalloc(1, sizeof *n);
    n->op = op;
    n->scale = 1.0;
    return n;
}

psq_node *psq_term(const char *prefix, const char *term, size_t n_bytes)
{
    psq_node *n = psq_new(PSQ_TERM);
    size_t pl = strlen(prefix);
    if (n_bytes > PSI_MAX_TERM_BYTES) /* cut where psi_terms_add cuts */
        n_bytes = PSI_MAX_TERM_BYTES;
    n->term = psi_xmalloc(pl + n_bytes + 1);
    memcpy(n->term, prefix, pl);
    memcpy(n->term + pl, term, n_bytes);
    n->term[pl + n_bytes] = '\0';
    return n;
}

void psq_add(psq_node *parent, psq_node *kid)
{
    if (!kid)
        return;
    parent->kids = psi_xrealloc(parent->kids, (parent->n_kids + 1) * sizeof *parent->kids);
    parent->kids[parent->n_kids++] = kid;
}

void psq_free(psq_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n_kids; i++)
        psq_free(n->kids[i]);
    free(n->kids);
    free(n->term);
    free(n);
}

/* A node with one kid is that kid; with none, NULL. */
psq_node *psq_collapse(psq_node *n)
{
    if (n->n_kids == 1 && (n->op == PSQ_AND || n->op == PSQ_OR)) {
        psq_node *k = n->kids[0];
        n->n_kids = 0;
        psq_free(n);
        return k;
    }
    if (n->n_kids == 0 && (n->op == PSQ_AND || n->op == PSQ_OR)) {
        psq_free(n);
        return NULL;
    }
    return n;
}

/* ---- Words -> phrases ---------------------------------------------------------------------- */

typedef struct tok {
    char term[208];
    unsigned pos;
    psi_term_kind kind;
} tok;

typedef struct toks {
    tok *v;
    size_t n, cap;
} toks;

static void collect(void *ctx, const char *term, size_t n_bytes, unsigned pos, psi_term_kind kind)
{
    toks *t = ctx;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->v = psi_xrealloc(t->v, t->cap * sizeof *t->v);
    }
    if (n_bytes >= sizeof t->v[0].term)
        n_bytes = sizeof t->v[0].term - 1;
    memcpy(t->v[t->n].term, term, n_bytes);
    t->v[t->n].term[n_bytes] = '\0';
    t->v[t->n].pos = pos;
    t->v[t->n].kind = kind;
    t->n++;
}

static const tok *find_tok(const toks *t, unsigned pos, psi_term_kind kind)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].pos == pos && t->v[i].kind == kind)
            return &t->v[i];
    return NULL;
}

static bool any_at(const toks *t, unsigned pos)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].pos == pos)
            return true;
    return false;
}

/* The terms of one word, as an AND of phrases (one per punctuation-free part), or NULL when
 * the word has nothing to search for. Bigrams cover CJK runs; a unigram stands for a lone
 * character, or for the last character of a run when a Latin word follows it ("科创G60"). */
static psq_node *word_node(const char *prefix, const char *text, bool positional);

psq_node *psi_word_node(const char *prefix, const char *text)
{
    return word_node(prefix, text, true);
}

psq_node *psi_word_node_loose(const char *prefix, const char *text)
{
    return word_node(prefix, text, false);
}

/* Ends a part of a word: its phrase, its one term, or for a lone CJK character (which the
 * index holds as a unigram only where no bigram starts: tokenize.c) every term it starts. */
static void end_part(psq_node *and, psq_node *phrase, psi_term_kind last_kind)
{
    if (!phrase)
        return;
    if (phrase->n_kids == 1) {
        psq_node *only = phrase->kids[0];
        phrase->n_kids = 0;
        psq_free(phrase);
        if (last_kind == PSI_TERM_UNI)
            only->op = PSQ_PREFIX;
        psq_add(and, only);
        return;
    }
    psq_add(and, phrase);
}

static psq_node *word_node(const char *prefix, const char *text, bool positional)
{
    psi_norm nm = {0};
    psi_normalize(text, strlen(text), &nm, NULL);
    toks t = {0};
    unsigned last = psi_tokenize(&nm, 0, nm.n, 1, collect, &t);
    psi_norm_free(&nm);
    psq_node *and = psq_new(PSQ_AND);
    psq_node *phrase = NULL;
    psi_term_kind kind = PSI_TERM_BI;
    unsigned prev = 0;
    for (unsigned p = 1; p <= last; p++) {
        const tok *pick = find_tok(&t, p, PSI_TERM_BI);
        if (!pick)
            pick = find_tok(&t, p, PSI_TERM_WORD);
        if (!pick) {
            const tok *uni = find_tok(&t, p, PSI_TERM_UNI);
            if (!uni)
                uni = find_tok(&t, p, PSI_TERM_UNI_EDGE);
            bool covered = p > 1 && find_tok(&t, p - 1, PSI_TERM_BI);
            if (uni && (!covered || any_at(&t, p + 1)))
                pick = uni;
        }
        if (!pick)
            continue;
        if (phrase && pick->pos != prev + 1) { /* a gap: punctuation between parts */
            end_part(and, phrase, kind);
            phrase = NULL;
        }
        if (!phrase)
            phrase = psq_new(positional ? PSQ_PHRASE : PSQ_AND);
        psq_add(phrase, psq_term(prefix, pick->term, strlen(pick->term)));
        prev = pick->pos;
        kind = pick->kind;
    }
    end_part(and, phrase, kind);
    free(t.v);
    return psq_collapse(and);
}
