/* ps.h: public C API of libps, the library behind policy-index and policy-search.
 *
 * The library reads policy documents into clause records (ps_doc), stores them in a Xapian
 * database (ps_index) and answers queries (ps_hits). It never prints and never exits: every
 * function that can fail returns a ps_status and, when 'err' is non-NULL, fills it with a
 * one-line message of the form "file:line: what happened". The one exception is memory
 * running out inside its own allocations (parsing, terms, query trees): it then prints one
 * line and aborts; failures in Xapian, including out of memory there, are statuses.
 *
 * Threads. Everything the library shares between calls (department and place dictionaries,
 * generic words, normalization tables) is read-only once loaded, and loaded once
 * (pthread_once), so any function may run in several threads at once. An object a call
 * returns (ps_doc, ps_query, ps_hits, ps_index) belongs to its caller: it may be handed to
 * another thread, but not used by two at the same time. A ps_index is one Xapian database
 * handle, which Xapian does not make thread-safe: open one per thread (opening a read-only
 * index is cheap). tests/test-threads.c runs eight threads at once under ThreadSanitizer.
 */
#ifndef PS_H
#define PS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    PS_OK = 0,
    PS_ERR_NOMEM,
    PS_ERR_IO,        /* open/read/write failed; strerror text in msg */
    PS_ERR_ENCODING,  /* bytes not convertible to UTF-8, or binary data */
    PS_ERR_PARSE,     /* document structure not understood, or input beyond limits */
    PS_ERR_QUERY,     /* query syntax error */
    PS_ERR_DB_LOCKED, /* another indexer holds the write lock */
    PS_ERR_DB,        /* any other database error */
    PS_ERR_NOT_FOUND, /* database missing */
    PS_ERR_INTERNAL,
} ps_status;

typedef struct ps_error {
    ps_status code;
    char msg[512]; /* caller-owned, nothing to free */
} ps_error;

/* ---- Clause records ------------------------------------------------------------------------ */

typedef struct ps_heading {
    const char *label; /* as written without punctuation: "三", "（二）", "3.1" */
    const char *title; /* heading text after the label; may be NULL */
} ps_heading;

typedef struct ps_doc_meta {
    const char *file;     /* citation key: path relative to the indexed folder */
    const char *source;   /* path the file was read from */
    const char *title;    /* NULL when the document has none */
    const char *cited_as; /* without a title, how citations name it: "附件3：“十四五”新城
                             产业发展专项方案" (its attachment label, and a name from its
                             purpose sentence or first heading); NULL with a title */
    const char *issuer;   /* NULL when unknown */
    const char *date;     /* ISO 8601 "2024-06-28", NULL when unknown */
    const char *number;   /* 文号 "沪府发〔2024〕12号", NULL when none */
    const char *format;   /* "text", "markdown" or "html" */
    const char *jurisdiction; /* government the document belongs to: "全国", "上海市",
                                 "上海市黄浦区"; NULL when it cannot be told */
    const char *encoding;     /* encoding the file was decoded from */
} ps_doc_meta;

/* A reference to another document inside a clause: by title (《…》) or by number (〔2024〕). */
typedef struct ps_cite {
    const char *title;  /* as cited, with 以下简称 short forms resolved; NULL for a number */
    const char *number; /* "沪府发〔2024〕12号"; NULL for a title */
} ps_cite;

/* What a tag says a department does in a clause. */
typedef enum {
    PS_ROLE_RESPONSIBLE = 0, /* listed with no role word */
    PS_ROLE_LEAD,            /* 牵头, 主责, a 牵头单位 list or column */
    PS_ROLE_SUPPORTING,      /* 配合, 参与, 协同, 协办, a 配合单位 list or column */
} ps_role;

/* A department named by a clause's responsibility tag. */
typedef struct ps_dept {
    const char *name;         /* canonical within its jurisdiction; as written when no
                                 dictionary of that jurisdiction knows it */
    const char *written;      /* exactly as the document wrote it */
    const char *jurisdiction; /* "全国", "上海市", …; NULL when unknown */
    ps_role role;
} ps_dept;

/* "lead", "supporting" or "responsible". */
const char *ps_role_name(ps_role role);

