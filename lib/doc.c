/* doc.c: one file -> ps_doc. Decodes, picks a reader by content (the corpus keeps Markdown and
 * HTML in .txt files, so the extension alone cannot tell), rebuilds paragraphs, finds the
 * document's metadata and builds its clause records. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ps-private.h"

typedef enum { FORMAT_TEXT, FORMAT_MARKDOWN, FORMAT_HTML } doc_format;

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), l = strlen(suffix);
    return n >= l && strcasecmp(s + n - l, suffix) == 0;
}

/* Counts lines that open with an HTML block tag and lines that look like Markdown structure. */
static doc_format sniff(const char *s, size_t n, const char *name)
{
    if (has_suffix(name, ".html") || has_suffix(name, ".htm"))
        return FORMAT_HTML;
    if (has_suffix(name, ".md") || has_suffix(name, ".markdown"))
        return FORMAT_MARKDOWN;
    size_t html = 0, md = 0, lines = 0;
    static const char *const tags[] = {"<p",     "<div", "<br", "<span", "<h1",   "<h2", "<h3",
                                       "<table", "<td",  "<li", "<html", "<body", NULL};
    for (size_t i = 0; i < n && lines < 2000; lines++) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - s) : n, j = i;
        while (j < end && (s[j] == ' ' || s[j] == '\t'))
            j++;
        for (const char *const *t = tags; *t; t++) {
            size_t l = strlen(*t);
            if (end - j > l && strncasecmp(s + j, *t, l) == 0 &&
                (s[j + l] == '>' || s[j + l] == ' ' || s[j + l] == '/')) {
                html++;
                break;
            }
        }
        if (end - j >= 2 && s[j] == '#' && (s[j + 1] == '#' || s[j + 1] == ' '))
            md++;
        else if (end - j >= 4 && s[j] == '*' && s[j + 1] == '*')
            md++;
        i = end + 1;
    }
    if (html >= 3)
        return FORMAT_HTML;
    return md >= 2 ? FORMAT_MARKDOWN : FORMAT_TEXT;
}

enum { MAX_LINE_BYTES = 1 << 20 };

/* Plain text and Markdown come in lines; one longer than a megabyte is not a policy document
 * (HTML is exempt: pages are often minified onto one line). */
static ps_status check_lines(const char *s, size_t n, const char *path, ps_error *err)
{
    size_t line = 1;
    for (const char *p = s, *end = s + n; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (len > MAX_LINE_BYTES)
            return psi_fail(err, PS_ERR_PARSE,
                            "%s:%zu: line of %zu bytes, over the %d limit: not a text document",
                            path, line, len, MAX_LINE_BYTES);
        p += len + 1;
    }
    return PS_OK;
}

/* A file of some size in which the reader found almost no text is markup, scripts or styles, or
 * a reader's failure: report it rather than index a near-empty document. Measured: corpus/ and
 * the crawled test pages yield 20-99% of their bytes as text; a Markdown news post whose HTML
 * body was skipped yielded 1.4%. */
enum { YIELD_MIN_FILE = 8192, YIELD_MIN_PERCENT = 2 };

static ps_status check_text_yield(const psi_blocks *bs, size_t n_bytes, const char *path,
                                  ps_error *err)
{
    size_t text = 0, chars = 0;
    for (size_t i = 0; i < bs->n; i++) {
        text += bs->v[i].n_bytes;
        for (size_t k = 0; k < bs->v[i].n_bytes; k++)
            chars += (bs->v[i].text[k] & 0xC0) != 0x80;
    }
    if (n_bytes <= YIELD_MIN_FILE || text * 100 >= n_bytes * YIELD_MIN_PERCENT)
        return PS_OK;
    return psi_fail(err, PS_ERR_PARSE,
                    "%s: only %zu characters of text in %zu KB (markup, scripts or styles?)", path,
                    chars, (n_bytes + 512) / 1024);
}

/* Reads a decoded text file (plain text, Markdown or HTML) into blocks. */
static ps_status read_text_file(const char *bytes, size_t n_bytes, const char *file_key,
                                const char *source_path, ps_doc *doc, psi_blocks *blocks,
                                ps_error *err)
{
    char *utf8 = NULL;
    size_t n = 0;
    const char *encoding = NULL;
    ps_status st = psi_decode(bytes, n_bytes, source_path, &utf8, &n, &encoding, err);
    if (st != PS_OK)
        return st;
    doc->meta.encoding = encoding;
    switch (sniff(utf8, n, file_key)) {
    case FORMAT_HTML:
        doc->meta.format = "html";
        st = psi_read_html(utf8, n, source_path, doc->arena, blocks, err);
        break;
    case FORMAT_MARKDOWN:
        doc->meta.format = "markdown";
        st = check_lines(utf8, n, source_path, err);
        if (st == PS_OK)
            st = psi_read_markdown(utf8, n, source_path, doc->arena, blocks, err);
        break;
    default:
        doc->meta.format = "text";
        st = check_lines(utf8, n, source_path, err);
        if (st == PS_OK)
            st = psi_read_text(utf8, n, source_path, doc->arena, blocks, err);
        break;
    }
    free(utf8);
    if (st == PS_OK && blocks->n == 0)
        st = psi_fail(err, PS_ERR_PARSE, "%s: no text found in %s", source_path, doc->meta.format);
    if (st == PS_OK)
        st = check_text_yield(blocks, n, source_path, err);
    return st;
}

