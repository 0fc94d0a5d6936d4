/* markdown.c: the Markdown reader, on cmark. One block per paragraph, heading or code block,
 * with cmark's source lines. Emphasis and links keep their words; a paragraph written wholly in
 * bold ("**（三）建设绿色生态城市**") counts as a heading, as its author meant. */
#include <cmark.h>
#include <string.h>

#include "ps-private.h"

typedef struct inline_text {
    psi_buf buf;
    bool pending_break; /* a soft or hard line break since the last text */
} inline_text;

static void put_text(inline_text *it, const char *s)
{
    if (!s)
        return;
    if (it->pending_break)
        psi_join_wrapped(&it->buf, s, strlen(s));
    else
        psi_buf_puts(&it->buf, s);
    it->pending_break = false;
}

/* Collects the text of a leaf block's inlines; returns true when all of it is bold. */
static bool collect_inlines(cmark_node *block, inline_text *it)
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
    cmark_iter *iter = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *n = cmark_iter_get_node(iter);
        cmark_node_type t = cmark_node_get_type(n);
        unsigned flags = 0;
        inline_text it = {{0}, false};
        if (t == CMARK_NODE_HEADING || t == CMARK_NODE_PARAGRAPH) {
            if (collect_inlines(n, &it) || t == CMARK_NODE_HEADING)
                flags |= PSI_BLOCK_HEADING;
        } else if (t == CMARK_NODE_CODE_BLOCK) {
            put_text(&it, cmark_node_get_literal(n));
        } else if (t == CMARK_NODE_HTML_BLOCK) {
            out->skipped++; /* raw HTML inside Markdown: markup, not clause text */
            continue;
        } else {
            continue;
        }
        size_t len = it.buf.len;
        const char *txt = psi_trim(it.buf.data ? it.buf.data : "", &len);
        if (len > 0)
            psi_blocks_add(out, a, txt, len, line_offset + (size_t)cmark_node_get_start_line(n),
                           line_offset + (size_t)cmark_node_get_end_line(n), flags);
        psi_buf_free(&it.buf);
    }
    cmark_iter_free(iter);
    cmark_node_free(root);
    return PS_OK;
}
