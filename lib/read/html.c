/* html.c: the HTML reader, on libxml2's forgiving HTML parser (news sites publish tag soup).
 *
 * One block per text-holding element (p, h1-h6, li, td, …) with the words of every inline child:
 * a stock-quote link inside a sentence ("<a …>上海电力</a>大学") keeps its words. An element
 * that holds other blocks is a container: government sites put a whole document in one
 * <td id="UCAP-CONTENT"> of many <p>, so each run of inline text between its child blocks is a
 * block of its own, and the child blocks are read in turn. A <br> joins the pieces of a block
 * (titles broken over lines) unless the piece after it opens a numbered item ("一、…<br>二、…").
 * Left out, and counted as skipped: script, style, comments, images, and page furniture
 * (QR-code promos, share bars, footers). Credit lines such as "责任编辑：邓健" or "来源：…" and
 * the metadata box of gov.cn pages (索引号 / 发文机关 / 成文日期 / 标题 / 发文字号 …) are marked
 * META: they describe the document, they are not clauses. */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ps-private.h"

enum { MAX_DEPTH = 512, MAX_BOX_ROWS = 16, MAX_BOX_NODES = 400, MAX_BOX_BYTES = 1024 };

static bool name_is(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (strcasecmp((const char *)n->name, *names) == 0)
            return true;
    return false;
}