/* Reads the file into blocks by what its bytes say it is; formats not read say so in one line. */
static ps_status read_file(const char *bytes, size_t n_bytes, const char *file_key,
                           const char *source_path, ps_doc *doc, psi_blocks *blocks, ps_error *err)
{
    ps_status (*read)(const char *, size_t, const char *, psi_arena *, psi_blocks *, ps_error *);
    switch (psi_file_kind_of(bytes, n_bytes)) {
    case PSI_FILE_PDF:
        doc->meta.format = "pdf";
        read = psi_read_pdf;
        break;
    case PSI_FILE_DOCX:
        doc->meta.format = "docx";
        read = psi_read_docx;
        break;
    case PSI_FILE_OFD:
        doc->meta.format = "ofd";
        read = psi_read_ofd;
        break;
    case PSI_FILE_OLE:
        return psi_fail(err, PS_ERR_PARSE,
                        "%s: a Word 97-2003 or WPS file (OLE2), not read: convert it to .docx "
                        "(libreoffice --headless --convert-to docx)",
                        source_path);
    case PSI_FILE_ZIP:
        return psi_fail(err, PS_ERR_PARSE, "%s: a zip archive, not a document", source_path);
    default:
        return read_text_file(bytes, n_bytes, file_key, source_path, doc, blocks, err);
    }
    ps_status st = read(bytes, n_bytes, source_path, doc->arena, blocks, err);
    if (st == PS_OK && blocks->n == 0)
        st = psi_fail(err, PS_ERR_PARSE, "%s: no text found in %s", source_path, doc->meta.format);
    return st;
}

/* Where a reader finds the record, said in its citation: a PDF's pages (of its first and
 * last lines; readers quote the page, not a line of extracted text), a .docx's paragraphs
 * (it has no pages until Word lays it out). */
static void add_places(ps_doc *doc, const psi_blocks *bs, ps_record *v, size_t n)
{
    for (size_t i = 0; (bs->pages || bs->whole_paragraphs) && i < n; i++) {
        ps_record *r = &v[i];
        if (r->line_start < 1 || r->line_start > r->line_end ||
            (bs->pages && r->line_end > bs->n_lines))
            continue;
        size_t from = r->line_start, to = r->line_end;
        const char *unit = "段";
        if (bs->pages) {
            from = r->page_start = bs->pages[r->line_start];
            to = r->page_end = bs->pages[r->line_end];
            unit = "页";
        }
        psi_buf c = {0};
        psi_buf_printf(&c, "%s，%s第%zu", r->citation ? r->citation : "", bs->pages ? "" : "原文",
                       from);
        if (to != from)
            psi_buf_printf(&c, "-%zu", to);
        psi_buf_puts(&c, unit);
        r->citation = psi_arena_strdup(doc->arena, c.data);
        psi_buf_free(&c);
    }
}

ps_status ps_doc_parse(const char *bytes, size_t n_bytes, const char *file_key,
                       const char *source_path, ps_doc **out, ps_error *err)
{
    *out = NULL;
    ps_doc *doc = psi_xcalloc(1, sizeof *doc);
    doc->arena = psi_arena_new();
    doc->meta.file = psi_arena_strdup(doc->arena, file_key);
    doc->meta.source = psi_arena_strdup(doc->arena, source_path);
    psi_blocks blocks;
    memset(&blocks, 0, sizeof blocks);
    ps_status st = read_file(bytes, n_bytes, file_key, source_path, doc, &blocks, err);
    if (st != PS_OK) {
        psi_blocks_free(&blocks);
        ps_doc_free(doc);
        return st;
    }
    psi_tables_mark(&blocks, doc->arena);
    psi_paragraphs(&blocks, doc->arena);
    psi_meta_extract(&blocks, doc->arena, &doc->meta);
    psi_clauses_build(doc, &blocks);
    add_places(doc, &blocks, doc->records, doc->n_records);
    add_places(doc, &blocks, doc->wholes, doc->n_wholes);
    psi_blocks_free(&blocks);
    *out = doc;
    return PS_OK;
}

void ps_doc_free(ps_doc *doc)
{
    if (!doc)
        return;
    psi_arena_free(doc->arena);
    free(doc->records);
    free(doc->wholes);
    free(doc);
}
