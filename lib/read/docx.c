/* docx.c: the Word (.docx) reader: libzip opens the package, libxml2 reads word/document.xml.
 *   - One block per paragraph, as the file has it (no wrapped lines to rejoin); its "line" is
 *     its position among the document's paragraphs, which citations give as 原文第N段.
 *   - Automatic numbering (word/numbering.xml, set on the paragraph or on its style in
 *     word/styles.xml) is rendered into the text as Word shows it: 一、 （一） 1. （1） ①, so
 *     labels match what the reader sees.
 *   - Tables become pipe rows under their first row ("| 1 | 任务 | 市财政局 |"), which
 *     table.c reads as it reads Markdown's.
 *   - Deleted revisions, field codes, comments, headers and footers (parts of their own) are
 *     left out; inserted revisions are text. */
#include <libxml/tree.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "package.h"
#include "ps-private.h"

enum { LEVELS = 9 };

typedef enum {
    FMT_DECIMAL,
    FMT_CHINESE,
    FMT_CIRCLED,
    FMT_LOWER,
    FMT_UPPER,
    FMT_FULLWIDTH,
    FMT_NONE
} num_fmt;

typedef struct level {
    num_fmt fmt;
    char text[48]; /* lvlText: "%1、", "（%1）", "%1.%2" */
    int start;
} level;

typedef struct numbering {
    int num_id, abstract_id;
    level lv[LEVELS];
    bool override[LEVELS]; /* lvlOverride/startOverride: this list starts again */
    bool used;             /* a paragraph has been numbered by this w:num */
    int count[LEVELS];     /* the list's counters, kept by the first w:num of its abstractNum */
    bool counted[LEVELS];  /* count[k] holds a number */
} numbering;

typedef struct style_num {
    char *style_id;
    char *based_on;
    int num_id, ilvl; /* num_id 0: none */
} style_num;

typedef struct docx {
    numbering *nums;
    size_t n_nums;
    style_num *styles;
    size_t n_styles;
    psi_blocks *out;
    psi_arena *arena;
    size_t pos;      /* paragraphs and table rows so far */
    psi_buf title;   /* the centered paragraphs the document opens with */
    bool body_begun; /* a paragraph that is not centered came */
} docx;

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (psi_xml_is(c, name))
            return c;
    return NULL;
}

/* An attribute as an int; 'dflt' when absent (w:val and the like: any namespace prefix). */
static int int_attr(const xmlNode *n, const char *name, int dflt)
{
    return (int)psi_xml_num(n, name, dflt);
}

static int val_int(const xmlNode *n, int dflt)
{
    return int_attr(n, "val", dflt);
}

static char *val_str(const xmlNode *n)
{
    xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)"val") : NULL;
    char *r = v ? psi_xstrndup((const char *)v, strlen((const char *)v)) : NULL;
    xmlFree(v);
    return r;
}

static num_fmt fmt_named(const char *s)
{
    if (!s)
        return FMT_DECIMAL;
    if (strncmp(s, "chineseCounting", 15) == 0 || strcmp(s, "ideographTraditional") == 0 ||
        strcmp(s, "ideographLegalTraditional") == 0 || strcmp(s, "japaneseCounting") == 0)
        return FMT_CHINESE;
    if (strcmp(s, "decimalEnclosedCircle") == 0 || strcmp(s, "decimalEnclosedCircleChinese") == 0)
        return FMT_CIRCLED;
    if (strcmp(s, "lowerLetter") == 0)
        return FMT_LOWER;
    if (strcmp(s, "upperLetter") == 0)
        return FMT_UPPER;
    if (strcmp(s, "decimalFullWidth") == 0 || strcmp(s, "decimalFullWidth2") == 0)
        return FMT_FULLWIDTH;
    if (strcmp(s, "bullet") == 0 || strcmp(s, "none") == 0)
        return FMT_NONE;
    return FMT_DECIMAL;
}

