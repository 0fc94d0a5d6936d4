/* xapian-shim.cc: the only C++ file. extern "C" entry points over libxapian, each wrapped in
 * try/catch so that no exception crosses into C (see notmuch's lib/query.cc). Terms and query
 * trees are built in C (tokenize.c, query.c); this file only hands them to Xapian. */
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "ps-private.h"

struct ps_index {
    Xapian::Database *db;          /* the reader; == wdb when writable */
    Xapian::WritableDatabase *wdb; /* NULL when read-only */
    std::string path;              /* a writer keeps its holder file here (holder.c) */
};

enum { RANKED_CHECK = 200 }; /* matches a ranked search checks before estimating the rest */

struct ps_hit {
    std::string data;
    double weight;
    std::string shared; /* related search: key terms in common */
};

struct ps_hits {
    std::vector<ps_hit> hits;
    size_t total;
    bool total_exact;
};

static ps_status fail(ps_error *err, ps_status code, const char *what, const std::string &detail)
{
    if (err) {
        err->code = code;
        snprintf(err->msg, sizeof err->msg, "%s: %s", what, detail.c_str());
    }
    return code;
}

static ps_status map_exception(ps_error *err, const char *what)
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return fail(err, PS_ERR_DB_LOCKED, what, e.get_msg());
    } catch (const Xapian::QueryParserError &e) {
        return fail(err, PS_ERR_QUERY, what, e.get_msg());
    } catch (const Xapian::Error &e) {
        return fail(err, PS_ERR_DB, what, e.get_description());
    } catch (const std::bad_alloc &) {
        return fail(err, PS_ERR_NOMEM, what, "out of memory");
    } catch (...) {
        return fail(err, PS_ERR_INTERNAL, what, "unexpected C++ exception");
    }
}

extern "C" ps_status ps_index_open(const char *path, unsigned flags, ps_index **out, ps_error *err)
{
    *out = nullptr;
    try {
        ps_index *ix = new ps_index{nullptr, nullptr, path};
        if (flags & PS_OPEN_WRITE) {
            /* Xapian buffers changes in memory and slows down as the buffer grows (it holds
             * every position of every bigram): flushing every 200 documents measured 6x faster
             * than the default 10000 on the corpus, with a tenth of the memory. Inside the run's
             * transaction a flush writes blocks but commits nothing. */
            setenv("XAPIAN_FLUSH_THRESHOLD", "200", 0);
            try {
                ix->wdb = new Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
            } catch (const Xapian::DatabaseLockError &e) {
                delete ix;
                char holder[256];
                return fail(err, PS_ERR_DB_LOCKED, path,
                            "another indexer is writing to it" +
                                (ps_holder_read(path, holder, sizeof holder)
                                     ? " (" + std::string(holder) + ")"
                                     : std::string("")));
            }
            ix->db = ix->wdb;
            /* The whole run is one transaction: a crash leaves the last committed state. */
            ix->wdb->begin_transaction(true);
            ps_holder_write(path); /* a stale one (holder killed) is overwritten */
        } else {
            struct stat st;
            if (stat(path, &st) != 0) {
                delete ix;
                return fail(err, PS_ERR_NOT_FOUND, path, "no index here");
            }
            ix->db = new Xapian::Database(path);
        }
        *out = ix;
        return PS_OK;
    } catch (...) {
        return map_exception(err, path);
    }
}

extern "C" void ps_index_close(ps_index *ix)
{
    if (!ix)
        return;
    try {
        if (ix->wdb) {
            ix->wdb->cancel_transaction(); /* what was not committed is discarded */
            ps_holder_remove(ix->path.c_str());
            ix->wdb->close();
        }
    } catch (...) {
    }
    delete ix->db;
    delete ix;
}

extern "C" ps_file_state ps_index_file_state(ps_index *ix, const char *file,
                                             unsigned long long hash)
{
    try {
        char hex[32];
        snprintf(hex, sizeof hex, "%016llx", hash);
        std::string stored = ix->db->get_metadata(std::string("hash:") + file);
        return stored.empty() ? PS_FILE_NEW : stored == hex ? PS_FILE_SAME : PS_FILE_CHANGED;
    } catch (...) {
        return PS_FILE_NEW;
    }
}