typedef struct ps_record {
    const char *id;         /* "000_x.txt#三/13/p2": stable across re-indexing */
    const char *clause;     /* the clause the record is a paragraph of ("000_x.txt#三/13");
                               == id when the clause has one paragraph */
    const char *label;      /* own label; for unnumbered paragraphs, the heading's label */
    size_t part, parts;     /* paragraph ordinal (1-based) and count within the label */
    const ps_heading *path; /* headings above the record, outermost first */
    size_t n_path;
    size_t line_start, line_end; /* 1-based, inclusive, lines of the original file (of a PDF:
                                    of its text, line by line as the pages show it) */
    size_t page_start, page_end; /* 1-based pages of a PDF; 0 for a file without pages */
    const char *text;            /* wraps rejoined, markup removed */
    const ps_dept *departments;  /* in the order the tag lists them */
    size_t n_departments;
    const char *deadline; /* "12月底前完成" as the tag says, or NULL */
    const char *citation; /* 《title》（issuer，date）三、13 */
    const ps_cite *cites; /* other documents this clause refers to, in text order */
    size_t n_cites;
    size_t seq; /* 0-based order of the record in its document */
} ps_record;

typedef struct ps_doc ps_doc;

/* Parses the bytes of one file into clause records. 'file_key' names the file in ids and
 * citations, 'source_path' is where it was read from (used in messages). Detects the encoding
 * (UTF-8 with or without BOM, UTF-16 with BOM or by its zero bytes, GB18030) and the format
 * (plain text, Markdown, HTML). On failure returns non-PS_OK and sets *out to NULL.
 * The caller must free the result with ps_doc_free(). */
ps_status ps_doc_parse(const char *bytes, size_t n_bytes, const char *file_key,
                       const char *source_path, ps_doc **out, ps_error *err);
void ps_doc_free(ps_doc *doc); /* NULL is a no-op */

/* Owned by 'doc'; valid until ps_doc_free(doc). */
const ps_doc_meta *ps_doc_get_meta(const ps_doc *doc);
size_t ps_doc_record_count(const ps_doc *doc);
const ps_record *ps_doc_get_record(const ps_doc *doc, size_t i);

/* Record i as a compact JSON object: the record's fields, with "doc" (its document's
 * metadata) and "source" {file, line_start, line_end}. It is the object the index stores,
 * --dump prints and a search's JSON lists. The caller must free() the result; NULL only when
 * out of memory. */
char *ps_record_to_json(const ps_doc *doc, size_t i);

/* Display width of UTF-8 text in terminal columns (CJK and full-width characters take two). */
size_t ps_width_cols(const char *s);

/* Length of the longest prefix of s, at most max_bytes long, that does not cut a UTF-8
 * character: for quoting user input in one-line messages. */
int ps_utf8_prefix(const char *s, int max_bytes);

/* The normalized form both sides of a search use: NFKC, lower case, simplified characters,
 * no white space. The caller must free() the result. */
char *ps_normalize(const char *s);

/* Key under which a cited title or number is indexed and resolved: normalized, characters,
 * letters and digits only (quotes, 、 and underscores vary between citations).
 * The caller must free() the result. */
char *ps_cite_key(const char *s);

/* ---- Departments ----------------------------------------------------------------------------- */

/* Canonical name for any known name, alias or full name of a department, after normalization
 * (full-width, traditional characters); NULL when the name is not in the dictionary.
 * The result is static. */
const char *ps_dept_canonical(const char *name, size_t n_bytes);

/* Whether a department name the user typed denotes the indexed department 'name': by its
 * canonical name, any alias, or either without a leading 上海市 / 市 / 区 / 县 ("财政局" matches
 * 市财政局 and 区财政局; "人力资源和社会保障局" matches 市人力资源社会保障局 and Guangzhou's
 * 市人力资源和社会保障局). */
int ps_dept_matches(const char *typed, const char *name);

/* Calls fn for each full name and alias the department dictionaries write for a canonical
 * name, as written (not the short forms derived from them), in table order: what a form can
 * offer as someone types (发改委 → 市发展改革委). */
void ps_dept_each_alias(void (*fn)(void *ctx, const char *canonical, const char *alias), void *ctx);

/* ---- Queries -------------------------------------------------------------------------------- */

/* A parsed query: space-separated words must all occur in one clause, each as a contiguous
 * string after normalization; "quoted phrases", OR, -word / NOT word. */
typedef struct ps_query ps_query;

/* Parses 'text'. Fails with PS_ERR_QUERY for an empty query, unbalanced quotes or a query with
 * nothing to find. The caller must free the result with ps_query_free(). */
ps_status ps_query_parse(const char *text, ps_query **out, ps_error *err);
void ps_query_free(ps_query *q); /* NULL is a no-op */

