/* bench.c: policy-search --bench FILE. Opens the index once, then runs every query of FILE
 * (TSV: id, kind, query, as in tests/relevance/queries.tsv; lines starting with # skipped) the
 * way a search does (parse, search the top 10, render JSON to /dev/null) and prints one line per
 * query: kind, milliseconds, query. The benchmark (bench/run.sh) reads these lines. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "options.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int run_bench(const options *o, ps_index *ix)
{
    FILE *in = fopen(o->bench, "r");
    FILE *sink = fopen("/dev/null", "w");
    if (!in || !sink) {
        fprintf(stderr, "policy-search: cannot read %s\n", o->bench);
        if (in)
            fclose(in);
        if (sink)
            fclose(sink);
        return EXIT_USAGE;
    }
    char line[8192];
    print_opts po = {.json = true, .query_text = ""};
    int status = EXIT_OK;
    while (fgets(line, sizeof line, in)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *kind = strchr(line, '\t');
        char *query = kind ? strchr(kind + 1, '\t') : NULL;
        if (!query)
            continue;
        *kind++ = '\0';
        *query++ = '\0';
        char *end = strchr(query, '\t');
        if (end)
            *end = '\0';
        double start = now_ms();
        ps_query *q = NULL;
        ps_hits *h = NULL;
        ps_error err = {0};
        ps_search s = {0};
        s.limit = 10;
        if (ps_query_parse(query, &q, &err) == PS_OK) {
            s.query = q;
            if (ps_index_search(ix, &s, &h, &err) == PS_OK) {
                po.query_text = query;
                print_hits(sink, h, q, 0, &po);
                ps_hits_free(h);
            } else {
                status = EXIT_FAIL;
            }
        }
        ps_query_free(q);
        printf("%s\t%.3f\t%s\n", kind, now_ms() - start, query);
    }
    fclose(in);
    fclose(sink);
    return status;
}
