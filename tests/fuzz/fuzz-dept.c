/* fuzz-dept: responsibility tags and dictionary lookups on valid UTF-8. */
#include "fuzz.h"
#include "ps-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    if (psi_utf8_valid_prefix(s, size) != size)
        return 0;
    psi_arena *a = psi_arena_new();
    psi_dept_ctx ctx = {{"上海市", PSI_NATIONAL}, 2, false, true};
    psi_tags t;
    psi_dept_find_tags(s, size, &ctx, a, &t);
    psi_is_names_only(s, size, &ctx, a, &t);
    ps_dept_canonical(s, size);
    psi_arena_free(a);
    return 0;
}
