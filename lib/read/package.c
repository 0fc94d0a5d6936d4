/* package.c: zip-packaged XML (.docx, OFD) opened with libzip, its parts parsed by libxml2. */
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "package.h"
#include "ps-private.h"

enum { MAX_PART = 64 << 20 };

zip_t *psi_package_open(const char *bytes, size_t n_bytes)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(bytes, n_bytes, 0, &zerr);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
    if (!z && src)
        zip_source_free(src); /* on success the archive owns it */
    zip_error_fini(&zerr);
    return z;
}

xmlDoc *psi_package_xml(zip_t *z, const char *name)
{
    zip_stat_t st;
    if (*name == '/')
        name++;
    if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > MAX_PART)
        return NULL;
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f)
        return NULL;
    char *buf = psi_xmalloc(st.size + 1);
    zip_int64_t got = zip_fread(f, buf, st.size);
    zip_fclose(f);
    xmlDoc *d = NULL;
    if (got >= 0 && (zip_uint64_t)got == st.size)
        d = xmlReadMemory(buf, (int)st.size, name, NULL,
                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    free(buf);
    return d;
}

bool psi_xml_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

double psi_xml_num(const xmlNode *n, const char *name, double dflt)
{
    xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
    double r = v ? strtod((const char *)v, NULL) : dflt;
    xmlFree(v);
    return r;
}