/* The text of 'record_text' around the first match of the query's words, with each match
 * wrapped in 'open' and 'close'; at most about 'width_chars' characters, "…" where cut.
 * The caller must free() the result. */
char *ps_snippet(const char *record_text, const ps_query *q, const char *open, const char *close,
                 size_t width_chars);

/* ---- The index --------------------------------------------------------------------------------
 */

typedef struct ps_index ps_index;

enum {
    PS_OPEN_READ = 0,      /* read-only: sees the last committed state */
    PS_OPEN_WRITE = 1,     /* create if missing; takes the write lock */
    PS_OPEN_PARTIAL = 2,   /* reading shards: leave out those that do not answer (named by
                              ps_index_missing) instead of failing, while one answers */
    PS_OPEN_POSITIONS = 4, /* writing a new index: keep word positions (shards: xapian-tcpsrv
                              answers phrases from them, and cannot check clause texts) */
};

/* Opens the database at 'path'. Read-only opening of a missing database fails with
 * PS_ERR_NOT_FOUND. Opening for writing takes the write lock (a second writer fails with
 * PS_ERR_DB_LOCKED, its message naming the process that holds it) and starts a run: nothing
 * written is visible to readers, or survives a crash, until ps_index_commit().
 * On failure *out is NULL. Close with ps_index_close(). */
ps_status ps_index_open(const char *path, unsigned flags, ps_index **out, ps_error *err);
/* Opens several indexes read-only as one: each path a database folder, a Xapian stub database
 * file (lines "auto PATH", "remote HOST:PORT" for a xapian-tcpsrv), or a folder holding a stub
 * named XAPIANDB, as policy-index --shards writes (ps_index_open takes these paths too). Every
 * search answers as one index of the same files would: the matcher merges the shards' matches
 * and statistics, document metadata is read from each. A remote shard must connect and answer
 * within $POLICY_SHARD_TIMEOUT seconds (default 10). A shard that fails is an error naming it,
 * or with PS_OPEN_PARTIAL is left out (later calls try it again now and then). */
ps_status ps_index_open_many(const char *const *paths, size_t n_paths, unsigned flags,
                             ps_index **out, ps_error *err);
/* The shards left out of the answers so far (PS_OPEN_PARTIAL): how many, and the name of
 * shard i (its path, or HOST:PORT) with why in *why (may be NULL); valid until the next call
 * on ix. */
size_t ps_index_missing_count(const ps_index *ix);
const char *ps_index_missing(const ps_index *ix, size_t i, const char **why);
/* Closes; changes not committed are discarded. NULL is a no-op. */
void ps_index_close(ps_index *ix);
/* Brings a read-only handle up to the last committed state (Xapian Database::reopen): a
 * long-running reader sees an indexer's commits, each whole, without opening again. A no-op
 * for a writer. Fails with PS_ERR_DB (the handle stays usable at its old state, or should be
 * closed and opened again when the database was replaced). */
ps_status ps_index_reopen(ps_index *ix, ps_error *err);

/* The holder file in folder 'dir' names the process writing there ("policy-index pid N,
 * started T"), for the message of a second indexer. ps_holder_write names this process and
 * returns 0 when it cannot; ps_holder_read copies the line without its newline into 'line'
 * and returns 0 when there is none. */
int ps_holder_write(const char *dir);
int ps_holder_read(const char *dir, char *line, size_t size);
void ps_holder_remove(const char *dir);

/* Content hash of a file's bytes, as stored by ps_index_put_doc (for skipping unchanged files). */
unsigned long long ps_content_hash(const char *bytes, size_t n_bytes);

typedef enum { PS_FILE_NEW, PS_FILE_SAME, PS_FILE_CHANGED } ps_file_state;
/* Whether 'file' is indexed, and with this content hash: *state. */
ps_status ps_index_file_state(ps_index *ix, const char *file, unsigned long long hash,
                              ps_file_state *state, ps_error *err);

/* Replaces every record of doc's file with the records of 'doc'. 'root' (may be NULL) is the
 * folder the file was found under, so that a later run over that folder can remove the file's
 * records once the file is gone. After a failure the run must be abandoned (closed). */
ps_status ps_index_put_doc(ps_index *ix, const ps_doc *doc, unsigned long long hash,
                           const char *root, ps_error *err);
