/* html.c: escaping for text, attributes and URLs (see html.h). */
#include <string.h>

#include "html.h"

static void escape_byte(FILE *out, char c)
{
    switch (c) {
    case '&':
        fputs("&amp;", out);
        break;
    case '<':
        fputs("&lt;", out);
        break;
    case '>':
        fputs("&gt;", out);
        break;
    case '"':
        fputs("&quot;", out);
        break;
    case '\'':
        fputs("&#39;", out);
        break;
    case '\x01':
    case '\x02':
        break; /* the snippet markers never pass as text */
    default:
        fputc(c, out);
    }
}

void html_textn(FILE *out, const char *s, size_t n_bytes)
{
    for (size_t i = 0; s && i < n_bytes && s[i]; i++)
        escape_byte(out, s[i]);
}

void html_text(FILE *out, const char *s)
{
    if (s)
        html_textn(out, s, strlen(s));
}

void url_part(FILE *out, const char *s)
{
    static const char HEX[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-_.~", *p))
            fputc(*p, out);
        else
            fprintf(out, "%%%c%c", HEX[*p >> 4], HEX[*p & 15]);
    }
}

void html_marked(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        if (*s == MARK_OPEN)
            fputs("<mark>", out);
        else if (*s == MARK_CLOSE)
            fputs("</mark>", out);
        else
            escape_byte(out, *s);
    }
}