/* word/numbering.xml: each w:num with the levels of its w:abstractNum (and its overrides). */
static void load_numbering(docx *d, zip_t *z)
{
    xmlDoc *doc = psi_package_xml(z, "word/numbering.xml");
    const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    for (const xmlNode *n = root ? root->children : NULL; n; n = n->next) {
        if (!psi_xml_is(n, "num"))
            continue;
        numbering nb = {.num_id = int_attr(n, "numId", 0),
                        .abstract_id = val_int(child(n, "abstractNumId"), -1)};
        for (const xmlNode *a = root->children; a; a = a->next) {
            bool match = psi_xml_is(a, "abstractNum") &&
                         int_attr(a, "abstractNumId", INT_MIN) == nb.abstract_id;
            for (const xmlNode *l = match ? a->children : NULL; l; l = l->next) {
                int k = psi_xml_is(l, "lvl") ? int_attr(l, "ilvl", -1) : -1;
                if (k < 0 || k >= LEVELS)
                    continue;
                char *fmt = val_str(child(l, "numFmt")), *text = val_str(child(l, "lvlText"));
                nb.lv[k].fmt = fmt_named(fmt);
                snprintf(nb.lv[k].text, sizeof nb.lv[k].text, "%s", text ? text : "");
                nb.lv[k].start = val_int(child(l, "start"), 1);
                free(fmt);
                free(text);
            }
        }
        for (const xmlNode *o = n->children; o; o = o->next) { /* w:lvlOverride/w:startOverride */
            int k = psi_xml_is(o, "lvlOverride") ? int_attr(o, "ilvl", -1) : -1;
            if (k >= 0 && k < LEVELS && child(o, "startOverride")) {
                nb.lv[k].start = val_int(child(o, "startOverride"), 1);
                nb.override[k] = true;
            }
        }
        d->nums = psi_xrealloc(d->nums, (d->n_nums + 1) * sizeof *d->nums);
        d->nums[d->n_nums++] = nb;
    }
    xmlFreeDoc(doc);
}

/* word/styles.xml: the numbering a paragraph style carries, and the style it is based on. */
static void load_styles(docx *d, zip_t *z)
{
    xmlDoc *doc = psi_package_xml(z, "word/styles.xml");
    const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    for (const xmlNode *s = root ? root->children : NULL; s; s = s->next) {
        if (!psi_xml_is(s, "style"))
            continue;
        xmlChar *id = xmlGetProp(s, (const xmlChar *)"styleId");
        const xmlNode *np = child(child(s, "pPr"), "numPr");
        style_num sn = {id ? psi_xstrndup((const char *)id, strlen((const char *)id)) : NULL,
                        val_str(child(s, "basedOn")), val_int(child(np, "numId"), 0),
                        val_int(child(np, "ilvl"), 0)};
        xmlFree(id);
        d->styles = psi_xrealloc(d->styles, (d->n_styles + 1) * sizeof *d->styles);
        d->styles[d->n_styles++] = sn;
    }
    xmlFreeDoc(doc);
}

static const style_num *style_named(const docx *d, const char *id)
{
    for (size_t i = 0; id && i < d->n_styles; i++)
        if (d->styles[i].style_id && strcmp(d->styles[i].style_id, id) == 0)
            return &d->styles[i];
    return NULL;
}

static void put_number(psi_buf *b, int v, num_fmt fmt)
{
    static const char *const DIGITS[] = {"〇", "一", "二", "三", "四",
                                         "五", "六", "七", "八", "九"};
    if (fmt == FMT_CHINESE && v > 0 && v < 100) {
        if (v >= 20)
            psi_buf_puts(b, DIGITS[v / 10]);
        if (v >= 10)
            psi_buf_puts(b, "十");
        if (v % 10 || v < 10)
            psi_buf_puts(b, DIGITS[v % 10]);
    } else if (fmt == FMT_CIRCLED && v > 0 && v <= 20) {
        char c[4];
        psi_buf_put(b, c, psi_utf8_encode(0x2460 + (uint32_t)v - 1, c));
    } else if ((fmt == FMT_LOWER || fmt == FMT_UPPER) && v > 0 && v <= 26) {
        psi_buf_putc(b, (char)((fmt == FMT_LOWER ? 'a' : 'A') + v - 1));
    } else if (fmt == FMT_FULLWIDTH && v >= 0) {
        char dec[16], c[4];
        snprintf(dec, sizeof dec, "%d", v);
        for (const char *p = dec; *p; p++)
            psi_buf_put(b, c, psi_utf8_encode(0xFF10 + (uint32_t)(*p - '0'), c));
    } else {
        psi_buf_printf(b, "%d", v);
    }
}

