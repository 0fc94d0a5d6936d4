/* xapian-shim.cc: the only C++ file, the binding declared in xapian-shim.h. Each entry catches
 * every exception and maps it to a ps_status (see notmuch's lib/query.cc); objects live in
 * std::unique_ptr until handed to C, so no error path leaks. */
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "xapian-shim.h"

/* A reader's shard: opened on its own, so that its metadata can be read and its failure named. */
struct shard {
    std::string name, path, host;
    unsigned port = 0;
    Xapian::Database db;
    bool up = false;
    std::string why; /* when down */
};

struct psx_db {
    std::unique_ptr<Xapian::Database> db;    /* the reader (every shard up); the writer itself */
    Xapian::WritableDatabase *wdb = nullptr; /* == db.get() when writable, else NULL */
    std::vector<shard> shards;               /* a reader's, in the order given */
    bool partial = false;
    unsigned timeout_ms = 10000;
    time_t last_retry = 0;
    std::vector<const shard *> missing; /* the shards down, for psx_missing */
    bool spelling_changed = false;      /* a writer's, since it last published it */
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

static void open_shard(shard &s, unsigned timeout_ms)
{
    s.db = s.host.empty() ? Xapian::Database(s.path)
                          : Xapian::Remote::open(s.host, s.port, timeout_ms, timeout_ms);
    s.up = true;
    s.why.clear();
}

/* The reader over the shards that are up, and the names of those that are not. */
static void combine(psx_db *h)
{
    auto all = std::make_unique<Xapian::Database>();
    h->missing.clear();
    for (const shard &s : h->shards) {
        if (s.up)
            all->add_database(s.db);
        else
            h->missing.push_back(&s);
    }
    h->db = std::move(all);
}

static size_t shards_up(const psx_db *h)
{
    size_t n = 0;
    for (const shard &s : h->shards)
        n += s.up;
    return n;
}

/* After a network error: asks each remote shard that was up whether it still answers. Returns
 * the names of those that do not ("" when every shard answers); with 'partial' they are left
 * out from now on. */
static std::string find_dead(psx_db *h)
{
    std::string dead;
    for (shard &s : h->shards) {
        if (!s.up || s.host.empty())
            continue;
        try {
            s.db.reopen();
        } catch (const Xapian::Error &e) {
            s.up = !h->partial;
            s.why = e.get_description();
            dead += (dead.empty() ? "" : ", ") + s.name;
        }
    }
    if (!dead.empty() && h->partial)
        combine(h);
    return dead;
}

/* Runs 'body' on a reader: again at the last committed state when a writer committed
 * meanwhile, and without the shards that stopped answering when 'partial' allows it. */
template <class F> static ps_status guarded(psx_db *h, const char *what, ps_error *err, F body)
{
    enum { TRIES = 5 };
    for (int attempt = 0;; attempt++) {
        try {
            body();
            return PS_OK;
        } catch (const Xapian::DatabaseModifiedError &) {
            if (attempt >= TRIES)
                return fail(err, PS_ERR_DB, what, "index kept changing; try again");
            try {
                h->db->reopen(); /* a writer committed: read its last committed state */
            } catch (...) {
                return map_exception(err, what);
            }
        } catch (const Xapian::NetworkError &e) {
            std::string dead = h->wdb ? "" : find_dead(h);
            if (dead.empty())
                return fail(err, PS_ERR_DB, what, e.get_description());
            if (!h->partial || shards_up(h) == 0 || attempt >= TRIES)
                return fail(err, PS_ERR_DB, ("shard " + dead).c_str(),
                            e.get_msg() + (h->partial ? " (no other shard answers)"
                                                      : "; --partial answers from the others"));
        } catch (...) {
            return map_exception(err, what);
        }
    }
}

extern "C" ps_status psx_open_shards(const psi_shards *specs, bool partial, unsigned timeout_ms,
                                     psx_db **out, ps_error *err)
{
    *out = nullptr;
    try {
        auto h = std::make_unique<psx_db>();
        h->partial = partial;
        h->timeout_ms = timeout_ms;
        for (size_t i = 0; i < specs->n; i++) {
            shard s;
            s.name = specs->v[i].name;
            s.path = specs->v[i].path ? specs->v[i].path : "";
            s.host = specs->v[i].host ? specs->v[i].host : "";
            s.port = specs->v[i].port;
            try {
                open_shard(s, timeout_ms);
            } catch (const Xapian::Error &e) {
                if (specs->n == 1 && s.host.empty())
                    return map_exception(err, s.name.c_str()); /* one folder: as always */
                if (!partial)
                    return fail(err, PS_ERR_DB, ("shard " + s.name).c_str(),
                                e.get_description() + "; --partial answers from the others");
                s.why = e.get_description();
            }
            h->shards.push_back(std::move(s));
        }
        if (shards_up(h.get()) == 0)
            return fail(err, PS_ERR_DB, "index", "no shard answers: " + h->shards[0].why);
        combine(h.get());
        h->last_retry = time(nullptr);
        *out = h.release();
        return PS_OK;
    } catch (...) {
        return map_exception(err, "open");
    }
}

extern "C" size_t psx_missing_count(const psx_db *h)
{
    return h->missing.size();
}

extern "C" const char *psx_missing(const psx_db *h, size_t i, const char **why)
{
    if (why)
        *why = h->missing[i]->why.c_str();
    return h->missing[i]->name.c_str();
}

extern "C" ps_status psx_open_writer(const char *path, psx_db **out, ps_error *err)
{
    *out = nullptr;
    try {
        auto h = std::make_unique<psx_db>();
        auto w = std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_CREATE_OR_OPEN);
        w->begin_transaction(true); /* a crash leaves the last committed state */
        h->wdb = w.get();
        h->db = std::move(w);
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

/* Shards left out are tried again now and then, not on every reopen: one that hangs costs a
 * timeout each time. */
enum { RETRY_SECONDS = 10 };

extern "C" ps_status psx_reopen(psx_db *h, ps_error *err)
{
    if (h->wdb)
        return PS_OK;
    if (!h->missing.empty() && time(nullptr) - h->last_retry >= RETRY_SECONDS) {
        h->last_retry = time(nullptr);
        bool back = false;
        for (shard &s : h->shards) {
            if (s.up)
                continue;
            try {
                open_shard(s, h->timeout_ms);
                back = true;
            } catch (const Xapian::Error &e) {
                s.why = e.get_description();
            } catch (...) {
                return map_exception(err, "reopen");
            }
        }
        if (back)
            combine(h);
    }
    return guarded(h, "reopen", err, [&] { h->db->reopen(); });
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
    return guarded(h, "count", err, [&] { *out = h->db->get_doccount(); });
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

/* The databases metadata is read from: each shard of a reader (Xapian's own reader of several
 * gives the first one's only), the writer itself. */
static std::vector<Xapian::Database *> meta_sources(psx_db *h)
{
    std::vector<Xapian::Database *> v;
    if (h->wdb)
        v.push_back(h->wdb);
    for (shard &s : h->shards)
        if (s.up)
            v.push_back(&s.db);
    return v;
}

extern "C" ps_status psx_meta_get(psx_db *h, const char *key, char **out, ps_error *err)
{
    *out = nullptr;
    std::string v;
    ps_status st = guarded(h, key, err, [&] {
        v.clear();
        for (Xapian::Database *d : meta_sources(h))
            if (v.empty())
                v = d->get_metadata(key);
    });
    if (st != PS_OK)
        return st;
    *out = strdup(v.c_str());
    return *out ? PS_OK : fail(err, PS_ERR_NOMEM, key, "out of memory");
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
    std::map<std::string, std::string> kv; /* read all before calling out; the first shard wins */
    ps_status st = guarded(h, prefix, err, [&] {
        kv.clear();
        for (Xapian::Database *d : meta_sources(h))
            for (Xapian::TermIterator k = d->metadata_keys_begin(prefix);
                 k != d->metadata_keys_end(prefix); ++k)
                kv.emplace(*k, d->get_metadata(*k));
    });
    if (st == PS_OK)
        for (const auto &e : kv)
            fn(ctx, e.first.c_str(), e.second.c_str());
    return st;
}

extern "C" ps_status psx_terms_each(psx_db *h, const char *prefix,
                                    void (*fn)(void *, const char *, size_t), void *ctx,
                                    ps_error *err)
{
    std::vector<std::pair<std::string, size_t>> terms;
    size_t skip = strlen(prefix);
    ps_status st = guarded(h, prefix, err, [&] {
        terms.clear();
        for (Xapian::TermIterator t = h->db->allterms_begin(prefix);
             t != h->db->allterms_end(prefix); ++t)
            terms.emplace_back((*t).substr(skip), t.get_termfreq());
    });
    if (st == PS_OK)
        for (const auto &t : terms)
            fn(ctx, t.first.c_str(), t.second);
    return st;
}

static Xapian::Query build(const psq_node *n, bool phrases_as_and)
{
    std::vector<Xapian::Query> kids;
    for (size_t i = 0; i < n->n_kids; i++)
        kids.push_back(build(n->kids[i], phrases_as_and));
    Xapian::Query q;
    switch (n->op) {
    case PSQ_TERM:
        q = Xapian::Query(n->term);
        break;
    case PSQ_PREFIX:
        q = Xapian::Query(Xapian::Query::OP_WILDCARD, n->term, 0,
                          Xapian::Query::WILDCARD_LIMIT_ERROR, Xapian::Query::OP_SYNONYM);
        break;
    case PSQ_PHRASE:
        q = phrases_as_and
                ? Xapian::Query(Xapian::Query::OP_AND, kids.begin(), kids.end())
                : Xapian::Query(Xapian::Query::OP_PHRASE, kids.begin(), kids.end(), kids.size());
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

/* One match of a page, with what orders it. */
struct match {
    std::string data, order;
    long long rounded; /* the weight to 1e-9: what ranks, and what the page gives */
};

/* Ranked matches are reordered by their weight rounded to 1e-9, then by the sort slot. The sum
 * of a clause's term weights depends on the order Xapian adds them in, which depends on how
 * the index is split into shards: equal weights can differ in their last bits, and ties then
 * fall differently. A page of several shards is read with matches either side, as many as it
 * takes for every tie that touches the page to be whole (TIE_WINDOW at first, four times more
 * each time a tie reaches the window's edge, up to TIE_WINDOW_MAX). One database orders equal
 * weights by the sort slot itself. */
enum { TIE_WINDOW = 8, TIE_WINDOW_MAX = 4096 };

/* psx_run's accept(), as Xapian calls it. */
struct accept_decider : Xapian::MatchDecider {
    const psx_run *how;
    explicit accept_decider(const psx_run *h) : how(h)
    {
    }
    bool operator()(const Xapian::Document &d) const override
    {
        std::string v = d.get_value((Xapian::valueno)how->accept_slot);
        return how->accept(how->accept_ctx, v.data(), v.size());
    }
};

static void read_window(Xapian::Enquire &enq, const psx_run *how, size_t before, size_t after,
                        Xapian::doccount check, std::vector<match> &got, Xapian::MSet &mset)
{
    accept_decider decider(how);
    mset = enq.get_mset(how->offset - before, how->limit + before + after, check, nullptr,
                        how->accept ? &decider : nullptr);
    got.clear();
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
        match m;
        m.rounded = std::llround(it.get_weight() * 1e9);
        if (!how->no_data || how->ranked) {
            Xapian::Document d = it.get_document();
            if (!how->no_data)
                m.data = d.get_data();
            if (how->ranked)
                m.order = d.get_value(how->sort_slot);
        }
        got.push_back(std::move(m));
    }
}

static void page_fill(Xapian::Database &db, bool shards, const Xapian::Query &query,
                      const psx_run *how, std::vector<match> &got, psx_page *out)
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
    Xapian::MSet mset;
    size_t before = 0;
    /* one database orders equal weights by the sort slot itself: no window needed */
    for (size_t window = shards ? TIE_WINDOW : 0;; window *= 4) {
        before = how->ranked ? std::min<size_t>(how->offset, window) : 0;
        size_t after = how->ranked && how->limit ? window : 0;
        read_window(enq, how, before, after, check, got, mset);
        if (!how->ranked || !shards || got.size() <= before || window >= TIE_WINDOW_MAX)
            break;
        /* Xapian's order keeps equal rounded weights together: a tie at the window's edge that
         * reaches into the page may go on past the edge */
        size_t last = std::min(before + how->limit, got.size()) - 1;
        bool open_start = how->offset > before && got.front().rounded == got[before].rounded;
        bool open_end =
            got.size() == how->limit + before + after && got.back().rounded == got[last].rounded;
        if (!open_start && !open_end)
            break;
    }
    if (how->ranked) {
        std::stable_sort(got.begin(), got.end(), [](const match &x, const match &y) {
            return x.rounded != y.rounded ? x.rounded > y.rounded : x.order < y.order;
        });
        size_t from = std::min(before, got.size());
        size_t to = std::min(before + how->limit, got.size());
        got = std::vector<match>(std::make_move_iterator(got.begin() + (long)from),
                                 std::make_move_iterator(got.begin() + (long)to));
    }
    out->total = mset.get_matches_estimated();
    out->total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
}

extern "C" ps_status psx_query(psx_db *h, const psq_node *tree, const psx_run *how, psx_page *out,
                               ps_error *err)
{
    memset(out, 0, sizeof *out);
    std::vector<match> got;
    ps_status st;
    try {
        Xapian::Query query = build(tree, how->phrases_as_and);
        bool shards = h->shards.size() > 1;
        if (how->accept)
            for (const shard &s : h->shards)
                if (s.up && !s.host.empty())
                    return fail(err, PS_ERR_DB, ("shard " + s.name).c_str(),
                                "this index keeps no word positions, so its phrases are checked "
                                "on clause texts, which a remote shard cannot do; build shards "
                                "with policy-index --shards or --shard, which keep positions");
        st = guarded(h, "search", err, [&] { page_fill(*h->db, shards, query, how, got, out); });
    } catch (...) {
        return map_exception(err, "search");
    }
    if (st != PS_OK)
        return st;
    out->v = static_cast<psx_match *>(calloc(got.size() + 1, sizeof *out->v));
    if (!out->v)
        return fail(err, PS_ERR_NOMEM, "search", "out of memory");
    for (const match &g : got) {
        char *data = strdup(g.data.c_str());
        if (!data) {
            psx_page_free(out);
            return fail(err, PS_ERR_NOMEM, "search", "out of memory");
        }
        out->v[out->n++] = {data, (double)g.rounded / 1e9};
    }
    return PS_OK;
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
        h->spelling_changed = true;
        return PS_OK;
    } catch (...) {
        return map_exception(err, "spelling");
    }
}

extern "C" ps_status psx_spelling_remove(psx_db *h, const char *word, unsigned freq, ps_error *err)
{
    try {
        h->wdb->remove_spelling(word, freq);
        h->spelling_changed = true;
        return PS_OK;
    } catch (...) {
        return map_exception(err, "spelling");
    }
}

/* Spelling data travels to remote readers as metadata (Xapian's remote protocol carries none):
 * each commit writes the spelling table into this key, "WORD\tFREQ\n" per word. */
static const char *const SPELLING_KEY = "spelling";

static void spellings_of(Xapian::Database &d, std::map<std::string, size_t> &words)
{
    for (Xapian::TermIterator t = d.spellings_begin(); t != d.spellings_end(); ++t)
        words[*t] += t.get_termfreq();
}

static void spellings_from_meta(Xapian::Database &d, std::map<std::string, size_t> &words)
{
    std::string blob = d.get_metadata(SPELLING_KEY);
    size_t at = 0;
    while (at < blob.size()) {
        size_t tab = blob.find('\t', at), nl = blob.find('\n', at);
        if (tab == std::string::npos || nl == std::string::npos || tab > nl)
            break;
        words[blob.substr(at, tab - at)] += strtoul(blob.c_str() + tab + 1, nullptr, 10);
        at = nl + 1;
    }
}

extern "C" ps_status psx_spelling_each(psx_db *h, void (*fn)(void *, const char *, size_t),
                                       void *ctx, ps_error *err)
{
    std::map<std::string, size_t> words; /* read all before calling out; shards summed */
    ps_status st = guarded(h, "spelling", err, [&] {
        words.clear();
        if (h->wdb)
            spellings_of(*h->wdb, words);
        for (shard &s : h->shards)
            if (s.up && s.host.empty())
                spellings_of(s.db, words);
            else if (s.up)
                spellings_from_meta(s.db, words);
    });
    if (st == PS_OK)
        for (const auto &w : words)
            fn(ctx, w.first.c_str(), w.second);
    return st;
}

extern "C" ps_status psx_spelling_publish(psx_db *h, bool always, ps_error *err)
{
    if (!always && !h->spelling_changed)
        return PS_OK; /* a run that changed nothing commits nothing */
    try {
        h->spelling_changed = false;
        std::map<std::string, size_t> words;
        spellings_of(*h->wdb, words);
        std::string blob;
        for (const auto &w : words)
            blob += w.first + "\t" + std::to_string(w.second) + "\n";
        h->wdb->set_metadata(SPELLING_KEY, blob);
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