/* Removes every record of 'file'. */
ps_status ps_index_remove_file(ps_index *ix, const char *file, ps_error *err);
/* Calls fn for each indexed file found under 'root' by an earlier run. */
ps_status ps_index_each_file_under(ps_index *ix, const char *root,
                                   void (*fn)(void *ctx, const char *file), void *ctx,
                                   ps_error *err);
/* Makes this run's changes visible to readers, atomically (one Xapian commit). */
ps_status ps_index_commit(ps_index *ix, ps_error *err);
/* Writes the databases 'parts' (each committed, none open for writing) as one compacted database
 * at 'dest', which must not exist: the last step of a parallel build. */
ps_status ps_index_merge(const char *const *parts, size_t n_parts, const char *dest, ps_error *err);

/* What to search and how to order. */
typedef struct ps_search {
    const ps_query *query;    /* NULL: list every clause that passes the filters */
    const char *const *depts; /* clauses of any of these departments (canonical names, see
                                 ps_dept_matches); NULL: no department filter */
    size_t n_depts;
    int lead_only;            /* with depts: only clauses they lead */
    const char *const *files; /* non-NULL: restrict to these document keys (none: no result) */
    size_t n_files;
    const char *label; /* clause label: "13", "十三", "第13条", "（二）", "3.1.1"; when no
                          clause has it, the clauses under a heading that has it */
    const char *cited_title;  /* only clauses that refer to this title ... */
    const char *cited_number; /* ... or to this document number */
    const char *exclude_file; /* leave out this document's clauses */
    size_t offset, limit;
} ps_search;

typedef struct ps_hits ps_hits;
typedef struct ps_suggestions ps_suggestions; /* near queries: see ps_suggest below */

/* Runs a search. Results are ranked by relevance (ties in document order); without a query,
 * in document order. The caller must free the result with ps_hits_free(). */
ps_status ps_index_search(ps_index *ix, const ps_search *s, ps_hits **out, ps_error *err);
size_t ps_hits_count(const ps_hits *h);    /* results in this page */
size_t ps_hits_total(const ps_hits *h);    /* all matching clauses: exact, or an estimate */
int ps_hits_total_exact(const ps_hits *h); /* whether ps_hits_total is exact */

/* One result: the stored record, read back into the same structures ps_doc_parse fills. */
typedef struct ps_hit {
    const ps_record *record;  /* id, clause, label, path, text, departments with roles and
                                 jurisdictions, deadline, citation, cites, line range */
    const ps_doc_meta *doc;   /* its document: file, source, title, issuer, date, number,
                                 jurisdiction */
    double score;             /* relevance weight; 0 in a listing */
    const char *shared_terms; /* related-clause results: key words shared with the clause,
                                 "、"-joined, most telling first; otherwise NULL */
} ps_hit;
/* Result i (< ps_hits_count), owned by h: valid until ps_hits_free(h). */
const ps_hit *ps_hits_get(const ps_hits *h, size_t i);
/* A page of results as the JSON document policy-search --json prints:
 * {"query", "total", "total_exact", "results": [record + "rank", "score", "snippet"
 * (matches of q in [brackets]; q may be NULL), "shared_terms" where set]}, 'offset' the rank
 * of the first result minus one; with 'suggestions' (ps_suggest, may be NULL) also
 * "suggestions": [{"query", "total", "total_exact", "kind", "from"}]. The caller must free() it;
 * NULL only when out of memory. */
char *ps_hits_to_json(const ps_hits *h, const ps_query *q, const char *query_text, size_t offset,
                      const ps_suggestions *suggestions);
/* The same page with what a caller adds, so that no caller parses the library's JSON. */
typedef struct ps_page_json {
    const ps_query *query;             /* highlights in the snippets (NULL: none) */
    const char *query_text;            /* "query" */
    size_t offset;                     /* the first result's rank minus one */
    const ps_suggestions *suggestions; /* "suggestions" (NULL: none) */
    const char *note;                  /* "note": why the page is as it is (NULL: none) */
    const size_t *pick; /* only these results, in this order, ranked from offset + 1 (NULL:
                           every one) */
    size_t n_pick;
    const char *const *roles; /* "role" of each result written (NULL: none) */
} ps_page_json;
char *ps_hits_json(const ps_hits *h, const ps_page_json *how);
/* Only its "results" array, for a caller's own document around it. */
char *ps_hits_results_json(const ps_hits *h, const ps_page_json *how);
void ps_hits_free(ps_hits *h);

