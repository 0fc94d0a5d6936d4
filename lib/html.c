/* html.c: the HTML reader, on libxml2's forgiving HTML parser (news sites publish tag soup).
 *
 * One block per text-holding element (p, h1-h6, li, td, …) with the words of every inline child:
 * a stock-quote link inside a sentence ("<a …>上海电力</a>大学") keeps its words. Left out, and
 * counted as skipped: script, style, comments, images, and page furniture (QR-code promos,
 * share bars, footers). Credit lines such as "责任编辑：邓健" or "来源：…" are marked META:
 * they name an editor or a source, never a responsible department. */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

#include "ps-private.h"

enum { MAX_DEPTH = 512 };

static bool name_is(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (strcasecmp((const char *)n->name, *names) == 0)
            return true;
    return false;
}

static const char *const SKIP[] = {"script", "style", "noscript", "head",   "iframe", "nav",
                                   "footer", "form",  "button",   "select", "svg",    NULL};
static const char *const BLOCKS[] = {"p",  "h1", "h2", "h3", "h4",         "h5",  "h6",      "li",
                                     "td", "th", "dt", "dd", "blockquote", "pre", "caption", NULL};
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

typedef struct html_reader {
    psi_arena *arena;
    psi_blocks *out;
    size_t line_offset;
    size_t max_depth_seen;
} html_reader;

/* Appends the text under n; sets *all_strong false when some text is outside <strong>/<b>. */
static void gather(html_reader *r, xmlNode *n, psi_buf *b, int depth, bool in_strong,
                   bool *all_strong, size_t *newlines)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            const char *t = (const char *)c->content;
            size_t len = t ? strlen(t) : 0;
            for (size_t i = 0; i < len; i++)
                *newlines += t[i] == '\n';
            const char *tt = psi_trim(t ? t : "", &len);
            if (len && !in_strong)
                *all_strong = false;
            psi_join_wrapped(b, tt, len);
        } else if (c->type == XML_ELEMENT_NODE && !name_is(c, SKIP)) {
            if ((size_t)depth + 1 > r->max_depth_seen)
                r->max_depth_seen = (size_t)depth + 1;
            if (depth + 1 > MAX_DEPTH)
                return;
            bool strong = in_strong || strcasecmp((const char *)c->name, "strong") == 0 ||
                          strcasecmp((const char *)c->name, "b") == 0;
            gather(r, c, b, depth + 1, strong, all_strong, newlines);
        }
    }
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
    return false;
}

static void emit(html_reader *r, xmlNode *n, int depth)
{
    psi_buf b = {0};
    bool all_strong = true;
    size_t newlines = 0;
    gather(r, n, &b, depth, false, &all_strong, &newlines);
    size_t len = b.len;
    const char *t = psi_trim(b.data ? b.data : "", &len);
    if (len > 0) {
        unsigned flags = 0;
        if (name_is(n, HEADINGS) || all_strong)
            flags |= PSI_BLOCK_HEADING;
        if (is_meta_line(t, len))
            flags |= PSI_BLOCK_META;
        size_t line = r->line_offset + (size_t)xmlGetLineNo(n);
        psi_blocks_add(r->out, r->arena, t, len, line, line + newlines, flags);
    }
    psi_buf_free(&b);
}

static void walk(html_reader *r, xmlNode *n, int depth)
{
    for (xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if ((size_t)depth > r->max_depth_seen)
            r->max_depth_seen = (size_t)depth;
        if (depth > MAX_DEPTH)
            return;
        if (name_is(c, SKIP) || is_furniture(c)) {
            r->out->skipped++;
            continue;
        }
        if (name_is(c, BLOCKS))
            emit(r, c, depth);
        else
            walk(r, c->children, depth + 1);
    }
}

ps_status psi_read_html(const char *s, size_t n_bytes, const char *path, psi_arena *a,
                        psi_blocks *out, ps_error *err)
{
    size_t fm = psi_front_matter(s, n_bytes, a, out);
    html_reader r = {a, out, 0, 0};
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
    walk(&r, xmlDocGetRootElement(doc), 0);
    xmlFreeDoc(doc);
    if (too_deep)
        r.max_depth_seen = MAX_DEPTH + 1;
    if (r.max_depth_seen > MAX_DEPTH)
        return psi_fail(err, PS_ERR_PARSE,
                        "%s: HTML nested too deeply (hundreds of levels); file skipped", path);
    return PS_OK;
}
