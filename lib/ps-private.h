/* ps-private.h: structures and cross-file helpers of libps (psi_*). Included only inside lib/.
 *
 * Out of memory is handled once, here: psi_xmalloc and friends print one line and abort, as
 * cmark's default allocator does. Every other failure is reported through ps_error.
 */
#ifndef PS_PRIVATE_H
#define PS_PRIVATE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ps.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Memory ---------------------------------------------------------------------------------- */
void *psi_xmalloc(size_t n_bytes);
void *psi_xcalloc(size_t count, size_t size);
void *psi_xrealloc(void *p, size_t n_bytes);
char *psi_xstrndup(const char *s, size_t n_bytes);

/* Growable byte buffer, always NUL-terminated (like cmark_strbuf). */
typedef struct psi_buf {
    char *data;
    size_t len; /* bytes, excluding the terminating NUL */
    size_t cap;
} psi_buf;
void psi_buf_put(psi_buf *b, const char *s, size_t n_bytes);
void psi_buf_puts(psi_buf *b, const char *s);
void psi_buf_putc(psi_buf *b, char c);
void psi_buf_printf(psi_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void psi_buf_clear(psi_buf *b);
void psi_buf_free(psi_buf *b);
/* Returns the buffer's string, which the caller must free(); the buffer is left empty. */
char *psi_buf_detach(psi_buf *b);

/* Arena: every string of a ps_doc lives here and is freed at once with the doc. */
typedef struct psi_arena psi_arena;
psi_arena *psi_arena_new(void);
void psi_arena_free(psi_arena *a);
void *psi_arena_alloc(psi_arena *a, size_t n_bytes);
char *psi_arena_strndup(psi_arena *a, const char *s, size_t n_bytes);
char *psi_arena_strdup(psi_arena *a, const char *s);

/* Fills err (if non-NULL) with "prefix: formatted message" and returns code. */
ps_status psi_fail(ps_error *err, ps_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- UTF-8 (input is always valid UTF-8 once decoded) ---------------------------------------- */
/* Decodes the code point at s[*i] (s must be valid UTF-8) and advances *i. */
uint32_t psi_utf8_next(const char *s, size_t n_bytes, size_t *i);
/* Decodes the code point that ends just before s[*i] and moves *i back to its first byte. */
uint32_t psi_utf8_prev(const char *s, size_t *i);
size_t psi_utf8_encode(uint32_t cp, char out[4]);
/* Length of the valid UTF-8 prefix of s (== n_bytes when all of it is valid). */
size_t psi_utf8_valid_prefix(const char *s, size_t n_bytes);
bool psi_is_han(uint32_t cp);   /* CJK ideograph, including 〇 */
bool psi_is_space(uint32_t cp); /* any Unicode white space, including U+3000 */
/* A letter or digit of an alphabetic word: ASCII, Latin-1 to Latin Extended-B, Greek and
 * Cyrillic (the scripts a policy text quotes); not CJK, not punctuation. */
bool psi_is_word_cp(uint32_t cp);
/* A bracket or quotation mark (normalized): phrases match through it, so 居住证积分 finds
 * 居住证（积分） (tokenizer, snippets). Other punctuation breaks a phrase. */
bool psi_is_see_through(uint32_t cp);
/* Ends a sentence: 。！？； and their ASCII forms. para.c also ends a paragraph's line at ：
 * and …; clause.c cuts long records only here. */
bool psi_is_sentence_end(uint32_t cp);
/* Whether s (n_bytes long) starts or ends with the string w. */
bool psi_starts_with(const char *s, size_t n_bytes, const char *w);
bool psi_ends_with(const char *s, size_t n_bytes, const char *w);
/* Display width in columns: 2 for wide East Asian characters, 1 otherwise. */
int psi_cp_width(uint32_t cp);
size_t psi_width_cols(const char *s, size_t n_bytes);
/* Trims Unicode white space from both ends: returns the new start, sets *n_bytes. */
const char *psi_trim(const char *s, size_t *n_bytes);
/* Appends 'piece' to b, rejoining a line wrap: a space is kept only between two
 * characters that are neither CJK nor punctuation (Latin words cut by the wrap). */
void psi_join_wrapped(psi_buf *b, const char *piece, size_t n_bytes);
/* Removes white space between two CJK characters ("新型 城镇化" -> "新型城镇化"). */
char *psi_squeeze_cjk_spaces(psi_arena *a, const char *s, size_t n_bytes);

/* ---- Decoding ---------------------------------------------------------------------------------
 */
/* Converts raw file bytes to UTF-8 with LF line ends. *out must be freed by the caller.
 * *encoding receives a static name ("UTF-8", "UTF-16LE", "GB18030" ...). */
ps_status psi_decode(const char *bytes, size_t n_bytes, const char *path, char **out,
                     size_t *out_n_bytes, const char **encoding, ps_error *err);

/* ---- Blocks: the common output of the three readers ----------------------------------------- */
enum {
    PSI_BLOCK_HEADING = 1u << 0, /* markup says heading (Markdown #, HTML <h1>, <strong> only) */
    PSI_BLOCK_FULL = 1u << 1,    /* plain text: the last line reached the wrap width */
    PSI_BLOCK_META = 1u << 2,    /* news-site credit line (责任编辑, 来源): not a clause */
    PSI_BLOCK_INDENT = 1u << 3,  /* plain text: the line starts with a paragraph indent */
    PSI_BLOCK_CELL = 1u << 4,    /* a cell of a table: never joined to another */
};

/* Where each source line begins inside a block's text, so a piece of a long paragraph can
 * still be cited by its own lines. */
typedef struct psi_linemark {
    size_t off;  /* byte offset in the block text */
    size_t line; /* 1-based source line of the text from off on */
} psi_linemark;

typedef struct psi_block {
    char *text; /* arena string, trimmed */
    size_t n_bytes;
    size_t line_start, line_end; /* 1-based inclusive */
    unsigned flags;
    psi_linemark *marks; /* arena array, ascending; marks[0].off == 0 */
    size_t n_marks;
} psi_block;
/* Source line of byte 'off' of a block's text. */
size_t psi_block_line_at(const psi_block *b, size_t off);

typedef struct psi_blocks {
    psi_block *v;
    size_t n, cap;
    bool wrapped;          /* plain text hard-wrapped at a fixed width (PDF extraction) */
    bool geometry;         /* PDF: FULL and INDENT measured on the page, not guessed from widths */
    bool whole_paragraphs; /* .docx: each block is a paragraph as the file has it, its line
                              the paragraph's position */
    unsigned *pages;       /* PDF: the page of each line, pages[1 .. n_lines]; NULL otherwise */
    size_t n_lines;
    size_t skipped; /* table-of-contents, page-number and artefact lines left out */
    /* Hints from YAML front matter or markup. */
    const char *fm_title;
    const char *fm_date;
} psi_blocks;

void psi_blocks_add(psi_blocks *bs, psi_arena *a, const char *text, size_t n_bytes,
                    size_t line_start, size_t line_end, unsigned flags);
void psi_blocks_free(psi_blocks *bs);

/* Readers: each turns UTF-8 text into blocks. */
ps_status psi_read_text(const char *s, size_t n_bytes, const char *path, psi_arena *a,
                        psi_blocks *out, ps_error *err);
ps_status psi_read_markdown(const char *s, size_t n_bytes, const char *path, psi_arena *a,
                            psi_blocks *out, ps_error *err);
ps_status psi_read_html(const char *s, size_t n_bytes, const char *path, psi_arena *a,
                        psi_blocks *out, ps_error *err);
/* PDF, from the file's bytes (not decoded): one block per line, FULL and INDENT by geometry,
 * running headers, footers and page numbers left out, out->pages filled. */
ps_status psi_read_pdf(const char *bytes, size_t n_bytes, const char *path, psi_arena *a,
                       psi_blocks *out, ps_error *err);

/* Text placed on pages (layout.c): fragments of a line with their boxes, y downwards, in any
 * unit, for PDF and OFD. */
typedef struct psi_frag {
    double y, h, x1, x2; /* the line's middle and height; left and right ends */
    const char *s;       /* UTF-8 */
    size_t n;
} psi_frag;
typedef struct psi_layout psi_layout;
psi_layout *psi_layout_new(void);
/* Adds the next page, its height and its fragments (reordered here). */
void psi_layout_add_page(psi_layout *lo, double height, psi_frag *frags, size_t n);
/* The pages as blocks: lines, FULL and INDENT by geometry, headers, footers and page numbers
 * left out, out->pages and a title hint; fails (one line) when the pages hold almost no text. */
ps_status psi_layout_blocks(psi_layout *lo, const char *path, psi_arena *a, psi_blocks *out,
                            ps_error *err);
void psi_layout_free(psi_layout *lo);

/* Word .docx, from the file's bytes: one block per paragraph, numbering rendered, tables as
 * pipe rows; out->whole_paragraphs set. */
ps_status psi_read_docx(const char *bytes, size_t n_bytes, const char *path, psi_arena *a,
                        psi_blocks *out, ps_error *err);

/* OFD, from the file's bytes: its pages' text objects through layout.c, as PDF. */
ps_status psi_read_ofd(const char *bytes, size_t n_bytes, const char *path, psi_arena *a,
                       psi_blocks *out, ps_error *err);

/* What a file is, by its first bytes (format.c). */
typedef enum {
    PSI_FILE_TEXT, /* anything else: decoded, then text, Markdown or HTML */
    PSI_FILE_PDF,  /* %PDF- */
    PSI_FILE_DOCX, /* a zip holding word/document.xml */
    PSI_FILE_OFD,  /* a zip holding OFD.xml */
    PSI_FILE_ZIP,  /* another zip */
    PSI_FILE_OLE,  /* an OLE2 compound file: .doc, .wps, .xls of old */
} psi_file_kind;
psi_file_kind psi_file_kind_of(const char *bytes, size_t n_bytes);
/* The issuer's mark atop a 公文 (上海市人民政府文件), not a title (2026年中央一号文件). */
bool psi_issuer_mark(const char *s, size_t n_bytes);
/* A table-of-contents entry (a run of leader dots: ……, ....., ·····) and the 目录 title
 * (text.c): left out of plain text and of pages alike. */
bool psi_toc_line(const char *s, size_t n_bytes);
bool psi_toc_title(const char *s, size_t n_bytes);
/* Strips YAML front matter ("---" ... "---" at the start), recording title and date.
 * Returns the number of bytes it covered (0 when there is none). */
size_t psi_front_matter(const char *s, size_t n_bytes, psi_arena *a, psi_blocks *out);

/* ---- Paragraphs and clauses -------------------------------------------------------------------
 */
/* Joins blocks into paragraphs (rejoining hard wraps and mid-word splits) in place. */
void psi_paragraphs(psi_blocks *bs, psi_arena *a);

/* Numbering marker at the start of a paragraph: "一、", "（一）", "1.", "1、", "1.1", "第一条". */
typedef enum {
    PSI_MARK_NONE = 0,
    PSI_MARK_CN,        /* 一、 */
    PSI_MARK_CN_PAREN,  /* （一） (一) */
    PSI_MARK_NUM,       /* 1. 1、 1． */
    PSI_MARK_NUM_PAREN, /* （1） (1) */
    PSI_MARK_DOTTED,    /* 1.1, 1.1.1 (depth in psi_marker.depth) */
    PSI_MARK_ARTICLE,   /* 第一条 */
    PSI_MARK_CHAPTER,   /* 第一章 */
    PSI_MARK_NAMED,     /* 结语, 附件 ... : unnumbered top-level headings */
} psi_mark_kind;

typedef struct psi_marker {
    psi_mark_kind kind;
    int depth;      /* dotted: number of components; others 1 */
    int num[4];     /* numeric value of each component */
    size_t n_bytes; /* bytes of the marker including its punctuation and spaces */
    char label[48]; /* "三", "（二）", "13", "3.1.1", "第五条": brackets made full-width */
} psi_marker;

/* Recognizes a marker at the start of s. Returns false when there is none. */
bool psi_marker_parse(const char *s, size_t n_bytes, psi_marker *m);
/* Unnumbered headings that open an end part of a document: "结语", "附件…", "抄送：…".
 * Returns the static name, or NULL. */
const char *psi_named_heading(const char *text, size_t n_bytes);
/* Parses a Chinese numeral (一 … 九十九, 〇, 两) or ASCII digits; -1 when not a number. */
int psi_parse_number(const char *s, size_t n_bytes);
/* Normal form of a label for lookups: "（二）" and "(2)" -> "(2)", "第13条"/"13." -> "13",
 * "3.1.1" -> "3.1.1", and a chapter-style Chinese numeral "十三"/"十三、" -> "cn:13" (which
 * lookups fall back to "13"). Returns false when the label has no number. */
bool psi_label_norm(const char *s, size_t n_bytes, char *out, size_t out_size);

/* Document metadata found in the opening paragraphs. */
void psi_meta_extract(const psi_blocks *bs, psi_arena *a, ps_doc_meta *meta);
/* "2024 年 6 月 28 日" -> "2024-06-28"; false when s holds no full date. */
bool psi_date_iso(const char *s, size_t n_bytes, char out[11]);

/* ---- Departments (dict.c, dept.c) ------------------------------------------------------------ */
#define PSI_NATIONAL "全国" /* the jurisdiction of the State Council and ministries */

/* Where a document's names are looked up: its jurisdiction, the ones above it, then national. */
typedef struct psi_dept_ctx {
    const char *chain[6];
    size_t n_chain;
    bool first_leads; /* the document says the first-listed body leads (排在第一位的为牵头单位) */
    bool known; /* chain[0] is the document's own jurisdiction, not just the national one */
} psi_dept_ctx;

/* Canonical name and jurisdiction of a name in the nearest dictionary of 'chain' (any
 * dictionary when n_chain is 0); false when none knows it. */
bool psi_dept_lookup(const char *name, size_t n_bytes, const char *const *chain, size_t n_chain,
                     const char **canonical, const char **jurisdiction);
/* The jurisdiction of a body no dictionary knows, named in a document of ctx. */
const char *psi_dept_jurisdiction_of(const char *name, const psi_dept_ctx *ctx);
/* j, the places above it (data/places.tsv) and PSI_NATIONAL; returns the count. */
size_t psi_jurisdiction_chain(const char *j, const char **out, size_t max);
/* The government a document belongs to, from its issuer, title, number or opening lines. */
const char *psi_doc_jurisdiction(const ps_doc_meta *m, const psi_blocks *paras, psi_arena *a);
/* Whether s is, whole, a place's name or short form of two characters or more (徐汇, 广州市). */
bool psi_is_place_name(const char *s, size_t n_bytes);

/* One responsibility tag in a text: where it is and what it says. */
typedef struct psi_dept_tag {
    size_t start, end; /* bytes of the text, brackets included */
    const ps_dept *v;
    size_t n;
    const char *deadline;
} psi_dept_tag;
typedef struct psi_tags {
    psi_dept_tag *v;
    size_t n, cap;
} psi_tags;
/* Every tag of a clause text, in order. */
void psi_dept_find_tags(const char *text, size_t n_bytes, const psi_dept_ctx *ctx, psi_arena *a,
                        psi_tags *out);
/* Whether the text is nothing but a list of bodies (a paragraph naming who does the measure
 * above it); if so, *out holds it as one tag. */
bool psi_is_names_only(const char *text, size_t n_bytes, const psi_dept_ctx *ctx, psi_arena *a,
                       psi_tags *out);
/* A duty section's entry: the body 'name' (a heading "（一）区建管委", or "1.街道消委办。" before
 * its duties) with the role its duty text starts with (牵头…: lead, 配合…: supporting).
 * False when 'name' is not a body's name. */
bool psi_dept_duty(const char *name, size_t n_bytes, const char *duty, size_t duty_n,
                   const psi_dept_ctx *ctx, psi_arena *a, psi_tags *out);
/* ---- Tables (table.c): task-division tables and any other table, read as rows -------------------
 */
typedef enum {
    PSI_COL_TASK,
    PSI_COL_NUMBER,      /* 序号 */
    PSI_COL_LEAD,        /* 牵头单位 */
    PSI_COL_SUPPORT,     /* 配合单位 */
    PSI_COL_RESPONSIBLE, /* 责任单位 */
    PSI_COL_DEADLINE,    /* 完成时限 */
} psi_column;

typedef struct psi_table_row {
    int number;                  /* its 序号 */
    const char *cells[12];       /* by column; NULL where the table has nothing */
    size_t line_start, line_end; /* first and last cell */
} psi_table_row;

typedef struct psi_table {
    psi_column kinds[12];
    size_t n_cols;
    psi_table_row **rows;
    size_t n_rows;
} psi_table;

/* A table whose header row (or caption) starts at paragraph i: a task-division table (牵头 /
 * 配合 / 责任 columns) or any other (one cell per paragraph with a 序号 column, Markdown pipe
 * rows, HTML cells, a list under a caption ending in 表 / 清单 / 名单). Fills 'out' and returns
 * the number of paragraphs it spans; 0 when no table starts there. */
size_t psi_table_at(const psi_blocks *paras, size_t i, psi_arena *a, psi_table *out);
/* Flags the blocks of every such table PSI_BLOCK_CELL, before paragraphs are rebuilt. */
void psi_tables_mark(psi_blocks *bs, psi_arena *a);

/* The departments of several tags as one list, in order, without repeats. */
void psi_depts_merge(const psi_tags *tags, psi_arena *a, const ps_dept **v, size_t *n);

struct ps_doc {
    psi_arena *arena;
    ps_doc_meta meta;
    ps_record *records;
    size_t n_records, cap_records;
    /* One record per clause that spans several paragraphs, with all of its text (part 0), so
     * that words spread over its paragraphs still meet "all in the same clause". Indexed, not
     * dumped. */
    ps_record *wholes;
    size_t n_wholes;
};

/* "name\x1fjurisdiction", the term of a department in one jurisdiction; the caller frees. */
char *psi_dept_place_term(const char *name, const char *jurisdiction);

/* A record (paragraph or whole clause) as compact JSON (record.c); the caller frees. */
char *psi_record_json(const ps_doc_meta *m, const ps_record *r);
/* A document's metadata {file,title,issuer,date,number,jurisdiction} as JSON; caller frees. */
char *psi_doc_meta_json(const ps_doc_meta *m);
/* Read back what those wrote, copying every string into 'a'. False when the JSON is damaged
 * (a field every record has is missing). */
bool psi_record_read(const char *json, psi_arena *a, ps_record *r, ps_doc_meta *m);
bool psi_doc_meta_read(const char *json, psi_arena *a, ps_doc_meta *m);

/* ---- The index (index.c) and its search results (search.c) ---------------------------------- */
struct psx_db;
struct ps_index {
    struct psx_db *db;
    char *path; /* a writer keeps its holder file here (holder.c) */
    bool writable;
    bool positional; /* a writer: it stores word positions (PS_OPEN_POSITIONS, older indexes) */
    bool verify;     /* some shard has no positions: phrases are checked on clause texts */
};
/* The metadata key that marks an index without positions (value "1"). */
#define PSI_KEY_VERIFY "format:verify"

/* An empty page of results. */
ps_hits *psi_hits_new(void);
/* Adds a stored record, read back from its JSON; fails (PS_ERR_DB) on a damaged one. */
ps_status psi_hits_add(ps_hits *h, const char *json, double score, const char *shared_terms,
                       ps_error *err);
void psi_hits_set_total(ps_hits *h, size_t total, bool exact);
/* Notes the shards ix has left out so far (PS_OPEN_PARTIAL): the JSON says "partial". */
void psi_hits_note_missing(ps_hits *h, const ps_index *ix);
size_t psi_hits_partial_count(const ps_hits *h);
const char *psi_hits_partial(const ps_hits *h, size_t i);
void psi_hits_set_shared(ps_hits *h, size_t i, const char *shared_terms);

/* Finds references to other documents in every record (cite.c). */
void psi_cites_extract(ps_doc *doc);
/* Where the issuer code of a document number ending at s[bracket] (the 〔 of 沪府发〔2024〕12号)
 * starts, without the words in front (根据, 和, 的通知 …); 'bracket' when no code is there. */
size_t psi_number_code_start(const char *s, size_t bracket);

/* Builds records from paragraphs (clause.c). */
void psi_clauses_build(ps_doc *doc, const psi_blocks *paras);

/* ---- Normalization and terms ------------------------------------------------------------------
 */
/* Normalized text: NFKC, case folded, traditional -> simplified, white space removed, with the
 * byte offset in the source of every normalized code point. */
typedef struct psi_norm {
    uint32_t *cp;       /* normalized code points */
    size_t *src;        /* source byte offset of the character each came from */
    size_t *src_end;    /* end byte offset of that source character */
    bool *space_before; /* white space preceded this code point in the source */
    size_t n, cap;
} psi_norm;
/* Normalizes s; the result holds no white space (space_before keeps word boundaries). */
ps_status psi_normalize(const char *s, size_t n_bytes, psi_norm *out, ps_error *err);
void psi_norm_free(psi_norm *nm);
/* Normalized UTF-8 string without white space. The caller must free() it. */
char *psi_normalize_str(const char *s, size_t n_bytes);

/* Term kinds produced by the tokenizer. A CJK character has a unigram only where no bigram
 * starts (the last of a run, or a lone one), or next to a Latin word ("5G网", "科创G60": an
 * edge unigram, the only kind with positions): a one-character word is found as its unigram
 * or any bigram it starts (PSQ_PREFIX), and a phrase reaches a character inside a run through
 * the bigram that starts there. */
typedef enum { PSI_TERM_UNI, PSI_TERM_UNI_EDGE, PSI_TERM_BI, PSI_TERM_WORD } psi_term_kind;
/* Called once per term: 'term' is NUL-terminated UTF-8; positions start at 1. */
typedef void (*psi_term_fn)(void *ctx, const char *term, size_t n_bytes, unsigned pos,
                            psi_term_kind kind);
/* Emits CJK unigrams and overlapping bigrams and whole Latin/digit words, with positions.
 * Punctuation leaves a gap so a phrase never matches across it, except brackets and quotes
 * (psi_is_see_through). Returns the last position. */
unsigned psi_tokenize(const psi_norm *nm, size_t from, size_t to, unsigned first_pos,
                      psi_term_fn fn, void *ctx);

/* ---- Index terms and query trees (shared with the C++ shim) --------------------------------- */

/* Term prefixes, Xapian omega style. Body text terms have no prefix. */
#define PSI_PREFIX_ID         "Q"  /* unique id: "Q" + record id */
#define PSI_PREFIX_FILE       "XF" /* document key */
#define PSI_PREFIX_DEPT       "XD" /* canonical department */
#define PSI_PREFIX_LEAD       "XL" /* department marked 牵头 */
#define PSI_PREFIX_SUPPORT    "XS" /* department marked 配合 */
#define PSI_PREFIX_DEPT_PLACE "XJ" /* department and its jurisdiction: psi_dept_place_term */
#define PSI_PLACE_SEP         '\x1f'
#define PSI_PREFIX_LABEL      "XN" /* normalized own label */
#define PSI_PREFIX_UNDER      "XA" /* normalized label of a heading above */
#define PSI_PREFIX_PATH       "XH" /* normalized labels from the top heading down: "cn:4/(6)/2" */
#define PSI_PREFIX_HEAD       "S"  /* terms of the clause's headings and the document title */
#define PSI_TERM_WHOLE        "XW" /* marks a whole-clause record (ps_doc.wholes) */
#define PSI_PREFIX_WHOLE      "W"  /* text terms of a whole-clause record */
#define PSI_TERM_PART         "XP" /* marks a paragraph of a clause of several paragraphs */
#define PSI_PREFIX_CITE       "XC" /* cite key of a title the clause refers to */
#define PSI_PREFIX_CITENO     "XR" /* cite key of a document number the clause refers to */

/* Value slots: document order, date, and the clause a paragraph belongs to (its id without the
 * "/pN" part), so a ranked search shows each clause once, at its best paragraph. */
enum { PSI_SLOT_ORDER = 0, PSI_SLOT_DATE = 1, PSI_SLOT_CLAUSE = 2, PSI_SLOT_MATCH = 3 };
/* What a clause is checked against when the index keeps no positions: its text as the
 * tokenizer reads it (tokenize.c: CJK characters, Latin words between PSI_MATCH_WORD marks,
 * PSI_MATCH_GAP where punctuation leaves a gap), then its departments, each between
 * PSI_MATCH_DEPT marks. A word's part is found there as a plain substring. */
#define PSI_MATCH_WORD '\x01'
#define PSI_MATCH_GAP  '\x02'
#define PSI_MATCH_DEPT '\x03'
void psi_match_text(psi_buf *out, const char *text);

/* Longest term body; Xapian's limit is 245 bytes with the prefix. */
enum { PSI_MAX_TERM_BYTES = 200 };

/* One posting: a term and its position, or PSI_POS_NONE (counted for ranking, no position), or
 * PSI_POS_BOOLEAN (a filter: no weight). */
enum { PSI_POS_BOOLEAN = 0, PSI_POS_NONE = (unsigned)-1 };
typedef struct psi_posting {
    char *term;
    unsigned pos;
} psi_posting;

typedef struct psi_terms {
    psi_posting *v;
    size_t n, cap;
} psi_terms;

void psi_terms_add(psi_terms *t, const char *prefix, const char *term, size_t n_bytes,
                   unsigned pos);
void psi_terms_free(psi_terms *t);
/* All terms of one record: id, filters, body and heading text (a whole-clause record's body
 * under PSI_PREFIX_WHOLE); with 'match' (may be NULL), its match text (PSI_SLOT_MATCH). */
void psi_record_terms(const ps_doc *doc, const ps_record *r, bool whole, bool positional,
                      psi_terms *out, psi_buf *match);
/* Sortable document-order key for a record. The caller must free() it. */
char *psi_order_key(const ps_doc *doc, const ps_record *r);

/* The unique-id term of a record id ("Q" + id, hashed when too long). The caller frees. */
char *psi_id_term(const char *id);

/* Query trees, built in C and turned into Xapian::Query by the shim. */
typedef enum {
    PSQ_TERM,   /* term */
    PSQ_PREFIX, /* every term that starts with 'term', weighted as one term (a synonym) */
    PSQ_PHRASE, /* kids are TERMs at consecutive positions */
    PSQ_AND,
    PSQ_OR,
    PSQ_AND_NOT, /* kids[0] without any of kids[1..] */
    PSQ_MAYBE,   /* kids[0], with kids[1..] adding weight where they match */
    PSQ_FILTER,  /* kids[0] restricted to kids[1] (boolean, no weight) */
    PSQ_ALL,     /* every clause */
    PSQ_NONE,    /* no clause */
} psq_op;

typedef struct psq_node {
    psq_op op;
    char *term;
    double scale; /* weight multiplier; 1 by default, 0 for pure filters */
    struct psq_node **kids;
    size_t n_kids;
} psq_node;

psq_node *psq_new(psq_op op);
psq_node *psq_term(const char *prefix, const char *term, size_t n_bytes);
void psq_add(psq_node *parent, psq_node *kid);
void psq_free(psq_node *n);
/* An AND or OR with one kid is that kid; with none, NULL (and freed). */
psq_node *psq_collapse(psq_node *n);
/* Related-clause search (related.c): the distinctive words of a text, with their counts. */
typedef struct psi_keyword {
    char *word; /* normalized */
    unsigned count;
} psi_keyword;
size_t psi_key_words(const char *text, psi_keyword **out);
void psi_key_words_free(psi_keyword *v, size_t n);
/* The query for one word: an AND of phrases (see query.c); NULL when it has no terms. */
psq_node *psi_word_node(const char *prefix, const char *text);

/* The same without positions (an AND of the terms), for fields indexed without them. */
psq_node *psi_word_node_loose(const char *prefix, const char *text);

/* Builds the full tree for a search: query, boosts and filters. */
/* Clause lookups try the label in turn: as the clause's own label, then as a heading above it;
 * a Chinese numeral first among chapter-style labels (十三、), then among all. */
size_t psi_label_modes(const ps_search *s);
/* Runs a tree on the index: a phrase is the AND of its terms where the index keeps no
 * positions ('how' then says how the caller checks the texts, or the answer is a superset). */
struct psx_run;
struct psx_page;
ps_status psi_query(ps_index *ix, const psq_node *tree, const struct psx_run *how,
                    struct psx_page *out, ps_error *err);
/* 'checked': the caller checks clause texts with psi_query_accept (see query_tree). */
psq_node *psi_search_tree(const ps_search *s, size_t label_mode, bool checked);
/* Whether a query needs its clauses' texts checked where the index keeps no positions (a
 * phrase, or a negated word), and the check itself: 'text' is a clause's PSI_SLOT_MATCH. */
bool psi_query_checked(const ps_query *q);
bool psi_query_accept(void *ctx, const char *text, size_t n_bytes);
/* The positive words of a query, and canonical names of departments among them. */
size_t psi_query_words(const ps_query *q, const char **out, size_t max);
/* True when the search ranks by relevance (has a text query). */
bool psi_search_ranked(const ps_search *s);

#ifdef __cplusplus
}
#endif
#endif
