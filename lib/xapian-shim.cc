/* xapian-shim.cc: the only C++ file, the binding declared in xapian-shim.h. Each entry catches
 * every exception and maps it to a ps_status (see notmuch's lib/query.cc); objects live in
 * std::unique_ptr until handed to C, so no error path leaks. */
#include <xapian.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "xapian-shim.h"

struct psx_db {
    std::unique_ptr<Xapian::Database> db;    /* the reader; the writer itself when writable */
    Xapian::WritableDatabase *wdb = nullptr; /* == db.get() when writable, else NULL */
};

static ps_status fail(ps_error *err, ps_status code, const char *what, const std::string &detail)
{
    if (err) {
        err->code = code;
        snprintf(err->msg, sizeof err->msg, "%s: %s", what, detail.c_str());
    }
    return code;
}

/* The status of the exception being handled. */
static ps_status map_exception(ps_error *err, const char *what)
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return fail(err, PS_ERR_DB_LOCKED, what, e.get_msg());
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return fail(err, PS_ERR_NOT_FOUND, what, e.get_msg());
    } catch (const Xapian::DatabaseOpeningError &e) {
        return fail(err, PS_ERR_DB, what, "not a readable index (" + e.get_msg() + ")");
    } catch (const Xapian::Error &e) {
        return fail(err, PS_ERR_DB, what, e.get_description());
    } catch (const std::bad_alloc &) {
        return fail(err, PS_ERR_NOMEM, what, "out of memory");
    } catch (...) {
        return fail(err, PS_ERR_INTERNAL, what, "unexpected C++ exception");
    }
}

extern "C" ps_status psx_open(const char *path, bool writable, psx_db **out, ps_error *err)
{
    *out = nullptr;
    try {
        auto h = std::make_unique<psx_db>();
        if (writable) {
            auto w = std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_CREATE_OR_OPEN);
            w->begin_transaction(true); /* a crash leaves the last committed state */
            h->wdb = w.get();
            h->db = std::move(w);
        } else {
            h->db = std::make_unique<Xapian::Database>(path);
        }
        *out = h.release();
        return PS_OK;
    } catch (...) {
        return map_exception(err, path);
    }
}

extern "C" void psx_close(psx_db *h)
{
    if (!h)
        return;
    try {
        if (h->wdb) {
            h->wdb->cancel_transaction();
            h->wdb->close();
        }
    } catch (...) {
        /* closing discards what was not committed; there is nothing left to report */
    }
    delete h;
}

extern "C" ps_status psx_reopen(psx_db *h, ps_error *err)
{
    try {
        h->db->reopen();
        return PS_OK;
    } catch (...) {
        return map_exception(err, "reopen");
    }
}

extern "C" ps_status psx_commit(psx_db *h, ps_error *err)
{
    try {
        h->wdb->commit_transaction();
        h->wdb->begin_transaction(true);
        return PS_OK;
    } catch (...) {
        return map_exception(err, "commit");
    }
}

extern "C" ps_status psx_doccount(psx_db *h, size_t *out, ps_error *err)
{
    *out = 0;
    try {
        *out = h->db->get_doccount();
        return PS_OK;
    } catch (...) {
        return map_exception(err, "count");
    }
}

extern "C" ps_status psx_replace(psx_db *h, const char *id_term, const char *data,
                                 const psi_terms *terms, const char *const values[PSX_SLOTS],
                                 ps_error *err)
{
    try {
        Xapian::Document d;
        d.set_data(data);
        for (size_t k = 0; k < terms->n; k++) {
            const psi_posting &p = terms->v[k];
            if (p.pos == PSI_POS_BOOLEAN)
                d.add_boolean_term(p.term);
            else if (p.pos == PSI_POS_NONE)
                d.add_term(p.term);
            else
                d.add_posting(p.term, p.pos);
        }
        for (unsigned s = 0; values && s < PSX_SLOTS; s++)
            if (values[s])
                d.add_value(s, values[s]);
        h->wdb->replace_document(id_term, d);
        return PS_OK;
    } catch (...) {
        return map_exception(err, "add");
    }
}

extern "C" ps_status psx_delete(psx_db *h, const char *term, ps_error *err)
{
    try {
        h->wdb->delete_document(std::string(term));
        return PS_OK;
    } catch (...) {
        return map_exception(err, "delete");
    }
}

