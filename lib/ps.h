/* ps.h: public C API of libps, the library behind policy-index and policy-search.
 *
 * The library reads policy documents into clause records (ps_doc), stores them in a Xapian
 * database (ps_index) and answers queries (ps_hits). It never prints and never exits: every
 * function that can fail returns a ps_status and, when 'err' is non-NULL, fills it with a
 * one-line message of the form "file:line: what happened".
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
    const char *file;   /* citation key: path relative to the indexed folder */
    const char *source; /* path the file was read from */
    const char *title;  /* NULL when the document has none */
    const char *issuer; /* NULL when unknown */
    const char *date;   /* ISO 8601 "2024-06-28", NULL when unknown */
    const char *number; /* 文号 "沪府发〔2024〕12号", NULL when none */
    const char *format; /* "text", "markdown" or "html" */
    const char *encoding; /* encoding the file was decoded from */
} ps_doc_meta;

typedef struct ps_record {
    const char *id;       /* "000_x.txt#三/13": stable across re-indexing */
    const char *label;    /* own label; for unnumbered paragraphs, the heading's label */
    size_t part, parts;   /* paragraph ordinal (1-based) and count within the label */
    const ps_heading *path; /* headings above the record, outermost first */
    size_t n_path;
    size_t line_start, line_end; /* 1-based, inclusive, lines of the original file */
    const char *text;            /* wraps rejoined, markup removed */
    const char *const *departments; /* canonical names in source order */
    size_t n_departments;
    const char *const *lead; /* subsets of departments marked 牵头 / 配合 */
    size_t n_lead;
    const char *const *supporting;
    size_t n_supporting;
    const char *citation; /* 《title》（issuer，date）三、13 */
    size_t seq;           /* 0-based order of the record in its document */
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

/* One record as a compact JSON object (the same object the searcher prints).
 * The caller must free the result with free(). Returns NULL only when out of memory. */
char *ps_record_to_json(const ps_doc *doc, size_t i);

/* ---- Departments ----------------------------------------------------------------------------- */

/* Canonical name for any known name, alias or full name of a department, after normalization
 * (full-width, traditional characters); NULL when the name is not in the dictionary.
 * The result is static. */
const char *ps_dept_canonical(const char *name, size_t n_bytes);

#ifdef __cplusplus
}
#endif
#endif