static bool name_eq(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

static const char *const SKIP[] = {"script", "style", "noscript", "head",   "iframe", "nav",
                                   "footer", "form",  "button",   "select", "svg",    NULL};
static const char *const BLOCKS[] = {"p",  "h1", "h2", "h3", "h4",         "h5",  "h6",      "li",
                                     "td", "th", "dt", "dd", "blockquote", "pre", "caption", NULL};
/* Block-level elements that hold no text of their own in well-formed pages; text found
 * directly inside one is still read, a run at a time. */
static const char *const CONTAINERS[] = {
    "html",   "body",    "div",     "table",  "thead",      "tbody",   "tfoot",   "tr",
    "ul",     "ol",      "dl",      "menu",   "dir",        "section", "article", "header",
    "main",   "aside",   "center",  "figure", "figcaption", "address", "hr",      "fieldset",
    "legend", "details", "summary", "hgroup", NULL};
static const char *const HEADINGS[] = {"h1", "h2", "h3", "h4", "h5", "h6", NULL};

/* Page furniture by class or id: "appendQr_wrap", "share-bar", "footer" … */
static bool is_furniture(xmlNode *n)
{
    static const char *const words[] = {"qr",      "share", "footer", "copyright",
                                        "comment", "nav",   "advert", NULL};
    const char *attrs[] = {"class", "id"};
    for (size_t k = 0; k < 2; k++) {
        xmlChar *v = xmlGetProp(n, (const xmlChar *)attrs[k]);
        if (!v)
            continue;
        bool hit = false;
        for (const char *const *w = words; *w && !hit; w++)
            hit = strcasestr((const char *)v, *w) != NULL;
        xmlFree(v);
        if (hit)
            return true;
    }
    return false;
}

/* Labels of the metadata box on gov.cn pages ("索 引 号：", "标　　题："). */
static const char *const BOX_LABELS[] = {"索引号",   "主题分类", "发文机关", "成文日期", "标题",
                                         "发文字号", "发布日期", "主题词",   NULL};

/* Length of a box label at the start of s, spaces inside it allowed, with its colon (which
 * may be missing only when the label is all of s); 0 when s does not open with one. */
static size_t box_label(const char *s, size_t n)
{
    for (const char *const *l = BOX_LABELS; *l; l++) {
        size_t i = 0, j = 0, ln = strlen(*l);
        bool ok = true;
        while (ok && j < ln) {
            while (i < n) {
                size_t k = i;
                if (!psi_is_space(psi_utf8_next(s, n, &k)))
                    break;
                i = k;
            }
            size_t j2 = j, i2 = i;
            uint32_t want = psi_utf8_next(*l, ln, &j2);
            ok = i < n && psi_utf8_next(s, n, &i2) == want;
            i = i2;
            j = j2;
        }
        if (!ok)
            continue;
        while (i < n) {
            size_t k = i;
            if (!psi_is_space(psi_utf8_next(s, n, &k)))
                break;
            i = k;
        }
        if (i == n)
            return n;
        if (n - i >= 3 && memcmp(s + i, "：", 3) == 0)
            return i + 3;
        if (s[i] == ':')
            return i + 1;
    }
    return 0;
}

/* A piece of a run of inline text, ended by a <br> or by the end of the run. */
typedef struct seg {
    size_t end;                  /* byte offset in the run text */
    bool strong;                 /* no text outside <strong>/<b> */
    size_t line_start, line_end; /* of its first and last characters; 0 without text */
} seg;

typedef struct html_reader {
    psi_arena *arena;
    psi_blocks *out;
    size_t line_offset;
    size_t max_depth_seen;
    size_t cursor; /* source line the walk has reached (libxml2's numbering) */
    size_t blocks; /* block-level elements entered so far */
    /* The open run of inline text. */
    psi_buf text;
    seg cur;
    seg *segs;
    size_t n_segs, cap_segs;
    size_t newlines; /* newline characters in its text nodes */
} html_reader;

static size_t count_nl(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    return k;
}

/* Appends a text node to the run. libxml2 numbers a text node by the line where it read its
 * first chunk of characters, so its first line comes from the walk's cursor when later. */
static void add_text(html_reader *r, xmlNode *t, bool in_strong)
{
    const char *s = (const char *)t->content;
    size_t len = s ? strlen(s) : 0;
    size_t nl = count_nl(s, len);
    size_t base = r->cursor;
    long ln = xmlGetLineNo(t);
    if (ln > 0 && (size_t)ln >= nl && (size_t)ln - nl > base)
        base = (size_t)ln - nl;
    r->cursor = base + nl;
    r->newlines += nl;
    size_t n = len;
    const char *tt = psi_trim(s ? s : "", &n);
    if (n == 0)
        return;
    if (!in_strong)
        r->cur.strong = false;
    if (!r->cur.line_start)
        r->cur.line_start = base + count_nl(s, (size_t)(tt - s));
    r->cur.line_end = base + count_nl(s, (size_t)(tt - s) + n);
    psi_join_wrapped(&r->text, tt, n);
}

static void end_seg(html_reader *r)
{
    if (r->n_segs == r->cap_segs) {
        r->cap_segs = r->cap_segs ? r->cap_segs * 2 : 8;
        r->segs = psi_xrealloc(r->segs, r->cap_segs * sizeof *r->segs);
    }
    r->cur.end = r->text.len;
    r->segs[r->n_segs++] = r->cur;
    r->cur = (seg){0, true, 0, 0};
}

static bool is_meta_line(const char *s, size_t n)
{
    static const char *const prefixes[] = {"原标题", "来源", "责任编辑", "编辑", "作者",
                                           "记者",   "校对", "审核",     NULL};
    for (const char *const *p = prefixes; *p; p++) {
        size_t pl = strlen(*p);
        if (n > pl && memcmp(s, *p, pl) == 0 &&
            (memcmp(s + pl, ":", 1) == 0 || (n >= pl + 3 && memcmp(s + pl, "：", 3) == 0)))
            return true;
    }
    size_t bl = box_label(s, n);
    return bl > 0 && bl < n; /* "发文字号：国办函〔2004〕57号" */
}

static void add_block(html_reader *r, const char *s, size_t n, size_t line, size_t line_end,
                      unsigned flags)
{
    const char *t = psi_trim(s, &n);
    if (n == 0)
        return;
    if (is_meta_line(t, n))
        flags |= PSI_BLOCK_META;
    psi_blocks_add(r->out, r->arena, t, n, r->line_offset + line,
                   r->line_offset + (line_end > line ? line_end : line), flags);
}

/* Emits the open run: one block, or one per piece when a <br> is followed by a numbering
 * marker. 'leaf' is the text-holding element whose whole content the run is: its block keeps
 * the element's line. */
static void flush(html_reader *r, xmlNode *leaf, bool heading)
{
    end_seg(r);
    const char *text = r->text.data ? r->text.data : "";
    size_t first = 0; /* first segment of the piece being built */
    for (size_t k = 1; k <= r->n_segs; k++) {
        if (k < r->n_segs) {
            size_t from = r->segs[k - 1].end, n = r->text.len - from;
            const char *rest = psi_trim(text + from, &n);
            psi_marker m;
            if (r->segs[k].line_start == 0 || !psi_marker_parse(rest, n, &m))
                continue;
        }
        /* segments first .. k-1 make one block */
        size_t from = first ? r->segs[first - 1].end : 0, to = r->segs[k - 1].end;
        bool strong = true;
        size_t ls = 0, le = 0;
        for (size_t i = first; i < k; i++) {
            strong = strong && r->segs[i].strong;
            if (r->segs[i].line_start) {
                ls = ls ? ls : r->segs[i].line_start;
                le = r->segs[i].line_end;
            }
        }
        unsigned flags = heading || strong ? PSI_BLOCK_HEADING : 0;
        if (leaf && first == 0 && k == r->n_segs) { /* the whole element */
            ls = (size_t)xmlGetLineNo(leaf);
            le = ls + r->newlines;
        }
        add_block(r, text + from, to - from, ls, le, flags);
        first = k;
    }
    psi_buf_clear(&r->text);
    r->n_segs = 0;
    r->cur = (seg){0, true, 0, 0};
    r->newlines = 0;
}

/* Text of a table cell, for the metadata box; gives up (returns false) after *budget nodes,
 * or at a nested table, so that telling a box from a page-layout table stays cheap. */
static bool cell_text(xmlNode *n, psi_buf *b, size_t *budget)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (*budget == 0)
            return false;
        --*budget;
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            size_t len = c->content ? strlen((const char *)c->content) : 0;
            const char *t = psi_trim(c->content ? (const char *)c->content : "", &len);
            psi_join_wrapped(b, t, len);
        } else if (c->type == XML_ELEMENT_NODE && !name_is(c, SKIP)) {
            if (name_eq(c, "table") || !cell_text(c, b, budget))
                return false;
        }
    }
    return true;
}

