/* fuzz-reader: one reader (READ_FN: psi_read_text, psi_read_markdown or psi_read_html, set by
 * meson) and paragraph rebuilding, on valid UTF-8. */
#include <stdlib.h>

#include "fuzz.h"
#include "ps-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    if (psi_utf8_valid_prefix(s, size) != size)
        return 0;
    psi_arena *a = psi_arena_new();
    psi_blocks bs = {0};
    if (READ_FN(s, size, "fuzz", a, &bs, NULL) == PS_OK)
        psi_paragraphs(&bs, a);
    psi_blocks_free(&bs);
    psi_arena_free(a);
    return 0;
}
