/* test-clause.c: runs every golden case in tests/cases/clauses.txt and departments.txt (format
 * in clauses.txt's header), in the manner of cmark's spec tests: input, ".", expected records. */
#include "ps.h"
#include "tap.h"
#include "util.h"

static void run_case(const char *title, const char *file, const char *input, const char *want)
{
    ps_doc *doc = NULL;
    ps_error err = {0};
    if (ps_doc_parse(input, strlen(input), file, file, &doc, &err) != PS_OK) {
        /* "error: TEXT" expects the file to be refused with TEXT in the message. */
        const char *sub = strncmp(want, "error: ", 7) == 0 ? want + 7 : NULL;
        size_t n = sub ? strcspn(sub, "\n") : 0;
        TAP_OK(sub && n && memmem(err.msg, strlen(err.msg), sub, n), "%s (%s)", title, err.msg);
        return;
    }
    char got[8192] = "";
    size_t prefix = strlen(file) + 1;
    for (size_t i = 0; i < ps_doc_record_count(doc); i++) {
        const ps_record *r = ps_doc_get_record(doc, i);
        char line[1024];
        snprintf(line, sizeof line, "%s\t%zu-%zu\t%s\n", r->id + prefix, r->line_start, r->line_end,
                 depts_text(r));
        strncat(got, line, sizeof got - strlen(got) - 1);
    }
    ps_doc_free(doc);
    if (!TAP_OK(strcmp(got, want) == 0, "%s", title))
        printf("#   got:\n#   %s\n#   want:\n#   %s\n", got, want);
}

static void run_file(const char *rel)
{
    char *all = slurp(src_path(rel), NULL);
    char *p = strstr(all, "\n### ");
    while (p) {
        char *title = p + 5, *nl = strchr(title, '\n');
        *nl = '\0';
        char *file = strstr(nl + 1, "file: ") + 6;
        char *file_end = strchr(file, '\n');
        *file_end = '\0';
        char *input = file_end + 1;
        char *dot = strstr(input, "\n.\n");
        *dot = '\0';
        char *want = dot + 3;
        p = strstr(want, "\n### ");
        if (p)
            *p = '\0';
        /* Expected records end at the first blank line. */
        char *blank = strstr(want, "\n\n");
        if (blank)
            blank[1] = '\0';
        size_t input_len = strlen(input);
        char *input_nl = malloc(input_len + 2);
        memcpy(input_nl, input, input_len);
        memcpy(input_nl + input_len, "\n", 2);
        run_case(title, file, input_nl, want);
        free(input_nl);
        if (p)
            *p = '\n';
    }
    free(all);
}

int main(void)
{
    run_file("tests/cases/clauses.txt");
    run_file("tests/cases/departments.txt");
    run_file("tests/cases/tables.txt");
    return tap_done();
}