/* The rows of a table: its own <tr>, directly or in thead / tbody / tfoot; at most max. */
static size_t table_rows(xmlNode *table, xmlNode **rows, size_t max)
{
    size_t n = 0;
    for (xmlNode *c = table->children; c; c = c->next) {
        if (name_eq(c, "tr")) {
            if (n == max)
                return max + 1;
            rows[n++] = c;
        } else if (name_eq(c, "thead") || name_eq(c, "tbody") || name_eq(c, "tfoot")) {
            for (xmlNode *t = c->children; t; t = t->next)
                if (name_eq(t, "tr")) {
                    if (n == max)
                        return max + 1;
                    rows[n++] = t;
                }
        }
    }
    return n;
}

static bool is_cell(const xmlNode *c)
{
    return name_eq(c, "td") || name_eq(c, "th");
}

/* The metadata box: a small table each of whose rows opens with a box label ("发文机关："). */
static bool is_meta_table(xmlNode *table)
{
    xmlNode *rows[MAX_BOX_ROWS];
    size_t n_rows = table_rows(table, rows, MAX_BOX_ROWS), labelled = 0, budget = MAX_BOX_NODES;
    bool ok = n_rows <= MAX_BOX_ROWS;
    for (size_t i = 0; i < n_rows && ok; i++) {
        bool first = true;
        for (xmlNode *c = rows[i]->children; c && ok; c = c->next) {
            if (!is_cell(c))
                continue;
            psi_buf b = {0};
            ok = cell_text(c, &b, &budget) && b.len <= MAX_BOX_BYTES;
            if (ok && first && b.len) {
                ok = box_label(b.data, b.len) == b.len;
                first = false;
                labelled++;
            }
            psi_buf_free(&b);
        }
    }
    return ok && labelled > 0;
}

