/* test-clause.c: runs every golden case in tests/cases/clauses.txt, departments.txt and tables.txt
 * (format in clauses.txt's header), in the manner of cmark's spec tests: input, ".", expected
 * records. `test-clause FILE...` runs those case files instead (paths as given). Between cases
 * only blank lines and "# " comment lines may appear.
 *
 * A malformed case fails with its file, line and title and what is wrong, and the reader goes on
 * at the next case: a title with no "file:" line, an input with no "." line, no input, no
 * expected records, a records line without its three tab-separated fields, text between cases,
 * or a file that ends inside a case. */
#include <stdarg.h>

#include "ps.h"
#include "tap.h"
#include "util.h"

/* Records as TAP comments, one line each. */
static void print_lines(const char *what, const char *text)
{
    printf("#   %s:\n", what);
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        printf("#     %.*s\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

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
    size_t cap = 8192, len = 0;
    char *got = malloc(cap);
    if (!got)
        tap_bail("out of memory");
    got[0] = '\0';
    size_t prefix = strlen(file) + 1;
    for (size_t i = 0; i < ps_doc_record_count(doc); i++) {
        const ps_record *r = ps_doc_get_record(doc, i);
        char line[1024];
        int l = snprintf(line, sizeof line, "%s\t%zu-%zu\t%s\n", r->id + prefix, r->line_start,
                         r->line_end, depts_text(r));
        size_t ln = l < 0 ? 0 : (size_t)l < sizeof line ? (size_t)l : sizeof line - 1;
        while (len + ln + 1 > cap)
            if (!(got = realloc(got, cap *= 2)))
                tap_bail("out of memory");
        memcpy(got + len, line, ln + 1);
        len += ln;
    }
    ps_doc_free(doc);
    if (!TAP_OK(strcmp(got, want) == 0, "%s", title)) {
        print_lines("got", got);
        print_lines("want", want);
    }
    free(got);
}

/* A case file read line by line; one line can be pushed back. */
typedef struct reader {
    const char *path;
    char *p;       /* rest of the file */
    size_t line;   /* 1-based number of the line last returned */
    char *pending; /* pushed-back line */
} reader;

static char *next_line(reader *rd)
{
    if (rd->pending) {
        char *l = rd->pending;
        rd->pending = NULL;
        rd->line++;
        return l;
    }
    if (!*rd->p)
        return NULL;
    char *s = rd->p, *nl = strchr(s, '\n');
    if (nl) {
        *nl = '\0';
        rd->p = nl + 1;
    } else {
        rd->p = s + strlen(s);
    }
    rd->line++;
    return s;
}

static void push_back(reader *rd, char *line)
{
    rd->pending = line;
    rd->line--;
}

/* Whether 'line' opens a case: "### title" with a "file:" line after it. */
static bool opens_case(const reader *rd, const char *line)
{
    return strncmp(line, "### ", 4) == 0 && !rd->pending && strncmp(rd->p, "file:", 5) == 0;
}

__attribute__((format(printf, 4, 5))) static void malformed(const reader *rd, size_t line,
                                                            const char *title, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    TAP_OK(0, "%s:%zu: malformed case \"%s\": %s", rd->path, line, title, what);
}

/* Skips to the next line that opens a case (left pending) or to the end of the file. */
static void skip_to_next_case(reader *rd)
{
    char *l;
    while ((l = next_line(rd)) != NULL)
        if (opens_case(rd, l)) {
            push_back(rd, l);
            return;
        }
}

/* A records line: id, line range "N-M" (N <= M), departments: three non-empty tab-separated
 * fields. Returns NULL when well formed, else what is wrong. */
static const char *bad_record_line(const char *l)
{
    const char *t1 = strchr(l, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t1 || !t2 || strchr(t2 + 1, '\t'))
        return "a records line has three tab-separated fields (id, lines, departments)";
    if (t1 == l || t2 == t1 + 1 || !t2[1])
        return "a records line has an empty field";
    unsigned long from, to;
    int used = 0;
    if (sscanf(t1 + 1, "%lu-%lu%n", &from, &to, &used) != 2 || t1 + 1 + used != t2 || from == 0 ||
        from > to)
        return "the second field of a records line is a line range \"N-M\" with 0 < N <= M";
    return NULL;
}

/* Reads one case whose "### " line was just read; runs it if well formed. */
static void read_case(reader *rd, const char *heading)
{
    char title[512];
    snprintf(title, sizeof title, "%s", heading + 4);
    size_t title_line = rd->line;
    if (!title[strspn(title, " \t")]) {
        malformed(rd, title_line, title, "the \"### \" line has no title");
        skip_to_next_case(rd);
        return;
    }
    char *l = next_line(rd);
    if (!l) {
        malformed(rd, title_line, title, "end of file after the title: no \"file:\" line");
        return;
    }
    if (strncmp(l, "file: ", 6) != 0 || !l[6 + strspn(l + 6, " ")] || strchr(l + 6, ' ')) {
        malformed(rd, rd->line, title, "the line after the title is \"%s\", not \"file: NAME\"", l);
        push_back(rd, l);
        skip_to_next_case(rd);
        return;
    }
    const char *file = l + 6;

    /* The input, up to a line that is exactly ".". */
    size_t input_line = rd->line + 1;
    char *input_start = NULL, *input_end = NULL; /* [start, end) in the file buffer */
    for (;;) {
        l = next_line(rd);
        if (!l) {
            malformed(rd, rd->line, title, "end of file inside the input: no \".\" line");
            return;
        }
        if (strcmp(l, ".") == 0)
            break;
        if (opens_case(rd, l)) {
            malformed(rd, input_line, title,
                      "no \".\" line between the input and the next case (line %zu)", rd->line);
            push_back(rd, l);
            return;
        }
        if (!input_start)
            input_start = l;
        input_end = l + strlen(l);
    }
    if (!input_start) {
        malformed(rd, rd->line, title, "no input before the \".\" line");
        skip_to_next_case(rd);
        return;
    }
    size_t dot_line = rd->line;

    /* Expected records, up to a blank line, the next case or the end of the file. */
    char want[16384];
    size_t want_len = 0, n_want = 0;
    want[0] = '\0';
    while ((l = next_line(rd)) != NULL && *l) {
        if (opens_case(rd, l)) {
            push_back(rd, l);
            break;
        }
        bool error_line = strncmp(l, "error: ", 7) == 0;
        const char *bad = error_line ? NULL : bad_record_line(l);
        if (error_line ? n_want > 0 || !l[7] : n_want > 0 && strncmp(want, "error: ", 7) == 0)
            bad = "\"error: TEXT\" is the only expected line and has a text";
        if (bad) {
            malformed(rd, rd->line, title, "%s; got \"%s\"", bad, l);
            skip_to_next_case(rd);
            return;
        }
        size_t ll = strlen(l);
        if (want_len + ll + 2 > sizeof want) {
            malformed(rd, rd->line, title, "more than %zu bytes of expected records", sizeof want);
            skip_to_next_case(rd);
            return;
        }
        memcpy(want + want_len, l, ll);
        want_len += ll;
        want[want_len++] = '\n';
        want[want_len] = '\0';
        n_want++;
    }
    if (n_want == 0) {
        malformed(rd, dot_line, title, "%s after the \".\" line: no expected records",
                  l ? "a blank line" : "end of file");
        if (l)
            skip_to_next_case(rd);
        return;
    }
    /* The buffer's lines are NUL-terminated; rebuild the input with its line breaks. */
    size_t n = (size_t)(input_end - input_start);
    char *input = malloc(n + 2);
    if (!input)
        tap_bail("out of memory");
    memcpy(input, input_start, n);
    for (size_t i = 0; i < n; i++)
        if (input[i] == '\0')
            input[i] = '\n';
    memcpy(input + n, "\n", 2);
    run_case(title, file, input, want);
    free(input);
}

/* Runs every case of one case file: '#' comment lines and blank lines may come between cases,
 * nothing else. */
static void run_file(const char *path)
{
    char *all = slurp(path, NULL);
    reader rd = {path, all, 0, NULL};
    size_t cases = 0;
    char *l;
    while ((l = next_line(&rd)) != NULL) {
        if (!*l || strcmp(l, "#") == 0 || strncmp(l, "# ", 2) == 0) /* blank or comment */
            continue;
        if (strncmp(l, "### ", 4) == 0) {
            cases++;
            read_case(&rd, l);
            continue;
        }
        TAP_OK(0, "%s:%zu: text outside a case (a case starts with \"### title\"): \"%s\"", path,
               rd.line, l);
        skip_to_next_case(&rd);
    }
    if (cases == 0)
        TAP_OK(0, "%s: no cases (a case starts with \"### title\")", path);
    free(all);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            run_file(argv[i]);
        return tap_done();
    }
    static const char *const files[] = {"tests/cases/clauses.txt", "tests/cases/departments.txt",
                                        "tests/cases/tables.txt"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s", src_path(files[i]));
        run_file(path);
    }
    return tap_done();
}