extern "C" ps_status ps_index_remove_file(ps_index *ix, const char *file, ps_error *err)
{
    try {
        ix->wdb->delete_document(std::string(PSI_PREFIX_FILE) + file);
        for (const char *k : {"doc:", "hash:", "root:"})
            ix->wdb->set_metadata(k + std::string(file), "");
        return PS_OK;
    } catch (...) {
        return map_exception(err, file);
    }
}

extern "C" ps_status ps_index_each_file_under(ps_index *ix, const char *root,
                                              void (*fn)(void *, const char *), void *ctx,
                                              ps_error *err)
{
    try {
        std::vector<std::string> files;
        for (Xapian::TermIterator k = ix->db->metadata_keys_begin("root:");
             k != ix->db->metadata_keys_end("root:"); ++k)
            if (ix->db->get_metadata(*k) == root)
                files.push_back((*k).substr(5));
        for (const std::string &f : files)
            fn(ctx, f.c_str());
        return PS_OK;
    } catch (...) {
        return map_exception(err, "files");
    }
}

/* One Xapian document per record: the JSON as data, terms with positions, order values. */
static void add_record(Xapian::WritableDatabase &db, const ps_doc *doc, const ps_record *r,
                       bool whole)
{
    const ps_doc_meta *m = ps_doc_get_meta(doc);
    Xapian::Document d;
    char *json = psi_record_json(doc, r);
    if (!json)
        throw std::bad_alloc();
    d.set_data(json);
    free(json);
    psi_terms terms = {nullptr, 0, 0};
    psi_record_terms(doc, r, whole, &terms);
    std::string id_term = terms.v[0].term; /* psi_record_terms puts the id first */
    for (size_t k = 0; k < terms.n; k++) {
        if (terms.v[k].pos == PSI_POS_BOOLEAN)
            d.add_boolean_term(terms.v[k].term);
        else if (terms.v[k].pos == PSI_POS_NONE)
            d.add_term(terms.v[k].term);
        else
            d.add_posting(terms.v[k].term, terms.v[k].pos);
    }
    psi_terms_free(&terms);
    if (whole)
        d.add_boolean_term(PSI_TERM_WHOLE);
    char *order = psi_order_key(doc, r);
    d.add_value(PSI_SLOT_ORDER, order);
    free(order);
    if (m->date)
        d.add_value(PSI_SLOT_DATE, m->date);
    std::string clause = r->id;
    if (r->part > 0 && r->parts > 1)
        clause.erase(clause.rfind('/'));
    d.add_value(PSI_SLOT_CLAUSE, clause);
    db.replace_document(id_term, d);
}

extern "C" ps_status ps_index_put_doc(ps_index *ix, const ps_doc *doc, unsigned long long hash,
                                      const char *root, ps_error *err)
{
    const ps_doc_meta *m = ps_doc_get_meta(doc);
    try {
        Xapian::WritableDatabase &db = *ix->wdb;
        db.delete_document(std::string(PSI_PREFIX_FILE) + m->file);
        for (size_t i = 0; i < doc->n_records; i++)
            add_record(db, doc, &doc->records[i], false);
        for (size_t i = 0; i < doc->n_wholes; i++)
            add_record(db, doc, &doc->wholes[i], true);
        char *meta = psi_doc_meta_json(doc);
        db.set_metadata(std::string("doc:") + m->file, meta ? meta : "{}");
        free(meta);
        char hex[32];
        snprintf(hex, sizeof hex, "%016llx", hash);
        db.set_metadata(std::string("hash:") + m->file, hex);
        db.set_metadata(std::string("root:") + m->file, root ? root : "");
        return PS_OK;
    } catch (...) {
        return map_exception(err, m->source);
    }
}

extern "C" ps_status ps_index_commit(ps_index *ix, ps_error *err)
{
    try {
        ix->wdb->commit_transaction();
        ix->wdb->begin_transaction(true);
        return PS_OK;
    } catch (...) {
        return map_exception(err, "commit");
    }
}

/* Compaction merges the parts' tables block by block, without re-inverting a document, and
 * writes them full: the result is smaller than any database built by adding documents. */
extern "C" ps_status ps_index_merge(const char *const *parts, size_t n_parts, const char *dest,
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
    case PSQ_ALL:
        q = Xapian::Query::MatchAll;
        break;
    case PSQ_NONE:
        q = Xapian::Query::MatchNothing;
        break;
    }
    if (n->scale != 1.0)
        q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, n->scale);
    return q;
}

