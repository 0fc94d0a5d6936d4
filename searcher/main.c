/* policy-search: query the clause index.
 *   policy-search 居住证积分                    full-text search, ranked
 *   policy-search --doc 新城 --clause 13         one clause, exactly
 *   policy-search --dept 市财政局 [--lead]       everything a department is assigned
 *   policy-search --departments, --matrix        departments, and departments x documents
 *   policy-search --related ID, --cites DOC, --cited-by DOC   cross-references */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "depts.h"
#include "options.h"
#include "xalloc.h"

int main(int argc, char **argv)
{
    xalloc_program = "policy-search";
    options o;
    int status = options_parse(argc, argv, &o);
    if (status >= 0) {
        free(o.words);
        return status;
    }
    o.print.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR") && !o.format;
    o.print.query_text = o.words;

    bool has_words = strspn(o.words, " ") != strlen(o.words);
    bool other_mode = o.departments || o.matrix || o.related || o.cites || o.cited_by || o.bench;
    if (!has_words && !o.n_depts && !o.clause && !other_mode) {
        if (o.n_docs)
            fprintf(stderr, "policy-search: --doc chooses documents; say what to find in them: "
                            "words, --clause or --dept (see --help)\n");
        else
            fprintf(stderr, "policy-search: empty query: give words to find, or --dept, --clause, "
                            "--departments, --matrix, --related, --cites or --cited-by (see "
                            "--help)\n");
        free(o.words);
        return EXIT_USAGE;
    }
    /* --full 'x.txt#三/13': one word with the '#' of an id is that clause, not a query */
    bool full_id = o.full && strchr(o.words, '#') && !strchr(o.words, ' ');
    ps_query *q = NULL;
    ps_error err = {0};
    if (has_words && !full_id && ps_query_parse(o.words, &q, &err) != PS_OK) {
        /* One short line, however long the query. */
        int shown = ps_utf8_prefix(o.words, 60);
        fprintf(stderr, "policy-search: cannot parse query \"%.*s%s\": %s\n", shown, o.words,
                o.words[shown] ? "…" : "", err.msg);
        free(o.words);
        return EXIT_USAGE;
    }

    ps_index *ix = NULL;
    unsigned flags = PS_OPEN_READ | (o.partial ? PS_OPEN_PARTIAL : 0);
    if (ps_index_open_many(o.dbs, o.n_dbs, flags, &ix, &err) != PS_OK) {
        struct stat st;
        if (err.code == PS_ERR_NOT_FOUND && o.n_dbs == 1 && stat(o.db, &st) != 0)
            fprintf(stderr,
                    "policy-search: no index at %s; build it with: policy-index --db %s "
                    "corpus/\n",
                    o.db, o.db);
        else
            fprintf(stderr, "policy-search: cannot open index %s: %s\n", o.db, err.msg);
        ps_query_free(q);
        free(o.words);
        return EXIT_FAIL;
    }
    /* Document metadata only where a mode needs it: reading it costs a lookup per document,
     * which a plain search should not pay at start-up. */
    doc_list docs = {NULL, 0};
    dept_names depts = {NULL, 0};
    status = EXIT_OK;
    for (size_t k = 0; k < o.n_depts && status == EXIT_OK; k++) /* several: any of them */
        status = dept_resolve(ix, o.depts[k], &depts);
    o.dept_names = (const char *const *)depts.v;
    o.n_dept_names = depts.n;
    bool need_docs = o.departments || o.matrix || o.cites || o.cited_by || o.n_docs;
    if (status != EXIT_OK)
        ;
    else if (o.bench)
        status = run_bench(&o, ix);
    else if (full_id)
        status = run_full_id(&o, ix);
    else if (o.related)
        status = run_related(&o, ix);
    else if (need_docs && docs_load(ix, &docs) != PS_OK)
        status = EXIT_FAIL;
    else if (o.departments)
        status = run_departments(&o, ix, &docs);
    else if (o.matrix)
        status = run_matrix(&o, ix, &docs);
    else if (o.cites)
        status = run_cites(&o, ix, &docs);
    else if (o.cited_by)
        status = run_cited_by(&o, ix, &docs);
    else if (o.format)
        status = run_report(&o, ix, q, &docs);
    else
        status = run_search(&o, ix, q, &docs);
    for (size_t i = 0; i < ps_index_missing_count(ix); i++) {
        const char *why = NULL, *name = ps_index_missing(ix, i, &why);
        fprintf(stderr, "policy-search: warning: shard %s left out (%s): the answer is partial\n",
                name, why);
    }
    docs_free(&docs);
    dept_names_free(&depts);
    ps_index_close(ix);
    ps_query_free(q);
    free(o.words);
    return status;
}