/* The label automatic numbering gives this paragraph, counted; "" when it has none. */
static void number_label(docx *d, const xmlNode *ppr, psi_buf *label)
{
    const xmlNode *np = child(ppr, "numPr");
    int num_id = val_int(child(np, "numId"), 0), ilvl = val_int(child(np, "ilvl"), 0);
    if (!np) { /* numbering from the paragraph's style, or a style it is based on */
        char *sid = val_str(child(ppr, "pStyle"));
        const style_num *s = style_named(d, sid);
        for (int hops = 0; s && !s->num_id && s->based_on && hops < 8; hops++)
            s = style_named(d, s->based_on);
        if (s && s->num_id)
            num_id = s->num_id, ilvl = s->ilvl;
        free(sid);
    }
    numbering *nb = NULL;
    for (size_t i = 0; i < d->n_nums && !nb; i++)
        if (d->nums[i].num_id == num_id)
            nb = &d->nums[i];
    if (!nb || ilvl < 0 || ilvl >= LEVELS || nb->lv[ilvl].fmt == FMT_NONE || !nb->lv[ilvl].text[0])
        return;
    /* Word counts a list per abstractNum: w:nums that share one go on counting (a list pasted
     * in pieces), unless a w:num restarts a level with a startOverride on its first use. */
    numbering *list = NULL; /* the first w:num of the abstractNum keeps the counters */
    for (size_t i = 0; i < d->n_nums && !list; i++)
        if (d->nums[i].abstract_id == nb->abstract_id)
            list = &d->nums[i];
    if (!nb->used)
        for (int k = 0; k < LEVELS; k++)
            if (nb->override[k])
                list->counted[k] = false;
    nb->used = true;
    list->count[ilvl] = list->counted[ilvl] ? list->count[ilvl] + 1 : nb->lv[ilvl].start;
    list->counted[ilvl] = true;
    for (int k = ilvl + 1; k < LEVELS; k++) /* a deeper list starts again */
        list->counted[k] = false;
    for (const char *t = nb->lv[ilvl].text; *t; t++) {
        if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
            int k = t[1] - '1';
            put_number(label, list->counted[k] ? list->count[k] : nb->lv[k].start, nb->lv[k].fmt);
            t++;
        } else {
            psi_buf_putc(label, *t);
        }
    }
}

/* The text of a paragraph's runs: w:t, tabs as spaces; deleted revisions and field codes out. */
static void runs_text(const xmlNode *n, psi_buf *b)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (psi_xml_is(c, "del") || psi_xml_is(c, "instrText") || psi_xml_is(c, "delText") ||
            psi_xml_is(c, "pPr") || psi_xml_is(c, "rPr") || psi_xml_is(c, "drawing") ||
            psi_xml_is(c, "pict") || psi_xml_is(c, "AlternateContent") ||
            psi_xml_is(c, "footnoteReference") || psi_xml_is(c, "endnoteReference") ||
            psi_xml_is(c, "commentReference"))
            continue;
        if (psi_xml_is(c, "t")) {
            xmlChar *t = xmlNodeGetContent(c);
            if (t)
                psi_buf_puts(b, (const char *)t);
            xmlFree(t);
        } else if (psi_xml_is(c, "tab")) {
            psi_buf_putc(b, ' ');
        } else {
            runs_text(c, b); /* w:r, w:ins, w:hyperlink, w:smartTag, w:sdtContent … */
        }
    }
}

/* A paragraph's text as Word shows it: its numbering label, then its runs. */
static void paragraph_text(docx *d, const xmlNode *p, psi_buf *b)
{
    number_label(d, child(p, "pPr"), b);
    runs_text(p, b);
}

static void add_block(docx *d, const char *text, size_t n, size_t line)
{
    while (n > 0 && (text[0] == ' ' || text[0] == '\t'))
        text++, n--;
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    if (n > 0)
        psi_blocks_add(d->out, d->arena, text, n, line, line, 0);
}

/* A cell's text: its paragraphs, also inside content controls and nested tables, space-joined. */
static void cell_text(docx *d, const xmlNode *n, psi_buf *cell)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (psi_xml_is(c, "p")) {
            if (cell->len)
                psi_buf_putc(cell, ' ');
            paragraph_text(d, c, cell);
        } else if (psi_xml_is(c, "tbl") || psi_xml_is(c, "tr") || psi_xml_is(c, "tc") ||
                   psi_xml_is(c, "sdt") || psi_xml_is(c, "sdtContent") ||
                   psi_xml_is(c, "customXml") || psi_xml_is(c, "ins")) {
            cell_text(d, c, cell);
        }
    }
}