extern "C" ps_status psx_meta_get(psx_db *h, const char *key, char **out, ps_error *err)
{
    *out = nullptr;
    try {
        std::string v = h->db->get_metadata(key);
        *out = strdup(v.c_str());
        return *out ? PS_OK : fail(err, PS_ERR_NOMEM, key, "out of memory");
    } catch (...) {
        return map_exception(err, key);
    }
}

extern "C" ps_status psx_meta_set(psx_db *h, const char *key, const char *value, ps_error *err)
{
    try {
        h->wdb->set_metadata(key, value);
        return PS_OK;
    } catch (...) {
        return map_exception(err, key);
    }
}

extern "C" ps_status psx_meta_each(psx_db *h, const char *prefix,
                                   void (*fn)(void *, const char *, const char *), void *ctx,
                                   ps_error *err)
{
    try {
        std::vector<std::pair<std::string, std::string>> kv; /* read all before calling out */
        for (Xapian::TermIterator k = h->db->metadata_keys_begin(prefix);
             k != h->db->metadata_keys_end(prefix); ++k)
            kv.emplace_back(*k, h->db->get_metadata(*k));
        for (const auto &e : kv)
            fn(ctx, e.first.c_str(), e.second.c_str());
        return PS_OK;
    } catch (...) {
        return map_exception(err, prefix);
    }
}

extern "C" ps_status psx_terms_each(psx_db *h, const char *prefix,
                                    void (*fn)(void *, const char *, size_t), void *ctx,
                                    ps_error *err)
{
    try {
        std::vector<std::pair<std::string, size_t>> terms;
        size_t skip = strlen(prefix);
        for (Xapian::TermIterator t = h->db->allterms_begin(prefix);
             t != h->db->allterms_end(prefix); ++t)
            terms.emplace_back((*t).substr(skip), t.get_termfreq());
        for (const auto &t : terms)
            fn(ctx, t.first.c_str(), t.second);
        return PS_OK;
    } catch (...) {
        return map_exception(err, prefix);
    }
}

static Xapian::Query build(const psq_node *n)
{
    std::vector<Xapian::Query> kids;
    for (size_t i = 0; i < n->n_kids; i++)
        kids.push_back(build(n->kids[i]));
    Xapian::Query q;
    switch (n->op) {
    case PSQ_TERM:
        q = Xapian::Query(n->term);
        break;
    case PSQ_PHRASE:
        q = Xapian::Query(Xapian::Query::OP_PHRASE, kids.begin(), kids.end(), kids.size());
        break;
    case PSQ_AND:
        q = Xapian::Query(Xapian::Query::OP_AND, kids.begin(), kids.end());
        break;
    case PSQ_OR:
        q = Xapian::Query(Xapian::Query::OP_OR, kids.begin(), kids.end());
        break;
    case PSQ_AND_NOT: {
        Xapian::Query rest(Xapian::Query::OP_OR, kids.begin() + 1, kids.end());
        q = Xapian::Query(Xapian::Query::OP_AND_NOT, kids[0], rest);
        break;
    }
    case PSQ_MAYBE: {
        Xapian::Query rest(Xapian::Query::OP_OR, kids.begin() + 1, kids.end());
        q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, kids[0], rest);
        break;
    }
    case PSQ_FILTER:
        q = Xapian::Query(Xapian::Query::OP_FILTER, kids[0], kids[1]);
        break;
    case PSQ_ALL: /* not Query::MatchAll: a static shared by all threads, whose reference
                     count is not atomic (ThreadSanitizer saw the race) */
        q = Xapian::Query(std::string());
        break;
    case PSQ_NONE:
        q = Xapian::Query();
        break;
    }
    if (n->scale != 1.0)
        q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, n->scale);
    return q;
}

static void page_fill(Xapian::Database &db, const Xapian::Query &query, const psx_run *how,
                      std::vector<std::pair<std::string, double>> &got, psx_page *out)
{
    Xapian::Enquire enq(db);
    enq.set_query(query);
    if (how->ranked) {
        enq.set_sort_by_relevance_then_value(how->sort_slot, false);
    } else {
        enq.set_weighting_scheme(Xapian::BoolWeight());
        enq.set_sort_by_value(how->sort_slot, false);
    }
    if (how->collapse_slot >= 0)
        enq.set_collapse_key(how->collapse_slot);
    Xapian::doccount check = how->check ? how->check : db.get_doccount();
    Xapian::MSet mset = enq.get_mset(how->offset, how->limit, check);
    got.clear();
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
        got.emplace_back(how->no_data ? std::string() : it.get_document().get_data(),
                         it.get_weight());
    out->total = mset.get_matches_estimated();
    out->total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
}

