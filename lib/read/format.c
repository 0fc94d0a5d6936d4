/* format.c: what a file is, by its first bytes, never by its name: offices save PDFs as .doc
 * and Word files without an extension. A zip is told apart by the names of its entries, which
 * zip stores uncompressed in its headers. */
#include <string.h>

#include "ps-private.h"

static bool has(const char *bytes, size_t n_bytes, const char *needle)
{
    return memmem(bytes, n_bytes, needle, strlen(needle)) != NULL;
}

psi_file_kind psi_file_kind_of(const char *bytes, size_t n_bytes)
{
    static const char OLE[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    /* A PDF may have bytes before its header (the standard allows 1024). */
    const char *pdf = memmem(bytes, n_bytes < 1024 ? n_bytes : 1024, "%PDF-", 5);
    if (pdf && (size_t)(pdf - bytes) + 6 < n_bytes && (pdf[5] == '1' || pdf[5] == '2'))
        return PSI_FILE_PDF;
    if (n_bytes >= 8 && memcmp(bytes, OLE, 8) == 0)
        return PSI_FILE_OLE;
    if (n_bytes >= 4 && memcmp(bytes, "PK\x03\x04", 4) == 0) {
        if (has(bytes, n_bytes, "word/document.xml"))
            return PSI_FILE_DOCX;
        if (has(bytes, n_bytes, "OFD.xml"))
            return PSI_FILE_OFD;
        return PSI_FILE_ZIP;
    }
    return PSI_FILE_TEXT;
}

bool psi_issuer_mark(const char *s, size_t n_bytes)
{
    if (!psi_ends_with(s, n_bytes, "文件") || memmem(s, n_bytes, "年", 3))
        return false;
    for (size_t i = 0; i < n_bytes; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return false;
    return true;
}