/* The record with this id (a clause's, or one paragraph's: "…#三/13/p2"), as a page of one.
 * Fails with PS_ERR_NOT_FOUND for an unknown id. The caller frees it with ps_hits_free(). */
ps_status ps_index_get(ps_index *ix, const char *id, ps_hits **out, ps_error *err);

/* Clauses of other documents most like clause 'id' (relevance feedback on its key terms,
 * generic policy words left out). Fails with PS_ERR_NOT_FOUND for an unknown id.
 * The caller must free the result with ps_hits_free(). */
ps_status ps_index_related(ps_index *ix, const char *id, size_t limit, ps_hits **out,
                           ps_error *err);

/* ---- Suggestions: help when nothing matches ------------------------------------------------ */

/* A search that finds fewer clauses than this gets suggestions. */
enum { PS_SUGGEST_BELOW = 3 };

/* How a suggestion was made from the query. */
typedef enum {
    PS_SUGGEST_SPELLING,  /* a word that finds nothing with one character changed, added,
                             dropped or swapped, to a word of the index's spelling data
                             (临港新片去 -> 临港新片区, 东方美古 -> 东方美谷) */
    PS_SUGGEST_SPLIT,     /* a word that finds nothing cut into two that each occur
                             (人才住房 -> 人才 住房), at the cut that finds most */
    PS_SUGGEST_KEY_WORDS, /* a long, sentence-like query reduced to its two or three rarest
                             distinctive words that still occur together */
} ps_suggest_kind;

/* "spelling", "split" or "key_words". */
const char *ps_suggest_kind_name(ps_suggest_kind kind);

typedef struct ps_suggestion {
    const char *query; /* a query to run as it is (normalized where a word was changed) */
    size_t total;      /* clauses it finds under the same filters, as ps_hits_total */
    int total_exact;   /* as ps_hits_total_exact */
    ps_suggest_kind kind;
    const char *from; /* the word of the original query it changes, as typed; NULL for
                         PS_SUGGEST_KEY_WORDS */
} ps_suggestion;

/* Near queries for 'query_text' (the text given to ps_query_parse) when it finds fewer than
 * PS_SUGGEST_BELOW clauses: at most 'max' of them, each one run under the filters of 's'
 * (departments, documents, label; s->query, offset and limit are ignored; s may be NULL) and
 * kept only when it finds more clauses than the query itself. Spellings and splits replace a
 * word that finds nothing on its own (a word that occurs, however rarely, is left alone); key
 * words replace a query of ten characters or more. Spelling suggestions come first, then
 * splits, then key words; within a kind, those that find most; the best of each kind is kept
 * before a second of any. The query itself is only counted, never changed. Returns PS_OK with
 * no suggestion when the query finds enough, or when nothing near it finds more (an index
 * built before spelling data was kept gives fewer spelling suggestions). Fails with
 * PS_ERR_QUERY when 'query_text' does not parse, and with a search's status. Runs up to a
 * couple of hundred small searches: call it when a search found too little.
 * On failure *out is NULL. The caller must free the result with ps_suggestions_free(). */
ps_status ps_suggest(ps_index *ix, const ps_search *s, const char *query_text, size_t max,
                     ps_suggestions **out, ps_error *err);
size_t ps_suggestions_count(const ps_suggestions *sg);
/* Suggestion i (< ps_suggestions_count), owned by sg: valid until ps_suggestions_free(sg). */
const ps_suggestion *ps_suggestions_get(const ps_suggestions *sg, size_t i);
/* Clauses the query itself found, as counted by ps_suggest. */
size_t ps_suggestions_query_total(const ps_suggestions *sg);
void ps_suggestions_free(ps_suggestions *sg); /* NULL is a no-op */

/* Calls fn for each indexed document with its metadata (valid during the call), in file
 * order. */
ps_status ps_index_each_doc(ps_index *ix, void (*fn)(void *ctx, const ps_doc_meta *doc), void *ctx,
                            ps_error *err);
/* Calls fn for each department with its number of clauses, in name order. */
ps_status ps_index_each_dept(ps_index *ix, void (*fn)(void *ctx, const char *dept, size_t n),
                             void *ctx, ps_error *err);
/* Calls fn for each department in each jurisdiction with its number of clauses. */
ps_status ps_index_each_dept_place(ps_index *ix,
                                   void (*fn)(void *ctx, const char *dept, const char *jurisdiction,
                                              size_t n),
                                   void *ctx, ps_error *err);

#ifdef __cplusplus
}
#endif
#endif
