/* package.h: what the readers of zip-packaged XML formats (.docx, OFD) share: opening the
 * package from the file's bytes and parsing one of its XML parts safely. */
#ifndef PS_PACKAGE_H
#define PS_PACKAGE_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <zip.h>

/* The package in 'bytes' (not copied: they must outlive it), or NULL when it is no readable zip.
 * Close with zip_discard(). */
zip_t *psi_package_open(const char *bytes, size_t n_bytes);
/* The part 'name' (a leading '/' is allowed) parsed as XML, without network access or entity
 * expansion (a package is untrusted input); NULL when it is missing, over 64 MB or no XML. */
xmlDoc *psi_package_xml(zip_t *z, const char *name);
/* An element of this local name, whatever its namespace prefix. */
bool psi_xml_is(const xmlNode *n, const char *name);
/* The attribute 'name' of n (NULL allowed) as a number; 'dflt' when absent. */
double psi_xml_num(const xmlNode *n, const char *name, double dflt);

#endif
