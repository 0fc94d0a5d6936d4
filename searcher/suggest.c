/* suggest.c: "did you mean" after a search that found too little. The library finds and counts
 * the near queries (ps_suggest); this prints them, on stderr, after the results: what the query
 * found stays on stdout as it was, and the query is never changed behind the user's back. */
#include <stdlib.h>
#include <string.h>

#include "suggest.h"

static void print_why(FILE *out, const ps_suggestion *s)
{
    switch (s->kind) {
    case PS_SUGGEST_SPELLING:
        fprintf(out, "%s respelled", s->from);
        break;
    case PS_SUGGEST_SPLIT:
        fprintf(out, "%s split in two", s->from);
        break;
    case PS_SUGGEST_KEY_WORDS:
        fputs("the query's distinctive words", out);
        break;
    }
}

int print_suggestions(FILE *out, ps_index *ix, const ps_search *s, const char *text, size_t total)
{
    if (total >= PS_SUGGEST_BELOW)
        return 0;
    ps_suggestions *sg = NULL;
    ps_error err = {0};
    if (ps_suggest(ix, s, text, SUGGESTIONS_SHOWN, &sg, &err) != PS_OK) {
        fprintf(out, "policy-search: suggestions: %s\n", err.msg);
        return 1;
    }
    size_t n = ps_suggestions_count(sg);
    if (n > 0) {
        int shown = ps_utf8_prefix(text, 120);
        if (total == 0)
            fprintf(out, "policy-search: no clause matches \"%.*s%s\" as typed; did you mean:\n",
                    shown, text, text[shown] ? "…" : "");
        else
            fprintf(out,
                    "policy-search: only %zu clause%s match%s \"%.*s%s\" as typed; did you "
                    "mean:\n",
                    total, total == 1 ? "" : "s", total == 1 ? "es" : "", shown, text,
                    text[shown] ? "…" : "");
    }
    for (size_t i = 0; i < n; i++) {
        const ps_suggestion *g = ps_suggestions_get(sg, i);
        fprintf(out, "  %s    %s%zu clause%s (", g->query, g->total_exact ? "" : "about ", g->total,
                g->total == 1 ? "" : "s");
        print_why(out, g);
        fputs(")\n", out);
    }
    ps_suggestions_free(sg);
    return 0;
}
