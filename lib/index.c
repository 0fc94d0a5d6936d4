/* index.c: what an index holds and how it is kept. One Xapian document per record (its JSON as
 * data, its terms, values for order, date and clause), and per indexed file three metadata
 * entries: "doc:" + file (its metadata JSON), "hash:" + file (content hash, to skip unchanged
 * files) and "root:" + file (the folder it was found under, to notice it has gone). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xapian-shim.h"

static const char *const KEY_DOC = "doc:", *const KEY_HASH = "hash:", *const KEY_ROOT = "root:";

static char *key_of(const char *kind, const char *file)
{
    size_t n = strlen(kind) + strlen(file) + 1;
    char *k = psi_xmalloc(n);
    snprintf(k, n, "%s%s", kind, file);
    return k;
}

static ps_index *index_new(const char *path, bool writable)
{
    ps_index *ix = psi_xcalloc(1, sizeof *ix);
    ix->path = psi_xstrndup(path, strlen(path));
    ix->writable = writable;
    return ix;
}

static void index_free(ps_index *ix)
{
    free(ix->path);
    free(ix);
}

/* Xapian's remote timeouts, for connecting and for each answer: $POLICY_SHARD_TIMEOUT seconds. */
static unsigned shard_timeout_ms(void)
{
    const char *v = getenv("POLICY_SHARD_TIMEOUT");
    char *end = NULL;
    double s = v ? strtod(v, &end) : 0;
    return v && end != v && *end == '\0' && s > 0 && s < 3600 ? (unsigned)(s * 1000) : 10000;
}

/* Whether some shard keeps no positions, so that phrases are checked on clause texts. */
static ps_status read_format(ps_index *ix, ps_error *err)
{
    char *v = NULL;
    ps_status st = psx_meta_get(ix->db, PSI_KEY_VERIFY, &v, err);
    ix->verify = st == PS_OK && strcmp(v, "1") == 0;
    free(v);
    return st;
}

/* A writer keeps positions when asked to (shards), or when the index already has them (made
 * before positions were dropped: one index keeps one kind). A new index without them is
 * marked so at once, for readers. */
static ps_status choose_format(ps_index *ix, unsigned flags, ps_error *err)
{
    size_t n_docs = 0;
    ps_status st = read_format(ix, err);
    if (st == PS_OK)
        st = psx_doccount(ix->db, &n_docs, err);
    if (st != PS_OK)
        return st;
    ix->positional = !ix->verify && ((flags & PS_OPEN_POSITIONS) || n_docs > 0);
    if (!ix->positional && !ix->verify) {
        ix->verify = true;
        st = psx_meta_set(ix->db, PSI_KEY_VERIFY, "1", err);
    }
    return st;
}

ps_status ps_index_open_many(const char *const *paths, size_t n, unsigned flags, ps_index **out,
                             ps_error *err)
{
    *out = NULL;
    if (n == 0)
        return psi_fail(err, PS_ERR_NOT_FOUND, "no index given");
    psi_shards shards = {0};
    ps_status s = PS_OK;
    for (size_t i = 0; i < n && s == PS_OK; i++)
        s = psi_shards_expand(paths[i], &shards, err);
    ps_index *ix = NULL;
    if (s == PS_OK) {
        ix = index_new(paths[0], false);
        s = psx_open_shards(&shards, flags & PS_OPEN_PARTIAL, shard_timeout_ms(), &ix->db, err);
    }
    psi_shards_free(&shards);
    if (s == PS_OK)
        s = read_format(ix, err);
    if (s != PS_OK) {
        if (ix)
            index_free(ix);
        return s;
    }
    *out = ix;
    return PS_OK;
}

