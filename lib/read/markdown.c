/* markdown.c: the Markdown reader, on cmark. One block per paragraph, heading or code block,
 * with cmark's source lines. Emphasis and links keep their words; a paragraph written wholly in
 * bold ("**（三）建设绿色生态城市**") counts as a heading, as its author meant.
 *
 * Raw HTML is markup, not text, with two consequences. Crawled news posts are Markdown only by
 * name: YAML front matter, then the page's HTML ("<div><p>…</p>…<style>…"); when raw HTML
 * outweighs the Markdown text, the body goes to the HTML reader instead. And cmark ends an
 * HTML block at a blank line, so the rest of a <style> or <script> that holds one would read as
 * paragraphs: text is left out from such an opening tag to its closing tag. */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ps-private.h"

/* Where a line that opens a numbered item starts a block of its own inside a paragraph. */
typedef struct line_split {
    size_t off;  /* byte offset in the paragraph's text */
    size_t line; /* 0-based line inside the paragraph */
} line_split;

typedef struct inline_text {
    psi_buf buf;
    bool pending_break; /* a soft or hard line break since the last text */
    size_t line;        /* line breaks seen so far */
    size_t line_off;    /* where the current line starts in buf */
    line_split *splits;
    size_t n_splits;
} inline_text;

/* Appends text without the "**" that CommonMark leaves when bold ends right after Chinese
 * punctuation ("**加强组织领导。**成立…" is not emphasis to cmark). */
static void put_unstarred(psi_buf *b, const char *s, bool join)
{
    psi_buf t = {0};
    for (const char *p = s; *p;) {
        const char *star = strstr(p, "**");
        size_t len = star ? (size_t)(star - p) : strlen(p);
        psi_buf_put(&t, p, len);
        p += len + (star ? 2 : 0);
    }
    if (join)
        psi_join_wrapped(b, t.data ? t.data : "", t.len);
    else
        psi_buf_put(b, t.data ? t.data : "", t.len);
    psi_buf_free(&t);
}

/* Whether a line break inside a paragraph separates two blocks: the next line opens a numbered
 * item or an end part, or the line before it ends a sentence or is a heading ("一、工作目标"). */
static bool line_ends_block(const inline_text *it, const char *next, size_t n)
{
    psi_marker m;
    if (psi_marker_parse(next, n, &m) || psi_named_heading(next, n))
        return true;
    const char *line = it->buf.data + it->line_off;
    size_t len = it->buf.len - it->line_off;
    static const char *const stops[] = {"。", "！", "？", "；", "：", NULL};
    for (const char *const *e = stops; *e; e++)
        if (len >= 3 && memcmp(line + len - 3, *e, 3) == 0)
            return true;
    return psi_marker_parse(line, len, &m) && !memmem(line, len, "。", 3);
}

static void put_text(inline_text *it, const char *s)
{
    if (!s)
        return;
    size_t len = strlen(s);
    if (it->pending_break && it->buf.len > 0 && line_ends_block(it, s, len)) {
        /* lines written without blank lines between them: "二、职责分工 ⏎ 1.街道消委办。…" */
        it->splits = psi_xrealloc(it->splits, (it->n_splits + 1) * sizeof *it->splits);
        it->splits[it->n_splits++] = (line_split){it->buf.len, it->line};
        it->line_off = it->buf.len;
        put_unstarred(&it->buf, s, false);
    } else {
        if (it->pending_break)
            it->line_off = it->buf.len;
        put_unstarred(&it->buf, s, it->pending_break);
    }
    it->pending_break = false;
}

/* Follows raw HTML through <style>/<script> and their closing tags: returns whether the text
 * after 'html' is still inside one. */
static bool raw_text_after(bool inside, const char *html)
{
    static const char *const tags[] = {"style", "script", NULL};
    for (const char *p = html ? strchr(html, '<') : NULL; p; p = strchr(p + 1, '<')) {
        bool closing = p[1] == '/';
        const char *name = p + 1 + closing;
        for (const char *const *t = tags; *t; t++) {
            size_t l = strlen(*t);
            if (strncasecmp(name, *t, l) == 0 && strchr(">/ \t\n", name[l])) /* also at NUL */
                inside = !closing;
        }
    }
    return inside;
}

