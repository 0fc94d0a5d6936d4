/* fuzz-query: query parsing, the search tree and snippets, without a database. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ps-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    ps_query *q = NULL;
    if (ps_query_parse(text, &q, NULL) == PS_OK) {
        ps_search s = {0};
        s.query = q;
        s.label = text;
        psq_free(psi_search_tree(&s, 0, false));
        psq_free(psi_search_tree(&s, 0, true));
        static const char match[] = "完善新城综合交通系统\x02编制印发新城所在区综合交通专项规划\x02"
                                    "\x01pm2.5\x01\x02\x03市交通委\x03";
        (void)psi_query_accept(q, match, sizeof match - 1);
        free(ps_snippet("完善新城综合交通系统。编制印发新城所在区综合交通专项规划，PM2.5。", q, "[",
                        "]", 40));
        ps_query_free(q);
    }
    free(text);
    return 0;
}
