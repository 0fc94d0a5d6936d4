/* ofd.c: the OFD reader (GB/T 33190: a zip of XML pages), with libzip and libxml2. OFD.xml names
 * the document (DocRoot), whose Pages list each page's Content.xml in reading order. A page's
 * text is TextObjects: a Boundary box ("x y w h", millimetres) and TextCodes placed in it (X, Y
 * of the baseline; DeltaX the advances, "g N d" meaning N times d). Each TextCode becomes a
 * fragment with its box, and layout.c rebuilds lines, paragraphs, running headers and pages as
 * it does for PDF. Signatures, seals and templates are not text of the document. */
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "package.h"
#include "ps-private.h"

/* The first element named 'name' in the subtree, depth first. */
static const xmlNode *find(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if (psi_xml_is(c, name))
            return c;
        const xmlNode *in = find(c, name);
        if (in)
            return in;
    }
    return NULL;
}

static char *text_of(const xmlNode *n)
{
    xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
    char *r = t ? psi_xstrndup((const char *)t, strlen((const char *)t)) : NULL;
    xmlFree(t);
    return r;
}

/* "x y w h" */
static bool box_of(const xmlNode *n, const char *name, double v[4])
{
    xmlChar *b = xmlGetProp(n, (const xmlChar *)name);
    bool ok = b && sscanf((const char *)b, "%lf %lf %lf %lf", &v[0], &v[1], &v[2], &v[3]) == 4;
    xmlFree(b);
    return ok;
}

/* The sum of a DeltaX list: "5.57 5.57 2.77" or "g 3 5.57 2.77". */
static double advance(const xmlNode *code)
{
    xmlChar *d = xmlGetProp(code, (const xmlChar *)"DeltaX");
    double sum = 0;
    const char *p = d ? (const char *)d : "";
    while (*p) {
        char *end;
        while (*p == ' ')
            p++;
        if (*p == 'g') {
            long times = strtol(p + 1, &end, 10);
            double each = strtod(end, &end);
            sum += (double)times * each;
        } else {
            sum += strtod(p, &end);
        }
        if (end == p)
            break;
        p = end;
    }
    xmlFree(d);
    return sum;
}

typedef struct page_text {
    psi_frag *v;
    size_t n, cap;
    char **texts; /* owned: the fragments' strings */
} page_text;

/* An object's CTM "a b c d e f" (identity when absent): its coordinates, size and advances
 * are in its own space, scaled into the page's (seen: Size 600 with a CTM of 0.0176). */
typedef struct ctm {
    double a, b, c, d, e, f;
} ctm;

static ctm ctm_of(const xmlNode *n)
{
    ctm m = {1, 0, 0, 1, 0, 0};
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"CTM");
    if (v &&
        sscanf((const char *)v, "%lf %lf %lf %lf %lf %lf", &m.a, &m.b, &m.c, &m.d, &m.e, &m.f) != 6)
        m = (ctm){1, 0, 0, 1, 0, 0};
    xmlFree(v);
    return m;
}

static void add_code(page_text *pt, const double box[4], double size, ctm m, const xmlNode *code)
{
    char *t = text_of(code);
    if (!t || !*t) {
        free(t);
        return;
    }
    double ox = psi_xml_num(code, "X", 0), oy = psi_xml_num(code, "Y", size);
    double x = box[0] + m.a * ox + m.c * oy + m.e, base = box[1] + m.b * ox + m.d * oy + m.f;
    double scale = sqrt(fabs(m.a * m.d - m.b * m.c)), h = size * scale;
    if (pt->n == pt->cap) {
        pt->cap = pt->cap ? pt->cap * 2 : 64;
        pt->v = psi_xrealloc(pt->v, pt->cap * sizeof *pt->v);
        pt->texts = psi_xrealloc(pt->texts, pt->cap * sizeof *pt->texts);
    }
    /* the last character's own width is not in DeltaX: about the type size */
    pt->v[pt->n] = (psi_frag){base - h / 2, h, x, x + advance(code) * fabs(m.a) + h, t, strlen(t)};
    pt->texts[pt->n++] = t;
}