ps_status ps_index_open(const char *path, unsigned flags, ps_index **out, ps_error *err)
{
    *out = NULL;
    if (!(flags & PS_OPEN_WRITE))
        return ps_index_open_many(&path, 1, flags, out, err);
    ps_index *ix = index_new(path, true);
    ps_status s = psx_open_writer(path, &ix->db, err);
    if (s == PS_ERR_DB_LOCKED) {
        char holder[256];
        bool named = ps_holder_read(path, holder, sizeof holder);
        psi_fail(err, s, "%s: another indexer is writing to it%s%s%s", path, named ? " (" : "",
                 named ? holder : "", named ? ")" : "");
    }
    if (s == PS_OK)
        s = choose_format(ix, flags, err);
    if (s == PS_OK && !ps_holder_write(path)) /* a stale one is overwritten */
        s = psi_fail(err, PS_ERR_IO, "%s: cannot write policy-index.pid there", path);
    if (s != PS_OK) {
        psx_close(ix->db);
        index_free(ix);
        return s;
    }
    *out = ix;
    return PS_OK;
}

size_t ps_index_missing_count(const ps_index *ix)
{
    return ix->writable ? 0 : psx_missing_count(ix->db);
}

const char *ps_index_missing(const ps_index *ix, size_t i, const char **why)
{
    return psx_missing(ix->db, i, why);
}

void ps_index_close(ps_index *ix)
{
    if (!ix)
        return;
    psx_close(ix->db);
    if (ix->writable)
        ps_holder_remove(ix->path);
    index_free(ix);
}

ps_status ps_index_reopen(ps_index *ix, ps_error *err)
{
    if (ix->writable)
        return PS_OK;
    return psx_reopen(ix->db, err);
}

ps_status ps_index_file_state(ps_index *ix, const char *file, unsigned long long hash,
                              ps_file_state *state, ps_error *err)
{
    char *key = key_of(KEY_HASH, file), *stored = NULL;
    ps_status st = psx_meta_get(ix->db, key, &stored, err);
    free(key);
    if (st == PS_OK) {
        char hex[32];
        snprintf(hex, sizeof hex, "%016llx", hash);
        *state = !*stored ? PS_FILE_NEW : strcmp(stored, hex) == 0 ? PS_FILE_SAME : PS_FILE_CHANGED;
    }
    free(stored);
    return st;
}

/* Sets (or, with "", removes) the file's metadata entry of one kind. */
static ps_status set_file_meta(ps_index *ix, const char *kind, const char *file, const char *value,
                               ps_error *err)
{
    char *key = key_of(kind, file);
    ps_status st = psx_meta_set(ix->db, key, value, err);
    free(key);
    return st;
}

static ps_status spelling_update(ps_index *ix, const char *text, bool add, ps_error *err);

/* Takes the spelling words of the file's indexed paragraphs out of the spelling data: they go
 * with the records, when a file is replaced or removed. */
static ps_status forget_spelling(ps_index *ix, const char *file_term, ps_error *err)
{
    psq_node *old = psq_new(PSQ_AND_NOT);
    psq_add(old, psq_term("", file_term, strlen(file_term)));
    psq_add(old, psq_term("", PSI_TERM_WHOLE, strlen(PSI_TERM_WHOLE)));
    size_t n_docs = 0;
    psx_page page = {0};
    ps_status st = psx_doccount(ix->db, &n_docs, err);
    if (st == PS_OK && n_docs > 0) {
        psx_run all = {.limit = n_docs, .collapse_slot = -1, .sort_slot = PSI_SLOT_ORDER};
        st = psi_query(ix, old, &all, &page, err);
    }
    for (size_t i = 0; i < page.n && st == PS_OK; i++) {
        psi_arena *a = psi_arena_new();
        ps_record r;
        ps_doc_meta rm;
        if (psi_record_read(page.v[i].data, a, &r, &rm))
            st = spelling_update(ix, r.text, false, err);
        psi_arena_free(a);
    }
    psx_page_free(&page);
    psq_free(old);
    return st;
}

