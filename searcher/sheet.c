/* sheet.c: the report writer (see sheet.h). libxlsxwriter is loaded when a workbook is asked
 * for: linked, it and the libcrypto it brings cost every run of the program 4 ms and 137 page
 * faults at start-up (of 15 ms for a search in its own process). */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "ps.h"
#include "sheet.h"
#include "xalloc.h"

typedef enum { CSV, CSV_PLAIN, MD, XLSX } kind;

struct sheet {
    kind kind;
    FILE *out;
    const sheet_col *cols;
    size_t n_cols;
    /* xlsx: written to a temporary file, then copied to 'out' */
    lxw_workbook *book;
    lxw_worksheet *ws;
    char path[64];
    lxw_row_t row;
};

/* The libxlsxwriter calls this file makes, looked up once. */
static struct {
    lxw_workbook *(*workbook_new)(const char *);
    lxw_worksheet *(*workbook_add_worksheet)(lxw_workbook *, const char *);
    lxw_error (*workbook_close)(lxw_workbook *);
    lxw_error (*write_string)(lxw_worksheet *, lxw_row_t, lxw_col_t, const char *, lxw_format *);
    lxw_error (*write_number)(lxw_worksheet *, lxw_row_t, lxw_col_t, double, lxw_format *);
} xlsx;

static bool load_xlsxwriter(void)
{
    static const char LIB[] = "libxlsxwriter.so.4";
    if (xlsx.workbook_new)
        return true;
    void *lib = dlopen(LIB, RTLD_NOW | RTLD_LOCAL);
    if (lib) {
        *(void **)&xlsx.workbook_new = dlsym(lib, "workbook_new");
        *(void **)&xlsx.workbook_add_worksheet = dlsym(lib, "workbook_add_worksheet");
        *(void **)&xlsx.workbook_close = dlsym(lib, "workbook_close");
        *(void **)&xlsx.write_string = dlsym(lib, "worksheet_write_string");
        *(void **)&xlsx.write_number = dlsym(lib, "worksheet_write_number");
    }
    if (!lib || !xlsx.workbook_new || !xlsx.workbook_add_worksheet || !xlsx.workbook_close ||
        !xlsx.write_string || !xlsx.write_number) {
        fprintf(stderr, "policy-search: --format xlsx needs %s (Debian libxlsxwriter4): %s\n", LIB,
                lib ? "a function is missing from it" : dlerror());
        xlsx.workbook_new = NULL;
        return false;
    }
    return true;
}

static bool kind_of(const char *f, kind *k)
{
    static const struct {
        const char *name;
        kind kind;
    } kinds[] = {{"csv", CSV}, {"csv-plain", CSV_PLAIN}, {"md", MD}, {"xlsx", XLSX}};
    for (size_t i = 0; f && i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(f, kinds[i].name) == 0) {
            *k = kinds[i].kind;
            return true;
        }
    return false;
}

bool sheet_format_known(const char *format)
{
    kind k;
    return kind_of(format, &k);
}