/* Bytes of raw HTML (blocks and inline) and of Markdown text in the document. */
static void measure(cmark_node *root, size_t *html, size_t *text)
{
    *html = *text = 0;
    cmark_iter *iter = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *n = cmark_iter_get_node(iter);
        const char *lit = cmark_node_get_literal(n);
        size_t len = lit ? strlen(lit) : 0;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
            *html += len;
            break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_CODE_BLOCK:
            *text += len;
            break;
        default:
            break;
        }
    }
    cmark_iter_free(iter);
}

/* Collects the text of a leaf block's inlines; returns true when all of it is bold. Text inside
 * a <style> or <script> (*in_raw) is left out. */
static bool collect_inlines(cmark_node *block, inline_text *it, bool *in_raw)
{
    bool all_strong = true, any = false;
    cmark_iter *iter = cmark_iter_new(block);
    cmark_event_type ev;
    int strong_depth = 0;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(iter);
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_STRONG) {
            strong_depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
            continue;
        }
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (t == CMARK_NODE_HTML_INLINE) {
            *in_raw = raw_text_after(*in_raw, cmark_node_get_literal(n));
            continue;
        }
        if (*in_raw)
            continue;
        switch (t) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: {
            const char *lit = cmark_node_get_literal(n);
            size_t len = lit ? strlen(lit) : 0;
            psi_trim(lit ? lit : "", &len);
            if (len > 0) {
                any = true;
                if (strong_depth == 0)
                    all_strong = false;
            }
            put_text(it, lit);
            break;
        }
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            it->pending_break = true;
            it->line++;
            break;
        default:
            break;
        }
    }
    cmark_iter_free(iter);
    return any && all_strong;
}

ps_status psi_read_markdown(const char *s, size_t n_bytes, const char *path, psi_arena *a,
                            psi_blocks *out, ps_error *err)
{
    size_t fm = psi_front_matter(s, n_bytes, a, out);
    size_t line_offset = 0;
    for (size_t i = 0; i < fm; i++)
        line_offset += s[i] == '\n';
    cmark_node *root = cmark_parse_document(s + fm, n_bytes - fm, CMARK_OPT_DEFAULT);
    if (!root)
        return psi_fail(err, PS_ERR_PARSE, "%s: Markdown parser failed; file skipped", path);
    size_t html_bytes, text_bytes;
    measure(root, &html_bytes, &text_bytes);
    if (html_bytes > text_bytes) { /* an HTML page with front matter */
        cmark_node_free(root);
        return psi_read_html(s, n_bytes, path, a, out, err);
    }
    bool in_raw = false; /* inside a <style> or <script> opened in raw HTML */
    cmark_iter *iter = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *n = cmark_iter_get_node(iter);
        cmark_node_type t = cmark_node_get_type(n);
        unsigned flags = 0;
        inline_text it = {{0}, false, 0, 0, NULL, 0};
        if (t == CMARK_NODE_HEADING || t == CMARK_NODE_PARAGRAPH) {
            if (collect_inlines(n, &it, &in_raw) || t == CMARK_NODE_HEADING)
                flags |= PSI_BLOCK_HEADING;
        } else if (t == CMARK_NODE_CODE_BLOCK) {
            if (in_raw)
                continue;
            put_text(&it, cmark_node_get_literal(n));
        } else if (t == CMARK_NODE_HTML_BLOCK) {
            out->skipped++; /* raw HTML inside Markdown: markup, not clause text */
            in_raw = raw_text_after(in_raw, cmark_node_get_literal(n));
            continue;
        } else {
            continue;
        }
        size_t first = line_offset + (size_t)cmark_node_get_start_line(n);
        size_t last = line_offset + (size_t)cmark_node_get_end_line(n);
        for (size_t k = 0; k <= it.n_splits; k++) { /* one block per numbered line run */
            size_t from = k ? it.splits[k - 1].off : 0;
            size_t to = k < it.n_splits ? it.splits[k].off : it.buf.len;
            size_t len = to - from;
            const char *txt = psi_trim(it.buf.data ? it.buf.data + from : "", &len);
            size_t ls = first + (k ? it.splits[k - 1].line : 0);
            size_t le = k < it.n_splits ? first + it.splits[k].line - 1 : last;
            if (len > 0)
                psi_blocks_add(out, a, txt, len, ls, le > ls ? le : ls,
                               it.n_splits ? flags & ~(unsigned)PSI_BLOCK_HEADING : flags);
        }
        free(it.splits);
        psi_buf_free(&it.buf);
    }
    cmark_iter_free(iter);
    cmark_node_free(root);
    return PS_OK;
}
