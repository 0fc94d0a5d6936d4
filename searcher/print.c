/* print.c: result output. Human output gives, per clause: rank and citation, departments
 * (lead marked), a snippet with the matched words highlighted, and file:line to open.
 * --json prints the library's JSON of the page (ps_hits_to_json). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "xalloc.h"

enum { SNIPPET_CHARS = 90 };

static void print_source(FILE *out, const ps_hit *hit, const char *indent);

static void print_human(FILE *out, const ps_hit *hit, size_t rank, const char *snippet)
{
    const ps_record *r = hit->record;
    fprintf(out, "%zu. %s\n", rank, r->citation);
    if (r->n_departments > 0) {
        fputs("   departments: ", out);
        for (size_t i = 0; i < r->n_departments; i++) {
            ps_role role = r->departments[i].role;
            fprintf(out, "%s%s%s", i ? "、" : "", r->departments[i].written,
                    role == PS_ROLE_LEAD         ? "（牵头）"
                    : role == PS_ROLE_SUPPORTING ? "（配合）"
                                                 : "");
        }
        fputc('\n', out);
    }
    if (hit->shared_terms)
        fprintf(out, "   shared terms: %s\n", hit->shared_terms);
    fprintf(out, "   %s\n", snippet);
    print_source(out, hit, "   ");
    fputc('\n', out);
}

/* Where the clause is, and its id (what --related and --full take). */
static void print_source(FILE *out, const ps_hit *hit, const char *indent)
{
    const ps_record *r = hit->record;
    if (r->line_start == r->line_end)
        fprintf(out, "%s%s:%zu", indent, hit->doc->source, r->line_start);
    else
        fprintf(out, "%s%s:%zu-%zu", indent, hit->doc->source, r->line_start, r->line_end);
    if (r->page_start == r->page_end && r->page_start) /* PDF, OFD: where a reader looks */
        fprintf(out, " 第%zu页", r->page_start);
    else if (r->page_start)
        fprintf(out, " 第%zu-%zu页", r->page_start, r->page_end);
    fprintf(out, "  id %s\n", r->id);
}

/* The whole clause and its citation, nothing marked: for pasting into a memo. */
static void print_full(FILE *out, const ps_hit *hit)
{
    fprintf(out, "%s\n", hit->record->text);
    fprintf(out, "——%s\n", hit->record->citation);
    print_source(out, hit, "");
    fputc('\n', out);
}

int print_hits(FILE *out, const ps_hits *h, const ps_query *q, size_t offset, const print_opts *o)
{
    if (o->json) {
        char *s = ps_hits_to_json(h, q, o->query_text, offset, o->suggestions);
        if (!s)
            xalloc_die(0);
        fprintf(out, "%s\n", s);
        free(s);
        return 0;
    }
    const char *open = o->color ? "\033[1;31m" : "[";
    const char *close = o->color ? "\033[0m" : "]";
    for (size_t i = 0; i < ps_hits_count(h); i++) {
        const ps_hit *hit = ps_hits_get(h, i);
        if (o->full) {
            print_full(out, hit);
            continue;
        }
        char *snippet = ps_snippet(hit->record->text, q, open, close, SNIPPET_CHARS);
        print_human(out, hit, offset + i + 1, snippet);
        free(snippet);
    }
    if (ps_hits_count(h) == 0 && offset > 0 && ps_hits_total(h) > 0)
        fprintf(out, "only %s%zu clause%s match; --offset %zu is past them\n",
                ps_hits_total_exact(h) ? "" : "about ", ps_hits_total(h),
                ps_hits_total(h) == 1 ? "" : "s", offset);
    else if (ps_hits_count(h) == 0)
        fputs("no clause matches\n", out);
    else if (offset + ps_hits_count(h) < ps_hits_total(h))
        fprintf(out, "showing %zu-%zu of %s%zu clauses; --offset %zu for more\n", offset + 1,
                offset + ps_hits_count(h), ps_hits_total_exact(h) ? "" : "about ", ps_hits_total(h),
                offset + ps_hits_count(h));
    else
        fprintf(out, "%zu clause%s\n", offset + ps_hits_count(h),
                offset + ps_hits_count(h) == 1 ? "" : "s");
    return 0;
}

void print_json(FILE *out, const ps_index *ix, json_t *top)
{
    if (top && ps_index_missing_count(ix)) { /* shards left out: the answer is not whole */
        json_t *names = json_array();
        for (size_t i = 0; i < ps_index_missing_count(ix); i++)
            json_array_append_new(names, json_string(ps_index_missing(ix, i, NULL)));
        json_object_set_new(top, "partial", names);
    }
    char *s = json_dumps(top, JSON_PRESERVE_ORDER | JSON_INDENT(1) | JSON_REAL_PRECISION(15));
    if (s)
        fprintf(out, "%s\n", s);
    free(s);
    json_decref(top);
}
