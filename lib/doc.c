/* doc.c: one file -> ps_doc. Decodes, picks a reader by content (the corpus keeps Markdown and
 * HTML in .txt files, so the extension alone cannot tell), rebuilds paragraphs, finds the
 * document's metadata and builds its clause records. Also renders a record as JSON. */
#include <jansson.h>
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
    static const char *const tags[] = {"<p", "<div", "<br", "<span", "<h1", "<h2", "<h3",
                                       "<table", "<td", "<li", "<html", "<body", NULL};
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
                            "%s:%zu: line of %zu bytes, over the %d limit: not a text document; "
                            "file skipped",
                            path, line, len, MAX_LINE_BYTES);
        p += len + 1;
    }
    return PS_OK;
}

ps_status ps_doc_parse(const char *bytes, size_t n_bytes, const char *file_key,
                       const char *source_path, ps_doc **out, ps_error *err)
{
    *out = NULL;
    char *utf8 = NULL;
    size_t n = 0;
    const char *encoding = NULL;
    ps_status st = psi_decode(bytes, n_bytes, source_path, &utf8, &n, &encoding, err);
    if (st != PS_OK)
        return st;
    ps_doc *doc = psi_xcalloc(1, sizeof *doc);
    doc->arena = psi_arena_new();
    doc->meta.file = psi_arena_strdup(doc->arena, file_key);
    doc->meta.source = psi_arena_strdup(doc->arena, source_path);
    doc->meta.encoding = encoding;
    psi_blocks blocks;
    memset(&blocks, 0, sizeof blocks);
    switch (sniff(utf8, n, file_key)) {
    case FORMAT_HTML:
        doc->meta.format = "html";
        st = psi_read_html(utf8, n, source_path, doc->arena, &blocks, err);
        break;
    case FORMAT_MARKDOWN:
        doc->meta.format = "markdown";
        st = check_lines(utf8, n, source_path, err);
        if (st == PS_OK)
            st = psi_read_markdown(utf8, n, source_path, doc->arena, &blocks, err);
        break;
    default:
        doc->meta.format = "text";
        st = check_lines(utf8, n, source_path, err);
        if (st == PS_OK)
            st = psi_read_text(utf8, n, source_path, doc->arena, &blocks, err);
        break;
    }
    free(utf8);
    if (st == PS_OK && blocks.n == 0)
        st = psi_fail(err, PS_ERR_PARSE, "%s: no text found in %s; file skipped", source_path,
                      doc->meta.format);
    if (st != PS_OK) {
        psi_blocks_free(&blocks);
        ps_doc_free(doc);
        return st;
    }
    psi_paragraphs(&blocks, doc->arena);
    psi_meta_extract(&blocks, doc->arena, &doc->meta);
    psi_clauses_build(doc, &blocks);
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

const ps_doc_meta *ps_doc_get_meta(const ps_doc *doc)
{
    return &doc->meta;
}

size_t ps_doc_record_count(const ps_doc *doc)
{
    return doc->n_records;
}

const ps_record *ps_doc_get_record(const ps_doc *doc, size_t i)
{
    return i < doc->n_records ? &doc->records[i] : NULL;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *str_array(const char *const *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_string(v[i]));
    return arr;
}

static json_t *meta_object(const ps_doc_meta *m)
{
    return json_pack("{s:s, s:o, s:o, s:o, s:o}", "file", m->file, "title", str_or_null(m->title),
                     "issuer", str_or_null(m->issuer), "date", str_or_null(m->date), "number",
                     str_or_null(m->number));
}

char *psi_doc_meta_json(const ps_doc *doc)
{
    json_t *o = meta_object(&doc->meta);
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    return s;
}

char *ps_record_to_json(const ps_doc *doc, size_t i)
{
    const ps_record *r = ps_doc_get_record(doc, i);
    return r ? psi_record_json(doc, r) : NULL;
}

char *psi_record_json(const ps_doc *doc, const ps_record *r)
{
    const ps_doc_meta *m = &doc->meta;
    json_t *path = json_array();
    for (size_t k = 0; k < r->n_path; k++)
        json_array_append_new(path, json_pack("{s:s, s:o}", "label", r->path[k].label, "title",
                                              str_or_null(r->path[k].title)));
    json_t *cites = json_array();
    for (size_t k = 0; k < r->n_cites; k++)
        json_array_append_new(cites, r->cites[k].title
                                         ? json_pack("{s:s}", "title", r->cites[k].title)
                                         : json_pack("{s:s}", "number", r->cites[k].number));
    json_t *o = json_pack(
        "{s:s, s:o, s:s, s:I, s:I, s:o, s:{s:s, s:I, s:I}, s:s, s:o, s:o, s:o, s:s, s:o}", "id", r->id,
        "doc", meta_object(m), "label", r->label, "part", (json_int_t)r->part, "parts", (json_int_t)r->parts, "path",
        path, "source", "file", m->source, "line_start", (json_int_t)r->line_start, "line_end",
        (json_int_t)r->line_end, "text", r->text, "departments",
        str_array(r->departments, r->n_departments), "lead", str_array(r->lead, r->n_lead),
        "supporting", str_array(r->supporting, r->n_supporting), "citation", r->citation, "cites",
        cites);
    if (!o)
        return NULL;
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}
