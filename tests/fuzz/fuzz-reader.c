/* fuzz-reader: one reader (READ_FN, set by meson) and paragraph rebuilding: psi_read_text,
 * psi_read_markdown or psi_read_html on valid UTF-8; with BYTES, psi_read_pdf, psi_read_docx or
 * psi_read_ofd on any bytes, as files come. */
#include <stdlib.h>

#include "fuzz.h"
#include "ps-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
#ifndef BYTES
    if (psi_utf8_valid_prefix(s, size) != size)
        return 0;
#endif
    psi_arena *a = psi_arena_new();
    psi_blocks bs = {0};
    if (READ_FN(s, size, "fuzz", a, &bs, NULL) == PS_OK)
        psi_paragraphs(&bs, a);
    psi_blocks_free(&bs);
    psi_arena_free(a);
    return 0;
}