/* RFC 4180: quote every field, double the quotes inside. */
static void csv_field(FILE *out, const char *s, bool last)
{
    fputc('"', out);
    for (; s && *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputs(last ? "\"\r\n" : "\",", out);
}

/* Markdown table cell: no line breaks, escaped pipes. */
static void md_cell(FILE *out, const char *s)
{
    fputs("| ", out);
    for (; s && *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else if (*s == '\n' || *s == '\r')
            fputc(' ', out);
        else
            fputc(*s, out);
    }
    fputc(' ', out);
}

static bool open_book(sheet *s, const char *title)
{
    if (isatty(fileno(s->out))) {
        fputs("policy-search: --format xlsx writes a workbook: redirect it to a file "
              "(> tasks.xlsx)\n",
              stderr);
        return false;
    }
    if (!load_xlsxwriter())
        return false;
    snprintf(s->path, sizeof s->path, "/tmp/policy-search-XXXXXX");
    int fd = mkstemp(s->path);
    if (fd < 0) {
        perror("policy-search: temporary file for xlsx");
        return false;
    }
    close(fd);
    s->book = xlsx.workbook_new(s->path);
    char name[32]; /* a sheet name has at most 31 characters and none of []:*?/\ */
    snprintf(name, sizeof name, "%s", title && !strpbrk(title, "[]:*?/\\") ? title : "policy");
    name[ps_utf8_prefix(name, 30)] = '\0'; /* bytes, so at most 30 characters */
    s->ws = s->book ? xlsx.workbook_add_worksheet(s->book, name) : NULL;
    if (!s->ws) {
        fputs("policy-search: cannot start an xlsx workbook\n", stderr);
        if (s->book)
            xlsx.workbook_close(s->book);
        unlink(s->path);
        return false;
    }
    return true;
}

sheet *sheet_open(const char *format, FILE *out, const char *title, const sheet_col *cols,
                  size_t n_cols)
{
    sheet *s = xcalloc(1, sizeof *s);
    if (!kind_of(format, &s->kind))
        s->kind = CSV;
    s->out = out;
    s->cols = cols;
    s->n_cols = n_cols;
    const char **head = xcalloc(n_cols + 1, sizeof *head);
    for (size_t i = 0; i < n_cols; i++)
        head[i] = s->kind == CSV_PLAIN ? cols[i].en : cols[i].zh;
    switch (s->kind) {
    case CSV:
        fputs("\xEF\xBB\xBF", out); /* Excel reads UTF-8 only after this mark */
        /* fall through */
    case CSV_PLAIN:
        for (size_t i = 0; i < n_cols; i++)
            csv_field(out, head[i], i + 1 == n_cols);
        break;
    case MD:
        if (title)
            fprintf(out, "# %s\n\n", title);
        for (size_t i = 0; i < n_cols; i++)
            md_cell(out, head[i]);
        fputs("|\n", out);
        for (size_t i = 0; i < n_cols; i++)
            fputs("|---", out);
        fputs("|\n", out);
        break;
    case XLSX:
        if (!open_book(s, title)) {
            free(head);
            free(s);
            return NULL;
        }
        for (size_t i = 0; i < n_cols; i++)
            xlsx.write_string(s->ws, 0, (lxw_col_t)i, head[i], NULL);
        s->row = 1;
        break;
    }
    free(head);
    return s;
}

void sheet_row(sheet *s, const char *const *cells)
{
    for (size_t i = 0; i < s->n_cols; i++) {
        const char *c = cells[i] ? cells[i] : "";
        switch (s->kind) {
        case CSV:
        case CSV_PLAIN:
            csv_field(s->out, c, i + 1 == s->n_cols);
            break;
        case MD:
            md_cell(s->out, c);
            if (i + 1 == s->n_cols)
                fputs("|\n", s->out);
            break;
        case XLSX:
            if (s->cols[i].number && *c)
                xlsx.write_number(s->ws, s->row, (lxw_col_t)i, strtod(c, NULL), NULL);
            else if (*c)
                xlsx.write_string(s->ws, s->row, (lxw_col_t)i, c, NULL);
            break;
        }
    }
    s->row++;
}

/* Copies the finished workbook to the output. */
static bool copy_book(sheet *s)
{
    FILE *f = fopen(s->path, "rb");
    bool ok = f != NULL;
    char buf[65536];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
        ok = fwrite(buf, 1, n, s->out) == n;
    if (f)
        fclose(f);
    return ok && fflush(s->out) == 0;
}

bool sheet_close(sheet *s)
{
    bool ok = true;
    if (s->kind == XLSX) {
        ok = xlsx.workbook_close(s->book) == LXW_NO_ERROR && copy_book(s);
        unlink(s->path);
        if (!ok)
            fputs("policy-search: could not write the xlsx workbook\n", stderr);
    }
    free(s);
    return ok;
}