extern "C" ps_status ps_index_search(ps_index *ix, const ps_search *s, ps_hits **out, ps_error *err)
{
    *out = nullptr;
    ps_status st = PS_OK;
    size_t mode = 0, modes = psi_label_modes(s);
    psq_node *tree = psi_search_tree(s, mode);
    /* A writer may commit while we read: reopen on the last committed state and retry. */
    for (int attempt = 0;; attempt++) {
        try {
            Xapian::Enquire enq(*ix->db);
            enq.set_query(build(tree));
            if (psi_search_ranked(s)) {
                enq.set_sort_by_relevance_then_value(PSI_SLOT_ORDER, false);
                enq.set_collapse_key(PSI_SLOT_CLAUSE);
            } else {
                enq.set_weighting_scheme(Xapian::BoolWeight());
                enq.set_sort_by_value(PSI_SLOT_ORDER, false);
            }
            /* Ranked: Xapian checks at least RANKED_CHECK matches, then estimates the total.
             * With none checked its estimate of a phrase's matches was 13x too low on the
             * N=200 benchmark corpus (30 for 400); 200 brought it within 25% for 15% more
             * time at p50; counting every match checks the positions of each (ten times
             * slower on a large index). Listings are boolean: their count stays exact. */
            Xapian::doccount check =
                psi_search_ranked(s) ? RANKED_CHECK + s->offset : ix->db->get_doccount();
            Xapian::MSet mset = enq.get_mset(s->offset, s->limit, check);
            ps_hits *h = new ps_hits;
            for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
                h->hits.push_back({it.get_document().get_data(), it.get_weight(), ""});
            h->total = mset.get_matches_estimated();
            h->total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
            if (h->total == 0 && mode + 1 < modes) { /* next way of reading the label */
                delete h;
                psq_free(tree);
                tree = psi_search_tree(s, ++mode);
                continue;
            }
            *out = h;
            break;
        } catch (const Xapian::DatabaseModifiedError &) {
            if (attempt >= 5) {
                st = fail(err, PS_ERR_DB, "search", "index kept changing; try again");
                break;
            }
            try {
                ix->db->reopen();
            } catch (...) {
                st = map_exception(err, "search");
                break;
            }
        } catch (...) {
            st = map_exception(err, "search");
            break;
        }
    }
    psq_free(tree);
    return st;
}

extern "C" size_t ps_hits_count(const ps_hits *h)
{
    return h->hits.size();
}

extern "C" size_t ps_hits_total(const ps_hits *h)
{
    return h->total;
}

extern "C" int ps_hits_total_exact(const ps_hits *h)
{
    return h->total_exact;
}

extern "C" const char *ps_hits_record_json(const ps_hits *h, size_t i)
{
    return h->hits[i].data.c_str();
}

extern "C" double ps_hits_score(const ps_hits *h, size_t i)
{
    return h->hits[i].weight;
}

extern "C" const char *ps_hits_shared_terms(const ps_hits *h, size_t i)
{
    return h->hits[i].shared.empty() ? nullptr : h->hits[i].shared.c_str();
}

extern "C" void ps_hits_free(ps_hits *h)
{
    delete h;
}

extern "C" ps_status ps_index_each_doc(ps_index *ix, void (*fn)(void *, const char *), void *ctx,
                                       ps_error *err)
{
    try {
        std::vector<std::string> metas;
        for (Xapian::TermIterator k = ix->db->metadata_keys_begin("doc:");
             k != ix->db->metadata_keys_end("doc:"); ++k)
            metas.push_back(ix->db->get_metadata(*k));
        for (const std::string &m : metas)
            fn(ctx, m.c_str());
        return PS_OK;
    } catch (...) {
        return map_exception(err, "documents");
    }
}

/* Every term with 'prefix', without it, and how many records hold it, in term order. */
static std::vector<std::pair<std::string, size_t>> terms_with_prefix(ps_index *ix,
                                                                     const std::string &prefix)
{
    std::vector<std::pair<std::string, size_t>> terms;
    for (Xapian::TermIterator t = ix->db->allterms_begin(prefix); t != ix->db->allterms_end(prefix);
         ++t)
        terms.push_back({(*t).substr(prefix.size()), t.get_termfreq()});
    return terms;
}

extern "C" ps_status ps_index_each_dept(ps_index *ix, void (*fn)(void *, const char *, size_t),
                                        void *ctx, ps_error *err)
{
    try {
        for (const auto &d : terms_with_prefix(ix, PSI_PREFIX_DEPT))
            fn(ctx, d.first.c_str(), d.second);
        return PS_OK;
    } catch (...) {
        return map_exception(err, "departments");
    }
}