/* A row as a pipe row; a bar inside a cell becomes a full-width one. */
static void row_text(docx *d, const xmlNode *tr, psi_buf *b)
{
    psi_buf_puts(b, "|");
    for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
        if (!psi_xml_is(tc, "tc"))
            continue;
        psi_buf cell = {0};
        cell_text(d, tc, &cell);
        psi_buf_putc(b, ' ');
        for (size_t i = 0; i < cell.len; i++) {
            if (cell.data[i] == '|')
                psi_buf_puts(b, "｜");
            else if (cell.data[i] != '\n')
                psi_buf_putc(b, cell.data[i]);
        }
        psi_buf_puts(b, " |");
        psi_buf_free(&cell);
    }
}

static void table(docx *d, const xmlNode *tbl)
{
    size_t rows = 0;
    for (const xmlNode *tr = tbl->children; tr; tr = tr->next) {
        if (!psi_xml_is(tr, "tr"))
            continue;
        psi_buf row = {0};
        row_text(d, tr, &row);
        d->pos++;
        add_block(d, row.data, row.len, d->pos);
        if (rows++ == 0) { /* the rule under the header, as Markdown writes it */
            psi_buf rule = {0};
            for (size_t i = 0; i < row.len; i++)
                if (row.data[i] == '|')
                    psi_buf_puts(&rule, rule.len ? "---|" : "|");
            add_block(d, rule.data, rule.len, d->pos);
            psi_buf_free(&rule);
        }
        psi_buf_free(&row);
    }
}

/* The title as the document opens: its centered paragraphs before the first one that is not,
 * but a 文号 (沪府发〔2024〕12号) or the issuer's mark (…文件). */
static void note_title(docx *d, const xmlNode *p, const psi_buf *t)
{
    if (d->body_begun || !t->len)
        return;
    char *jc = val_str(child(child(p, "pPr"), "jc"));
    bool center = jc && strcmp(jc, "center") == 0;
    free(jc);
    bool number = memmem(t->data, t->len, "〔", 3) && memmem(t->data, t->len, "号", 3);
    if (!center || psi_ends_with(t->data, t->len, "。"))
        d->body_begun = true;
    else if (!number && !psi_issuer_mark(t->data, t->len))
        psi_buf_put(&d->title, t->data, t->len);
}

static void body(docx *d, const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (psi_xml_is(c, "p")) {
            psi_buf t = {0};
            paragraph_text(d, c, &t);
            d->pos++;
            note_title(d, c, &t);
            add_block(d, t.data ? t.data : "", t.len, d->pos);
            psi_buf_free(&t);
        } else if (psi_xml_is(c, "tbl")) {
            table(d, c);
        } else if (psi_xml_is(c, "sdt")) {
            body(d, child(c, "sdtContent") ? child(c, "sdtContent") : c);
        } else if (psi_xml_is(c, "sdtContent") || psi_xml_is(c, "ins") ||
                   psi_xml_is(c, "customXml")) {
            body(d, c);
        }
    }
}

ps_status psi_read_docx(const char *bytes, size_t n_bytes, const char *path, psi_arena *a,
                        psi_blocks *out, ps_error *err)
{
    zip_t *z = psi_package_open(bytes, n_bytes);
    if (!z)
        return psi_fail(err, PS_ERR_PARSE, "%s: damaged .docx: not a readable zip", path);
    docx d = {.out = out, .arena = a};
    xmlDoc *doc = psi_package_xml(z, "word/document.xml");
    const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    ps_status st = PS_OK;
    if (!root || !child(root, "body")) {
        st = psi_fail(err, PS_ERR_PARSE, "%s: damaged .docx: no readable word/document.xml", path);
    } else {
        load_numbering(&d, z);
        load_styles(&d, z);
        body(&d, child(root, "body"));
        out->whole_paragraphs = true;
        if (d.title.len) /* a hint, as front matter's title is: the text's own comes first */
            out->fm_title = psi_squeeze_cjk_spaces(a, d.title.data, d.title.len);
    }
    psi_buf_free(&d.title);
    xmlFreeDoc(doc);
    zip_discard(z);
    free(d.nums);
    for (size_t i = 0; i < d.n_styles; i++) {
        free(d.styles[i].style_id);
        free(d.styles[i].based_on);
    }
    free(d.styles);
    return st;
}