/* Each label cell with the value cell after it becomes one META block ("发文机关：国务院"). */
static void emit_meta_table(html_reader *r, xmlNode *table)
{
    xmlNode *rows[MAX_BOX_ROWS];
    size_t n_rows = table_rows(table, rows, MAX_BOX_ROWS);
    for (size_t i = 0; i < n_rows; i++) {
        xmlNode *tr = rows[i];
        psi_buf b = {0};
        size_t line = 0;
        for (xmlNode *c = tr->children; c; c = c->next) {
            if (!is_cell(c))
                continue;
            psi_buf t = {0};
            size_t budget = MAX_BOX_NODES;
            cell_text(c, &t, &budget);
            bool label = t.len && box_label(t.data, t.len) == t.len;
            if (label || !b.len) { /* a new pair, or a value without a label */
                if (b.len && box_label(b.data, b.len) < b.len)
                    add_block(r, b.data, b.len, line, line, PSI_BLOCK_META);
                psi_buf_clear(&b);
                line = (size_t)xmlGetLineNo(c);
            }
            if (t.len)
                psi_join_wrapped(&b, t.data, t.len);
            psi_buf_free(&t);
        }
        if (b.len && box_label(b.data, b.len) < b.len) /* a label with no value is left out */
            add_block(r, b.data, b.len, line, line, PSI_BLOCK_META);
        psi_buf_free(&b);
    }
}

static void visit_children(html_reader *r, xmlNode *n, int depth, bool in_strong, bool heading);

static void visit_element(html_reader *r, xmlNode *c, int depth, bool in_strong, bool heading)
{
    if ((size_t)depth > r->max_depth_seen)
        r->max_depth_seen = (size_t)depth;
    if (depth > MAX_DEPTH)
        return;
    long ln = xmlGetLineNo(c);
    if (ln > 0 && (size_t)ln > r->cursor)
        r->cursor = (size_t)ln;
    if (name_is(c, SKIP) || is_furniture(c)) {
        r->out->skipped++;
        return;
    }
    if (name_eq(c, "br")) {
        end_seg(r);
        return;
    }
    if (!name_is(c, BLOCKS) && !name_is(c, CONTAINERS)) { /* inline */
        bool strong = in_strong || name_eq(c, "strong") || name_eq(c, "b");
        visit_children(r, c, depth + 1, strong, heading);
        return;
    }
    flush(r, NULL, heading); /* the text before it */
    r->blocks++;
    if (name_eq(c, "table") && is_meta_table(c)) {
        emit_meta_table(r, c);
        return;
    }
    size_t mark = r->blocks;
    bool h = heading || name_is(c, HEADINGS);
    visit_children(r, c, depth + 1, false, h);
    /* No block inside: the element is one block, at its own line, as written. */
    flush(r, r->blocks == mark && name_is(c, BLOCKS) ? c : NULL, h);
}

static void visit_children(html_reader *r, xmlNode *n, int depth, bool in_strong, bool heading)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            add_text(r, c, in_strong);
        else if (c->type == XML_ELEMENT_NODE)
            visit_element(r, c, depth, in_strong, heading);
        if (depth > MAX_DEPTH)
            return;
    }
}

ps_status psi_read_html(const char *s, size_t n_bytes, const char *path, psi_arena *a,
                        psi_blocks *out, ps_error *err)
{
    size_t fm = psi_front_matter(s, n_bytes, a, out);
    html_reader r;
    memset(&r, 0, sizeof r);
    r.arena = a;
    r.out = out;
    r.cur = (seg){0, true, 0, 0};
    for (size_t i = 0; i < fm; i++)
        r.line_offset += s[i] == '\n';
    if (n_bytes - fm > (size_t)1 << 30)
        return psi_fail(err, PS_ERR_PARSE, "%s: HTML too large; file skipped", path);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return psi_fail(err, PS_ERR_NOMEM, "%s: out of memory", path);
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, s + fm, (int)(n_bytes - fm), NULL, "UTF-8",
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    /* libxml2 stops at its own nesting limit and recovers silently: say why text is missing. */
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    bool too_deep = e && e->message && strstr(e->message, "depth");
    htmlFreeParserCtxt(ctxt);
    if (!doc)
        return psi_fail(err, PS_ERR_PARSE, "%s: HTML parser failed; file skipped", path);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root)
        visit_element(&r, root, 0, false, false);
    flush(&r, NULL, false);
    xmlFreeDoc(doc);
    psi_buf_free(&r.text);
    free(r.segs);
    if (too_deep)
        r.max_depth_seen = MAX_DEPTH + 1;
    if (r.max_depth_seen > MAX_DEPTH)
        return psi_fail(err, PS_ERR_PARSE,
                        "%s: HTML nested too deeply (hundreds of levels); file skipped", path);
    return PS_OK;
}