extern "C" ps_status
ps_index_each_dept_place(ps_index *ix, void (*fn)(void *, const char *, const char *, size_t),
                         void *ctx, ps_error *err)
{
    try {
        for (const auto &d : terms_with_prefix(ix, PSI_PREFIX_DEPT_PLACE)) {
            size_t sep = d.first.find(PSI_PLACE_SEP);
            if (sep != std::string::npos)
                fn(ctx, d.first.substr(0, sep).c_str(), d.first.c_str() + sep + 1, d.second);
        }
        return PS_OK;
    } catch (...) {
        return map_exception(err, "departments");
    }
}

/* Related clauses: the distinctive words of the clause (psi_key_words), weighted by how often
 * it uses them and how rare they are in the index, searched as phrases in other documents. */
extern "C" ps_status ps_index_related(ps_index *ix, const char *id, size_t limit, ps_hits **out,
                                      ps_error *err)
{
    enum { KEY_WORDS = 12, SHOWN_WORDS = 6 };
    *out = nullptr;
    char *id_term = psi_id_term(id);
    std::string qterm = id_term;
    free(id_term);
    psi_keyword *words = nullptr;
    size_t n_words = 0;
    try {
        Xapian::PostingIterator p = ix->db->postlist_begin(qterm);
        if (p == ix->db->postlist_end(qterm))
            return fail(err, PS_ERR_NOT_FOUND, id, "no clause with this id");
        Xapian::Document doc = ix->db->get_document(*p);
        std::string file;
        for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
            if ((*t).compare(0, 2, PSI_PREFIX_FILE) == 0)
                file = (*t).substr(2);
        char *text = psi_record_field(doc.get_data().c_str(), "text");
        n_words = psi_key_words(text ? text : "", &words);
        free(text);

        /* Key words: uses in the clause x inverse clause frequency; words no other clause has
         * relate it to nothing. */
        double n_docs = ix->db->get_doccount();
        Xapian::Query others(Xapian::Query::OP_OR, Xapian::Query(PSI_TERM_WHOLE),
                             Xapian::Query(PSI_PREFIX_FILE + file));
        std::vector<std::pair<double, size_t>> ranked;
        std::vector<Xapian::Query> word_queries(n_words);
        for (size_t i = 0; i < n_words; i++) {
            psq_node *node = psi_word_node("", words[i].word);
            if (!node)
                continue;
            word_queries[i] = build(node);
            psq_free(node);
            Xapian::Enquire df_enq(*ix->db);
            df_enq.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, word_queries[i], others));
            double df = df_enq.get_mset(0, 0, ix->db->get_doccount()).get_matches_estimated();
            if (df < 1)
                continue;
            ranked.push_back({words[i].count * std::log(n_docs / df), i});
        }
        std::sort(ranked.begin(), ranked.end(), std::greater<>());
        if (ranked.size() > KEY_WORDS)
            ranked.resize(KEY_WORDS);
        std::vector<Xapian::Query> parts;
        /* BM25 already weighs rarity; scale each word by how much the clause uses it. */
        for (const auto &r : ranked)
            parts.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, word_queries[r.second],
                                          words[r.second].count));
        Xapian::Enquire enq(*ix->db);
        enq.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                    Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()),
                                    others));
        enq.set_collapse_key(PSI_SLOT_CLAUSE);
        enq.set_sort_by_relevance_then_value(PSI_SLOT_ORDER, false);
        Xapian::MSet mset = enq.get_mset(0, limit);
        ps_hits *h = new ps_hits;
        h->total = mset.get_matches_estimated();
        h->total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
            std::string data = it.get_document().get_data();
            char *hit_text = psi_record_field(data.c_str(), "text");
            char *norm = ps_normalize(hit_text ? hit_text : "");
            std::string shared;
            size_t shown = 0;
            for (const auto &r : ranked) /* most telling first */
                if (shown < SHOWN_WORDS && strstr(norm, words[r.second].word))
                    shared += (shown++ ? "、" : "") + std::string(words[r.second].word);
            free(norm);
            free(hit_text);
            h->hits.push_back({data, it.get_weight(), shared});
        }
        psi_key_words_free(words, n_words);
        *out = h;
        return PS_OK;
    } catch (...) {
        psi_key_words_free(words, n_words);
        return map_exception(err, "related");
    }
}
