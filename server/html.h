/* html.h: escaping for everything policy-serve writes into a page. Every string that comes from
 * a document or a request goes through html_text (element content and quoted attribute values
 * alike: it escapes both quote characters) or, inside a URL, url_part first. */
#ifndef PS_SERVE_HTML_H
#define PS_SERVE_HTML_H
#include <stdio.h>

/* Writes s with & < > " ' escaped; NULL writes nothing. */
void html_text(FILE *out, const char *s);
/* The same, for at most n_bytes of s. */
void html_textn(FILE *out, const char *s, size_t n_bytes);
/* Writes s percent-encoded for a path segment or query value: every byte but A-Z a-z 0-9 - _ . ~
 * (so '/', '#', '&', quotes and non-ASCII are encoded, and the result needs no HTML escaping). */
void url_part(FILE *out, const char *s);
/* Writes a snippet made with the markers MARK_OPEN and MARK_CLOSE around matches: the text
 * escaped, each marker turned into <mark> or </mark>. */
enum { MARK_OPEN = '\x01', MARK_CLOSE = '\x02' };
void html_marked(FILE *out, const char *s);

#endif