extern "C" ps_status psx_query(psx_db *h, const psq_node *tree, const psx_run *how, psx_page *out,
                               ps_error *err)
{
    enum { REOPEN_TRIES = 5 };
    memset(out, 0, sizeof *out);
    try {
        Xapian::Query query = build(tree);
        std::vector<std::pair<std::string, double>> got;
        for (int attempt = 0;; attempt++) {
            try {
                page_fill(*h->db, query, how, got, out);
                break;
            } catch (const Xapian::DatabaseModifiedError &) {
                if (attempt >= REOPEN_TRIES)
                    return fail(err, PS_ERR_DB, "search", "index kept changing; try again");
                h->db->reopen(); /* a writer committed: read its last committed state */
            }
        }
        out->v = static_cast<psx_match *>(calloc(got.size() + 1, sizeof *out->v));
        if (!out->v)
            throw std::bad_alloc();
        for (const auto &g : got) {
            char *data = strdup(g.first.c_str());
            if (!data) {
                psx_page_free(out);
                throw std::bad_alloc();
            }
            out->v[out->n++] = {data, g.second};
        }
        return PS_OK;
    } catch (...) {
        return map_exception(err, "search");
    }
}

extern "C" void psx_page_free(psx_page *p)
{
    for (size_t i = 0; p->v && i < p->n; i++)
        free(p->v[i].data);
    free(p->v);
    memset(p, 0, sizeof *p);
}

extern "C" ps_status psx_spelling_add(psx_db *h, const char *word, unsigned freq, ps_error *err)
{
    try {
        h->wdb->add_spelling(word, freq);
        return PS_OK;
    } catch (...) {
        return map_exception(err, "spelling");
    }
}

extern "C" ps_status psx_spelling_remove(psx_db *h, const char *word, unsigned freq, ps_error *err)
{
    try {
        h->wdb->remove_spelling(word, freq);
        return PS_OK;
    } catch (...) {
        return map_exception(err, "spelling");
    }
}

extern "C" ps_status psx_spelling_suggest(psx_db *h, const char *word, unsigned max_edit_distance,
                                          char **out, ps_error *err)
{
    enum { REOPEN_TRIES = 5 };
    *out = nullptr;
    try {
        std::string got;
        for (int attempt = 0;; attempt++) {
            try {
                got = h->db->get_spelling_suggestion(word, max_edit_distance);
                break;
            } catch (const Xapian::DatabaseModifiedError &) {
                if (attempt >= REOPEN_TRIES)
                    return fail(err, PS_ERR_DB, "spelling", "index kept changing; try again");
                h->db->reopen();
            }
        }
        *out = strdup(got.c_str());
        return *out ? PS_OK : fail(err, PS_ERR_NOMEM, "spelling", "out of memory");
    } catch (...) {
        return map_exception(err, "spelling");
    }
}

extern "C" ps_status psx_spelling_each(psx_db *h, void (*fn)(void *, const char *, size_t),
                                       void *ctx, ps_error *err)
{
    try {
        std::vector<std::pair<std::string, size_t>> words; /* read all before calling out */
        for (Xapian::TermIterator t = h->db->spellings_begin(); t != h->db->spellings_end(); ++t)
            words.emplace_back(*t, t.get_termfreq());
        for (const auto &w : words)
            fn(ctx, w.first.c_str(), w.second);
        return PS_OK;
    } catch (...) {
        return map_exception(err, "spelling");
    }
}

/* Compaction merges the parts' tables block by block, without re-inverting a document, and
 * writes them full: the result is smaller than any database built by adding documents. */
extern "C" ps_status psx_compact(const char *const *parts, size_t n_parts, const char *dest,
                                 ps_error *err)
{
    try {
        Xapian::Database all;
        for (size_t i = 0; i < n_parts; i++)
            all.add_database(Xapian::Database(parts[i]));
        all.compact(dest);
        return PS_OK;
    } catch (...) {
        return map_exception(err, dest);
    }
}