ps_status ps_index_remove_file(ps_index *ix, const char *file, ps_error *err)
{
    char *term = key_of(PSI_PREFIX_FILE, file);
    ps_status st = forget_spelling(ix, term, err);
    if (st == PS_OK)
        st = psx_delete(ix->db, term, err);
    free(term);
    const char *kinds[] = {KEY_DOC, KEY_HASH, KEY_ROOT};
    for (size_t k = 0; k < 3 && st == PS_OK; k++)
        st = set_file_meta(ix, kinds[k], file, "", err);
    return st;
}

typedef struct under_ctx {
    const char *root;
    void (*fn)(void *ctx, const char *file);
    void *ctx;
} under_ctx;

static void each_root(void *ctx, const char *key, const char *value)
{
    under_ctx *u = ctx;
    if (strcmp(value, u->root) == 0)
        u->fn(u->ctx, key + strlen(KEY_ROOT));
}

ps_status ps_index_each_file_under(ps_index *ix, const char *root,
                                   void (*fn)(void *ctx, const char *file), void *ctx,
                                   ps_error *err)
{
    under_ctx u = {root, fn, ctx};
    return psx_meta_each(ix->db, KEY_ROOT, each_root, &u, err);
}

/* Spelling data, from which suggest.c proposes the word a query probably meant: the key words
 * of each paragraph record (ICU words, generic words left out: see related.c), each counted per
 * use. Only Chinese words of two or three characters and Latin words: Xapian indexes a word's
 * spelling by its byte trigrams, and the longer Chinese words (mostly terms of two words, used
 * once) would make the table eight times larger (2.6 MB instead of 0.33 MB beside a 4 MB index
 * of corpus/); suggest.c corrects a long word through the short words inside it. Whole-clause
 * records repeat their paragraphs: not counted. */
enum { SPELLING_MAX_HAN = 3 };

static ps_status spelling_update(ps_index *ix, const char *text, bool add, ps_error *err)
{
    psi_keyword *words = NULL;
    size_t n = psi_key_words(text, &words);
    ps_status st = PS_OK;
    for (size_t i = 0; i < n && st == PS_OK; i++) {
        const char *w = words[i].word;
        size_t len = strlen(w), han = 0;
        for (size_t k = 0; k < len;)
            han += psi_is_han(psi_utf8_next(w, len, &k));
        if (han > SPELLING_MAX_HAN)
            continue;
        st = add ? psx_spelling_add(ix->db, w, words[i].count, err)
                 : psx_spelling_remove(ix->db, w, words[i].count, err);
    }
    psi_key_words_free(words, n);
    return st;
}

/* One record: its JSON as data, its terms, and values for order, date and clause. */
static ps_status put_record(ps_index *ix, const ps_doc *doc, const ps_record *r, bool whole,
                            ps_error *err)
{
    char *json = psi_record_json(&doc->meta, r);
    if (!json)
        return psi_fail(err, PS_ERR_NOMEM, "%s: out of memory", doc->meta.source);
    psi_terms terms = {NULL, 0, 0};
    psi_buf match = {0}; /* an index without positions checks phrases on it */
    psi_record_terms(doc, r, whole, ix->positional, &terms, /* the id term first */
                     ix->positional ? NULL : &match);
    if (whole)
        psi_terms_add(&terms, "", PSI_TERM_WHOLE, strlen(PSI_TERM_WHOLE), PSI_POS_BOOLEAN);
    char *order = psi_order_key(doc, r);
    const char *values[PSX_SLOTS] = {NULL};
    values[PSI_SLOT_ORDER] = order;
    values[PSI_SLOT_DATE] = doc->meta.date;
    values[PSI_SLOT_CLAUSE] = r->clause ? r->clause : r->id;
    values[PSI_SLOT_MATCH] = match.data;
    ps_status st = psx_replace(ix->db, terms.v[0].term, json, &terms, values, err);
    psi_buf_free(&match);
    if (st == PS_OK && !whole)
        st = spelling_update(ix, r->text, true, err);
    free(order);
    psi_terms_free(&terms);
    free(json);
    return st;
}

