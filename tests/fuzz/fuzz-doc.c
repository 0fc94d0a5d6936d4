/* fuzz-doc: bytes -> ps_doc through every reader (the first byte picks the format by file name),
 * then every record to JSON. */
#include <stdlib.h>

#include "fuzz.h"
#include "ps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"fuzz.txt", "fuzz.md", "fuzz.html"};
    const char *name = names[size ? data[0] % 3 : 0];
    ps_doc *doc = NULL;
    if (ps_doc_parse((const char *)data, size, name, name, &doc, NULL) == PS_OK) {
        for (size_t i = 0; i < ps_doc_record_count(doc); i++)
            free(ps_record_to_json(doc, i));
        ps_doc_free(doc);
    }
    return 0;
}
