/* search.c: running a search (ps_index_search) and the page of typed results it returns.
 * Query trees come from query.c; the shim only runs them. */
#include <stdlib.h>
#include <string.h>

#include "xapian-shim.h"

struct ps_hits {
    psi_arena *arena; /* every record, its metadata and strings */
    ps_hit *v;
    size_t n, cap;
    size_t total;
    bool total_exact;
    const char **partial; /* the shards left out of this answer (PS_OPEN_PARTIAL) */
    size_t n_partial;
};

/* Matches a ranked search checks before estimating the rest. With none checked, Xapian's
 * estimate of a phrase's matches was 13x too low on the N=200 benchmark corpus (30 for 400);
 * 200 brought it within 25% for 15% more time at p50; counting every match checks the
 * positions of each (ten times slower on a large index). Listings are boolean: their count
 * stays exact. */
enum { RANKED_CHECK = 200 };
/* An estimate this small is replaced by the exact count ("about 20" for 13 read as a lie);
 * counting checks every match, which for so few costs little. */
enum { EXACT_BELOW = 100 };

ps_hits *psi_hits_new(void)
{
    ps_hits *h = psi_xcalloc(1, sizeof *h);
    h->arena = psi_arena_new();
    return h;
}

ps_status psi_hits_add(ps_hits *h, const char *json, double score, const char *shared_terms,
                       ps_error *err)
{
    ps_record *r = psi_arena_alloc(h->arena, sizeof *r);
    ps_doc_meta *m = psi_arena_alloc(h->arena, sizeof *m);
    if (!psi_record_read(json, h->arena, r, m))
        return psi_fail(err, PS_ERR_DB, "index: a stored record is damaged; re-index");
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 16;
        h->v = psi_xrealloc(h->v, h->cap * sizeof *h->v);
    }
    h->v[h->n++] =
        (ps_hit){r, m, score, shared_terms ? psi_arena_strdup(h->arena, shared_terms) : NULL};
    return PS_OK;
}

void psi_hits_set_shared(ps_hits *h, size_t i, const char *shared_terms)
{
    h->v[i].shared_terms = psi_arena_strdup(h->arena, shared_terms);
}

void psi_hits_note_missing(ps_hits *h, const ps_index *ix)
{
    h->n_partial = ps_index_missing_count(ix);
    h->partial = psi_arena_alloc(h->arena, (h->n_partial + 1) * sizeof *h->partial);
    for (size_t i = 0; i < h->n_partial; i++)
        h->partial[i] = psi_arena_strdup(h->arena, ps_index_missing(ix, i, NULL));
}

size_t psi_hits_partial_count(const ps_hits *h)
{
    return h->n_partial;
}

const char *psi_hits_partial(const ps_hits *h, size_t i)
{
    return h->partial[i];
}

void psi_hits_set_total(ps_hits *h, size_t total, bool exact)
{
    h->total = total;
    h->total_exact = exact;
}

size_t ps_hits_count(const ps_hits *h)
{
    return h->n;
}

size_t ps_hits_total(const ps_hits *h)
{
    return h->total;
}

int ps_hits_total_exact(const ps_hits *h)
{
    return h->total_exact;
}

const ps_hit *ps_hits_get(const ps_hits *h, size_t i)
{
    return i < h->n ? &h->v[i] : NULL;
}

void ps_hits_free(ps_hits *h)
{
    if (!h)
        return;
    psi_arena_free(h->arena);
    free(h->v);
    free(h);
}

ps_status psi_query(ps_index *ix, const psq_node *tree, const psx_run *how, psx_page *out,
                    ps_error *err)
{
    psx_run run = *how;
    run.phrases_as_and = ix->verify;
    return psx_query(ix->db, tree, &run, out, err);
}