ps_status ps_index_put_doc(ps_index *ix, const ps_doc *doc, unsigned long long hash,
                           const char *root, ps_error *err)
{
    const ps_doc_meta *m = &doc->meta;
    char *file_term = key_of(PSI_PREFIX_FILE, m->file);
    ps_status st = forget_spelling(ix, file_term, err);
    if (st == PS_OK)
        st = psx_delete(ix->db, file_term, err);
    free(file_term);
    for (size_t i = 0; i < doc->n_records && st == PS_OK; i++)
        st = put_record(ix, doc, &doc->records[i], false, err);
    for (size_t i = 0; i < doc->n_wholes && st == PS_OK; i++)
        st = put_record(ix, doc, &doc->wholes[i], true, err);
    if (st != PS_OK)
        return st;
    char *meta = psi_doc_meta_json(m);
    char hex[32];
    snprintf(hex, sizeof hex, "%016llx", hash);
    st = set_file_meta(ix, KEY_DOC, m->file, meta ? meta : "{}", err);
    if (st == PS_OK)
        st = set_file_meta(ix, KEY_HASH, m->file, hex, err);
    if (st == PS_OK)
        st = set_file_meta(ix, KEY_ROOT, m->file, root ? root : "", err);
    free(meta);
    return st;
}

ps_status ps_index_commit(ps_index *ix, ps_error *err)
{
    ps_status st = psx_spelling_publish(ix->db, false, err); /* for remote readers */
    return st == PS_OK ? psx_commit(ix->db, err) : st;
}

ps_status ps_index_merge(const char *const *parts, size_t n_parts, const char *dest, ps_error *err)
{
    ps_status st = psx_compact(parts, n_parts, dest, err);
    /* Compaction keeps one part's copy of the spelling data: publish the merged table's. */
    psx_db *db = NULL;
    if (st == PS_OK)
        st = psx_open_writer(dest, &db, err);
    if (st == PS_OK)
        st = psx_spelling_publish(db, true, err);
    if (st == PS_OK)
        st = psx_commit(db, err);
    psx_close(db);
    return st;
}

typedef struct doc_ctx {
    void (*fn)(void *ctx, const ps_doc_meta *doc);
    void *ctx;
} doc_ctx;

static void each_doc_meta(void *ctx, const char *key, const char *value)
{
    (void)key;
    doc_ctx *d = ctx;
    psi_arena *a = psi_arena_new();
    ps_doc_meta m;
    if (psi_doc_meta_read(value, a, &m))
        d->fn(d->ctx, &m);
    psi_arena_free(a);
}

ps_status ps_index_each_doc(ps_index *ix, void (*fn)(void *ctx, const ps_doc_meta *doc), void *ctx,
                            ps_error *err)
{
    doc_ctx d = {fn, ctx};
    return psx_meta_each(ix->db, KEY_DOC, each_doc_meta, &d, err);
}

ps_status ps_index_each_dept(ps_index *ix, void (*fn)(void *ctx, const char *dept, size_t n),
                             void *ctx, ps_error *err)
{
    return psx_terms_each(ix->db, PSI_PREFIX_DEPT, fn, ctx, err);
}

typedef struct place_ctx {
    void (*fn)(void *ctx, const char *dept, const char *jurisdiction, size_t n);
    void *ctx;
} place_ctx;

static void each_place_term(void *ctx, const char *term, size_t n)
{
    place_ctx *p = ctx;
    const char *sep = strchr(term, PSI_PLACE_SEP);
    if (!sep)
        return;
    char *name = psi_xstrndup(term, (size_t)(sep - term));
    p->fn(p->ctx, name, sep + 1, n);
    free(name);
}

ps_status ps_index_each_dept_place(ps_index *ix,
                                   void (*fn)(void *ctx, const char *dept, const char *jurisdiction,
                                              size_t n),
                                   void *ctx, ps_error *err)
{
    place_ctx p = {fn, ctx};
    return psx_terms_each(ix->db, PSI_PREFIX_DEPT_PLACE, each_place_term, &p, err);
}
