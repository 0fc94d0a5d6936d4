/* fuzz-decode: encoding detection and conversion on raw bytes. */
#include <stdlib.h>

#include "fuzz.h"
#include "ps-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *out = NULL;
    size_t n = 0;
    const char *enc = NULL;
    if (psi_decode((const char *)data, size, "fuzz", &out, &n, &enc, NULL) == PS_OK) {
        if (psi_utf8_valid_prefix(out, n) != n)
            abort(); /* the decoder promises valid UTF-8 */
        free(out);
    }
    return 0;
}