static void page_codes(page_text *pt, const xmlNode *n)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if (psi_xml_is(c, "TextObject")) {
            double box[4];
            if (!box_of(c, "Boundary", box))
                continue;
            double size = psi_xml_num(c, "Size", 3.5);
            ctm m = ctm_of(c);
            for (const xmlNode *code = c->children; code; code = code->next)
                if (psi_xml_is(code, "TextCode"))
                    add_code(pt, box, size, m, code);
        } else if (c->type == XML_ELEMENT_NODE) {
            page_codes(pt, c); /* Content, Layer, PageBlock */
        }
    }
}

/* "Doc_0/Document.xml" + "Pages/Page_0/Content.xml": a BaseLoc is relative to its document. */
static char *resolve(const char *doc_path, const char *loc)
{
    if (*loc == '/')
        return psi_xstrndup(loc + 1, strlen(loc + 1));
    const char *slash = strrchr(doc_path, '/');
    size_t dir = slash ? (size_t)(slash - doc_path) + 1 : 0;
    char *r = psi_xmalloc(dir + strlen(loc) + 1);
    memcpy(r, doc_path, dir);
    strcpy(r + dir, loc);
    return r;
}

ps_status psi_read_ofd(const char *bytes, size_t n_bytes, const char *path, psi_arena *a,
                       psi_blocks *out, ps_error *err)
{
    zip_t *z = psi_package_open(bytes, n_bytes);
    if (!z)
        return psi_fail(err, PS_ERR_PARSE, "%s: damaged OFD: not a readable zip", path);
    xmlDoc *ofd = psi_package_xml(z, "OFD.xml");
    char *root = ofd ? text_of(find(xmlDocGetRootElement(ofd), "DocRoot")) : NULL;
    xmlDoc *doc = root ? psi_package_xml(z, root) : NULL;
    const xmlNode *pages = doc ? find(xmlDocGetRootElement(doc), "Pages") : NULL;
    ps_status st = PS_OK;
    if (!pages) {
        st = psi_fail(err, PS_ERR_PARSE, "%s: damaged OFD: no document with pages", path);
    } else {
        double area[4] = {0, 0, 210, 297}; /* A4 unless the document says */
        const xmlNode *phys = find(find(xmlDocGetRootElement(doc), "PageArea"), "PhysicalBox");
        char *pb = text_of(phys);
        if (pb)
            sscanf(pb, "%lf %lf %lf %lf", &area[0], &area[1], &area[2], &area[3]);
        free(pb);
        psi_layout *lo = psi_layout_new();
        for (const xmlNode *p = pages->children; p; p = p->next) {
            if (!psi_xml_is(p, "Page"))
                continue;
            xmlChar *loc = xmlGetProp(p, (const xmlChar *)"BaseLoc");
            char *part = loc ? resolve(root, (const char *)loc) : NULL;
            xmlFree(loc);
            xmlDoc *content = part ? psi_package_xml(z, part) : NULL;
            free(part);
            page_text pt = {0};
            double height = area[3]; /* a page may have an Area of its own (landscape) */
            char *own =
                content ? text_of(find(find(xmlDocGetRootElement(content), "Area"), "PhysicalBox"))
                        : NULL;
            double box[4];
            if (own && sscanf(own, "%lf %lf %lf %lf", &box[0], &box[1], &box[2], &box[3]) == 4)
                height = box[3];
            free(own);
            if (content)
                page_codes(&pt, xmlDocGetRootElement(content));
            psi_layout_add_page(lo, height, pt.v, pt.n); /* an unreadable page: an empty one */
            for (size_t i = 0; i < pt.n; i++)
                free(pt.texts[i]);
            free(pt.texts);
            free(pt.v);
            xmlFreeDoc(content);
        }
        st = psi_layout_blocks(lo, path, a, out, err);
        psi_layout_free(lo);
    }
    xmlFreeDoc(doc);
    xmlFreeDoc(ofd);
    free(root);
    zip_discard(z);
    return st;
}