/* One page of the tree's matches as typed hits. */
static ps_status run_page(ps_index *ix, const psq_node *tree, const psx_run *how, ps_hits **out,
                          ps_error *err)
{
    psx_page page;
    ps_status st = psi_query(ix, tree, how, &page, err);
    if (st != PS_OK)
        return st;
    ps_hits *h = psi_hits_new();
    psi_hits_note_missing(h, ix);
    psi_hits_set_total(h, page.total, page.total_exact);
    for (size_t i = 0; i < page.n && st == PS_OK; i++)
        st = psi_hits_add(h, page.v[i].data, how->ranked ? page.v[i].weight : 0, NULL, err);
    psx_page_free(&page);
    if (st != PS_OK) {
        ps_hits_free(h);
        return st;
    }
    *out = h;
    return PS_OK;
}

/* Replaces the page's estimated total with the exact number of clauses: with collapsing,
 * Xapian's bounds stay apart even when it checks every match, so the clauses are counted as
 * a page of at most EXACT_BELOW (without reading their records). */
static ps_status count_exactly(ps_index *ix, const psq_node *tree, const psx_run *how, ps_hits *h,
                               ps_error *err)
{
    psx_run all = *how;
    all.offset = 0;
    all.limit = EXACT_BELOW + 1;
    all.check = 0;
    all.no_data = true;
    psx_page page;
    ps_status st = psi_query(ix, tree, &all, &page, err);
    if (st == PS_OK && page.n <= EXACT_BELOW)
        psi_hits_set_total(h, page.n, true);
    psx_page_free(&page);
    return st;
}

ps_status ps_index_search(ps_index *ix, const ps_search *s, ps_hits **out, ps_error *err)
{
    *out = NULL;
    bool ranked = psi_search_ranked(s);
    /* one result per clause: its best paragraph, or the one a listing finds first */
    psx_run how = {.offset = s->offset,
                   .limit = s->limit,
                   .check = ranked ? RANKED_CHECK + s->offset : 0,
                   .ranked = ranked,
                   .collapse_slot = PSI_SLOT_CLAUSE,
                   .sort_slot = PSI_SLOT_ORDER};
    /* An index without positions matches a phrase by its terms: its clauses' texts are checked
     * for the words themselves (and for negated words, which terms cannot rule out). */
    bool checked = ix->verify && s->query && psi_query_checked(s->query);
    if (checked) {
        how.accept = psi_query_accept;
        how.accept_ctx = (void *)s->query;
        how.accept_slot = PSI_SLOT_MATCH;
    }
    /* A label is read in turn as each kind of label it can be, until one finds clauses. */
    size_t modes = psi_label_modes(s);
    for (size_t mode = 0;; mode++) {
        psq_node *tree = psi_search_tree(s, mode, checked);
        ps_hits *h = NULL;
        ps_status st = run_page(ix, tree, &how, &h, err);
        if (st != PS_OK) {
            psq_free(tree);
            return st;
        }
        if (h->total > 0 && !h->total_exact && h->total <= EXACT_BELOW)
            st = count_exactly(ix, tree, &how, h, err);
        if (st != PS_OK) {
            ps_hits_free(h);
            psq_free(tree);
            return st;
        }
        if (h->total > 0 || mode + 1 >= modes) {
            psq_free(tree);
            *out = h;
            return PS_OK;
        }
        ps_hits_free(h);
        psq_free(tree);
    }
}

ps_status ps_index_get(ps_index *ix, const char *id, ps_hits **out, ps_error *err)
{
    *out = NULL;
    char *term = psi_id_term(id);
    psq_node *tree = psq_term("", term, strlen(term));
    free(term);
    psx_run how = {.offset = 0, .limit = 1, .collapse_slot = -1, .sort_slot = PSI_SLOT_ORDER};
    ps_hits *h = NULL;
    ps_status st = run_page(ix, tree, &how, &h, err);
    psq_free(tree);
    if (st == PS_OK && h->n == 0)
        st = psi_fail(err, PS_ERR_NOT_FOUND, "%s: no clause with this id", id);
    if (st != PS_OK) {
        ps_hits_free(h);
        return st;
    }
    *out = h;
    return PS_OK;
}
