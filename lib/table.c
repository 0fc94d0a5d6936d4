/* table.c: tables read as rows of cells, so that each row is a record of its own.
 *
 * Task-division tables (重点任务分工表, 任务清单) come first. Converters and crawlers leave such
 * tables flattened, one cell per paragraph: the header row (序号 ⏎ 重点任务 ⏎ 牵头单位 ⏎ 配合单位 ⏎
 * 完成时限) tells the columns, then each row starts with its 序号. A cell merged with the row above
 * is simply missing from the row, and merged cells sit on the left (a task group spanning several
 * rows), so a short row's cells are aligned to the right-hand columns and the missing ones keep
 * the value of the row above. Markdown pipe rows ("| 1 | 任务 | 市财政局 | … |") say where each
 * cell is: they are read as written, an empty cell an empty column. Cells are read only as far as
 * the rows need them, so a table of any length costs time in proportion to it.
 *
 * Any other table is read as rows too, with every column of kind PSI_COL_TASK (but a 序号 or 编号
 * column, which numbers the rows): a table without a department column is no task table. Its
 * cells are written "header：value" ("名称：工业区北区核心区"): the header's text, a full-width
 * colon, the value; the value alone where the column has no header. clause.c joins a row's cells
 * with "；", where the tokenizer leaves a gap, so no phrase matches across two cells. They are
 *   - flattened with a 序号 column, as above, when the first row is full (a short first row
 *     means a header of two levels, whose columns cannot be told apart);
 *   - Markdown pipe tables: a header row, the |---| rule under it, then every pipe row;
 *   - cells that share a source line, as the HTML reader gives a <tr> written on one line: a
 *     header of short cells, then rows of as many cells (a whole table on one line can be split
 *     only by its 序号 column, as a flattened one; without it, it stays one paragraph);
 *   - a list under a caption ("新城产业协同区园区表", "…名单"), with no header row: each short
 *     line is a row; where lines flush left head runs of indented ones (嘉定新城 ⏎ 　　外冈产业园),
 *     they are a first column merged over those rows, as in "嘉定新城；外冈产业园".
 * A row is labelled by its 序号 where the table has one and the cell holds a number, else by its
 * ordinal, and cites the lines of its own cells. */
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

enum { MAX_COLS = 12, MAX_CELL_COLS = 40 /* a header cell is short */ };

typedef struct cell {
    const char *text;
    size_t len; /* 0: an empty pipe cell */
    size_t line_start, line_end;
    size_t para;    /* index of the paragraph it came from (its last, when rejoined) */
    bool opens_row; /* the first cell of a pipe row */
} cell;

/* The cells of the paragraphs from a table's first on, read as the rows ask for them. */
typedef struct cells {
    const psi_blocks *paras;
    size_t next_para; /* the first paragraph not read yet */
    cell *v;
    size_t n, cap;
    size_t header;  /* cells in the first pipe row, once it has ended */
    bool ruled;     /* a |---| rule was read */
    size_t rule_at; /* the cell that followed the first rule */
} cells;

/* What a header cell says its column holds. */
static psi_column column_kind(const char *s, size_t n)
{
    static const struct {
        const char *word;
        psi_column kind;
    } words[] = {
        {"序号", PSI_COL_NUMBER},   {"编号", PSI_COL_NUMBER},      {"牵头", PSI_COL_LEAD},
        {"主责", PSI_COL_LEAD},     {"配合", PSI_COL_SUPPORT},     {"协办", PSI_COL_SUPPORT},
        {"参与", PSI_COL_SUPPORT},  {"责任", PSI_COL_RESPONSIBLE}, {"完成时", PSI_COL_DEADLINE},
        {"时限", PSI_COL_DEADLINE}, {"时间", PSI_COL_DEADLINE},    {"进度", PSI_COL_DEADLINE},
        {"主办", PSI_COL_LEAD},     {"负责", PSI_COL_RESPONSIBLE}, {"承办", PSI_COL_RESPONSIBLE},
    };
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (memmem(s, n, words[k].word, strlen(words[k].word)))
            return words[k].kind;
    return PSI_COL_TASK;
}

/* The number in a 序号 cell, or -1. */
static int row_number(const cell *c)
{
    if (c->len > 6)
        return -1;
    char buf[8];
    memcpy(buf, c->text, c->len);
    buf[c->len] = '\0';
    char *end;
    long v = strtol(buf, &end, 10);
    return *end || end == buf ? -1 : (int)v;
}

static void cells_push(cells *cs, cell c)
{
    if (cs->n == cs->cap) {
        cs->cap = cs->cap ? 2 * cs->cap : 64;
        cs->v = psi_xrealloc(cs->v, cs->cap * sizeof *cs->v);
    }
    cs->v[cs->n++] = c;
}

/* A cell of the |---| rule under a pipe header. */
static bool is_rule(const cell *c)
{
    return c->len && strspn(c->text, "-: ") >= c->len;
}

/* Ends the pipe row whose first cell is 'first'. The rule under the header is no row. */
static void end_pipe_row(cells *cs, size_t first)
{
    size_t k = first;
    while (k < cs->n && is_rule(&cs->v[k]))
        k++;
    if (k == cs->n && k > first) {
        cs->n = first;
        if (!cs->ruled)
            cs->rule_at = first;
        cs->ruled = true;
    } else if (!cs->header)
        cs->header = cs->n - first;
}

/* The text from byte k of a pipe paragraph to the next bar, trimmed; *end is where it stops. */
static const char *pipe_segment(const psi_block *b, size_t k, size_t *len, size_t *end)
{
    const char *bar = k < b->n_bytes ? memchr(b->text + k, '|', b->n_bytes - k) : NULL;
    *end = bar ? (size_t)(bar - b->text) : b->n_bytes;
    *len = *end - k;
    return psi_trim(b->text + k, len);
}

/* Whether "||" ends the pipe row whose first cell is 'first', or is an empty cell: joined
 * lines leave "||" between two rows, and "| a || b |" is also a row with an empty cell. The
 * header ends at its first "||"; another row once it has the header's cells, when it is the
 * rule, or when the row's next number follows (a short row). */
static bool bars_end_row(const cells *cs, size_t first, const psi_block *b, size_t k)
{
    size_t have = cs->n - first, len, end;
    if (!have)
        return false; /* a row's empty first cell */
    if (!cs->header || have >= cs->header || is_rule(&cs->v[first]))
        return true;
    int number = row_number(&cs->v[first]);
    const char *next = pipe_segment(b, k, &len, &end); /* the cell after the bars */
    return number >= 0 && row_number(&(cell){.text = next, .len = len}) == number + 1;
}

/* A paragraph of pipe rows "| a | b |", one row per line ("||" or a line break between two). */
static void read_pipe_rows(cells *cs, const psi_block *b, size_t p)
{
    size_t row = 0, first = cs->n; /* row: lines into the paragraph; first: the row's first cell */
    for (size_t k = 1; k < b->n_bytes;) {
        size_t len, end;
        const char *t = pipe_segment(b, k, &len, &end);
        bool ends = end == k ? bars_end_row(cs, first, b, k + 1) : b->text[k] == '\n';
        if (ends) {
            end_pipe_row(cs, first);
            first = cs->n;
            row++;
        }
        if (!ends || len) {
            size_t line = b->line_start + row;
            cells_push(cs, (cell){t, len, line, line, p, cs->n == first});
        }
        k = end + 1;
    }
    end_pipe_row(cs, first);
}

/* Reads paragraphs until cell k is there: a paragraph is a cell, or a pipe row a row of cells.
 * False when the document ends first. */
static bool cells_have(cells *cs, size_t k)
{
    while (cs->n <= k && cs->next_para < cs->paras->n) {
        size_t p = cs->next_para++;
        const psi_block *b = &cs->paras->v[p];
        if (b->text[0] == '|')
            read_pipe_rows(cs, b, p);
        else
            cells_push(cs, (cell){b->text, b->n_bytes, b->line_start, b->line_end, p, false});
    }
    return k < cs->n;
}

/* "附件2", "附表：…" (maybe joined with what follows it): the table has ended. */
static bool opens_end_part(const cell *c)
{
    return psi_named_heading(c->text, c->len) ||
           (c->len >= 6 && (memcmp(c->text, "附件", 6) == 0 || memcmp(c->text, "附表", 6) == 0));
}

/* The header row: 序号 first, then short cells up to the first row number "1" (or the end of a
 * pipe row). Fills the kinds and returns the number of columns; *dept says whether one of them
 * holds departments (a task-division table). */
static size_t read_header(cells *cs, psi_column *kinds, bool *dept)
{
    size_t cols = 0;
    *dept = false;
    if (!cells_have(cs, 0) || column_kind(cs->v[0].text, cs->v[0].len) != PSI_COL_NUMBER)
        return 0;
    while (cols < MAX_COLS && cells_have(cs, cols) && row_number(&cs->v[cols]) != 1 &&
           !(cols && cs->v[cols].opens_row) &&
           psi_width_cols(cs->v[cols].text, cs->v[cols].len) <= MAX_CELL_COLS) {
        psi_column k = column_kind(cs->v[cols].text, cs->v[cols].len);
        kinds[cols++] = k;
        *dept |= k == PSI_COL_LEAD || k == PSI_COL_SUPPORT || k == PSI_COL_RESPONSIBLE;
    }
    return cols;
}

/* Whether a converter broke the cell in two ("区绿化市容局、" ⏎ "区农业农村委"): it ends in 、,
 * or in ， when its row has more cells than columns. */
static bool is_broken(const cell *c, bool too_many)
{
    return psi_ends_with(c->text, c->len, "、") ||
           (too_many && psi_ends_with(c->text, c->len, "，"));
}

/* Appends cell y to x, the cell it is the rest of. */
static void join_cells(psi_arena *a, cell *x, const cell *y)
{
    char *t = psi_arena_alloc(a, x->len + y->len + 1);
    memcpy(t, x->text, x->len);
    memcpy(t + x->len, y->text, y->len);
    t[x->len + y->len] = '\0';
    x->text = t;
    x->len += y->len;
    x->line_end = y->line_end;
    x->para = y->para;
}

/* Whether a paragraph opens a section rather than continues a table: a heading, a numbered
 * heading of the document's outline (二、, （三）, 第四条) or an end part. */
static bool is_section(const char *s, size_t n, unsigned flags)
{
    psi_marker m;
    if ((flags & PSI_BLOCK_HEADING) || psi_named_heading(s, n))
        return true;
    return psi_marker_parse(s, n, &m) && (m.kind == PSI_MARK_CN || m.kind == PSI_MARK_CN_PAREN ||
                                          m.kind == PSI_MARK_ARTICLE || m.kind == PSI_MARK_CHAPTER);
}

static bool opens_section(const cells *cs, size_t k)
{
    const cell *c = &cs->v[k];
    return is_section(c->text, c->len, cs->paras->v[c->para].flags);
}

/* A flattened row's cells after its number (cell c), broken cells rejoined, into row[]: to the
 * next row's number, or, for the last row, up to a full row after rejoining or to an end part
 * ("附件2"); the last row of a table without departments also stops at a section's heading.
 * Returns the cell after the row; 0 when its cells cannot be told apart. */
static size_t flat_row(cells *cs, size_t c, size_t cols, int want, bool general, psi_arena *a,
                       cell *row, size_t *n)
{
    size_t end = c + 1;
    while (cells_have(cs, end) && end - c < 2 * cols && row_number(&cs->v[end]) != want + 1)
        end++;
    bool last = end - c >= 2 * cols || !cells_have(cs, end) || row_number(&cs->v[end]) != want + 1;
    size_t k = c + 1;
    *n = 0;
    for (; last ? cells_have(cs, k) && !opens_end_part(&cs->v[k]) &&
                      !(general && opens_section(cs, k))
                : k < end;
         k++) {
        bool too_many = !last && *n + (end - k) > cols - 1; /* cells now, this one included */
        if (*n && is_broken(&row[*n - 1], too_many))
            join_cells(a, &row[*n - 1], &cs->v[k]);
        else if (last && *n == cols - 1)
            break;
        else
            row[(*n)++] = cs->v[k];
    }
    return *n > cols - 1 ? 0 : k;
}

/* A pipe row's cells after its number (cell c), as written, into row[]; cells past the
 * header's are left out, as GitHub's tables do. Returns the cell after the row. */
static size_t pipe_row(cells *cs, size_t c, size_t cols, cell *row, size_t *n)
{
    size_t k = c + 1;
    *n = 0;
    for (; cells_have(cs, k) && cs->v[k].para == cs->v[c].para && !cs->v[k].opens_row; k++)
        if (*n < cols - 1)
            row[(*n)++] = cs->v[k];
    return k;
}

/* Fills r's cells from row[]: a pipe row's from the left, an empty or missing cell empty; a
 * flattened row's aligned right, its missing cells keeping the value of the row above. */
static void fill_row(psi_table_row *r, const cell *row, size_t n, size_t cols, bool pipe,
                     cell *prev, psi_arena *a)
{
    size_t first_col = pipe ? 1 : cols - n;
    for (size_t col = 1; col < cols; col++) {
        if (col >= first_col && col - first_col < n)
            prev[col] = row[col - first_col];
        else if (pipe)
            prev[col] = (cell){0};
        r->cells[col] = prev[col].len ? psi_arena_strndup(a, prev[col].text, prev[col].len) : NULL;
    }
}

/* "header：value", or the value alone under an empty header (see the top of the file). */
static const char *with_header(psi_arena *a, const char *head, size_t head_len, const char *value)
{
    if (!value || !head_len)
        return value;
    size_t n = strlen(value);
    char *t = psi_arena_alloc(a, head_len + 3 + n + 1);
    memcpy(t, head, head_len);
    memcpy(t + head_len, "：", 3);
    memcpy(t + head_len + 3, value, n + 1);
    return t;
}

static void rows_push(psi_table *out, psi_table_row ***rows, size_t *cap, psi_table_row *r)
{
    if (out->n_rows == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        *rows = psi_xrealloc(*rows, *cap * sizeof **rows);
    }
    (*rows)[out->n_rows++] = r;
}

/* Moves the rows into the arena. */
static void rows_done(psi_table *out, psi_table_row **rows, psi_arena *a)
{
    if (out->n_rows) {
        out->rows = psi_arena_alloc(a, out->n_rows * sizeof *rows);
        memcpy(out->rows, rows, out->n_rows * sizeof *rows);
    }
    free(rows);
}

static psi_table_row *row_new(psi_arena *a, int number, size_t line_start, size_t line_end)
{
    psi_table_row *r = psi_arena_alloc(a, sizeof *r);
    memset(r, 0, sizeof *r);
    r->number = number;
    r->line_start = line_start;
    r->line_end = line_end;
    return r;
}

/* Rows from cell c on, each from its number to the next, into out->rows (grown by doubling).
 * 'heads' (the header cells) marks a table without departments: its first row must be full,
 * and its cells are written with their headers. Returns the paragraph after the last row's last
 * cell. */
static size_t read_rows(cells *cs, size_t c, const cell *heads, psi_arena *a, psi_table *out)
{
    size_t cols = out->n_cols, cap = 0, para_end = 0;
    cell prev[MAX_COLS] = {0};
    psi_table_row **rows = NULL;
    for (int want = 1; cells_have(cs, c) && row_number(&cs->v[c]) == want; want++) {
        cell row[2 * MAX_COLS];
        size_t n, end;
        bool pipe = cs->v[c].opens_row;
        end = pipe ? pipe_row(cs, c, cols, row, &n)
                   : flat_row(cs, c, cols, want, heads != NULL, a, row, &n);
        if (!end || (heads && want == 1 && !pipe && n != cols - 1))
            break; /* the table is not read past cells that cannot be told apart */
        psi_table_row *r = row_new(a, want, cs->v[c].line_start, cs->v[end - 1].line_end);
        fill_row(r, row, n, cols, pipe, prev, a);
        for (size_t col = 1; heads && col < cols; col++)
            r->cells[col] = with_header(a, heads[col].text, heads[col].len, r->cells[col]);
        rows_push(out, &rows, &cap, r);
        para_end = cs->v[end - 1].para + 1; /* every cell of the row, a rejoined one's rest too */
        c = end;
    }
    rows_done(out, rows, a);
    return para_end;
}

/* Whether cell k was read from a pipe paragraph. */
static bool is_pipe_cell(const cells *cs, size_t k)
{
    return cs->paras->v[cs->v[k].para].text[0] == '|';
}

/* A short cell without a sentence in it: a header's, or a line of a captioned list. */
static bool is_short_cell(const char *s, size_t n)
{
    if (!n || psi_width_cols(s, n) > MAX_CELL_COLS)
        return false;
    for (size_t i = 0; i < n;)
        if (psi_is_sentence_end(psi_utf8_next(s, n, &i)))
            return false;
    return true;
}

/* A pipe table that is no task-division table: the first row is its header, the |---| rule
 * follows it, then every pipe row is a row, its cells as written (those past the header's left
 * out). The first cell read is cs->v[0]. Returns the paragraph after the last row. */
static size_t read_pipe_table(cells *cs, psi_arena *a, psi_table *out)
{
    size_t cols = 1, cap = 0, para_end = 0;
    while (cells_have(cs, cols) && !cs->v[cols].opens_row && is_pipe_cell(cs, cols))
        cols++;
    if (cols < 2 || cols > MAX_COLS || !cs->ruled || cs->rule_at != cols)
        return 0;
    for (size_t k = 0; k < cols; k++)
        if (cs->v[k].len && !is_short_cell(cs->v[k].text, cs->v[k].len))
            return 0;
    out->n_cols = cols;
    for (size_t k = 0; k < cols; k++)
        out->kinds[k] = k == 0 && column_kind(cs->v[0].text, cs->v[0].len) == PSI_COL_NUMBER
                            ? PSI_COL_NUMBER
                            : PSI_COL_TASK;
    psi_table_row **rows = NULL;
    for (size_t c = cols; cells_have(cs, c) && cs->v[c].opens_row && is_pipe_cell(cs, c);) {
        size_t k = c + 1;
        while (cells_have(cs, k) && !cs->v[k].opens_row && cs->v[k].para == cs->v[c].para)
            k++;
        int number = out->kinds[0] == PSI_COL_NUMBER ? row_number(&cs->v[c]) : -1;
        psi_table_row *r = row_new(a, number >= 0 ? number : (int)out->n_rows + 1,
                                   cs->v[c].line_start, cs->v[k - 1].line_end);
        for (size_t col = 0; col < cols && c + col < k; col++) {
            const cell *v = &cs->v[c + col];
            if (v->len && out->kinds[col] != PSI_COL_NUMBER)
                r->cells[col] = with_header(a, cs->v[col].text, cs->v[col].len,
                                            psi_arena_strndup(a, v->text, v->len));
        }
        rows_push(out, &rows, &cap, r);
        para_end = cs->v[k - 1].para + 1;
        c = k;
    }
    rows_done(out, rows, a);
    return para_end;
}

/* The number of paragraphs from i on that sit on paragraph i's source line (a row the HTML
 * reader gave cell by cell), up to MAX_COLS + 1. */
static size_t line_group(const psi_blocks *paras, size_t i)
{
    size_t k = i, line = paras->v[i].line_start;
    while (k < paras->n && k - i <= MAX_COLS && paras->v[k].line_start == line &&
           paras->v[k].line_end == line && !(paras->v[k].flags & PSI_BLOCK_META))
        k++;
    return k - i;
}

/* Rows of cells on one source line each, as the HTML reader gives a table whose <tr> are
 * written on one line: a header of two or more short cells, then groups of as many cells on
 * the lines after it. Returns the paragraph after the last row. */
static size_t read_line_table(const psi_blocks *paras, size_t i, psi_arena *a, psi_table *out)
{
    size_t cols = line_group(paras, i), cap = 0, p = i + cols;
    psi_marker m;
    if (cols < 2 || cols > MAX_COLS)
        return 0;
    for (size_t k = i; k < i + cols; k++)
        if (!is_short_cell(paras->v[k].text, paras->v[k].n_bytes) ||
            psi_marker_parse(paras->v[k].text, paras->v[k].n_bytes, &m))
            return 0; /* a header holds no numbered item: "一、总体要求" is the outline's */
    const psi_block *head = &paras->v[i];
    out->n_cols = cols;
    for (size_t k = 0; k < cols; k++)
        out->kinds[k] = k == 0 && column_kind(head->text, head->n_bytes) == PSI_COL_NUMBER
                            ? PSI_COL_NUMBER
                            : PSI_COL_TASK;
    psi_table_row **rows = NULL;
    for (size_t n; p < paras->n && paras->v[p].line_start > paras->v[p - 1].line_end; p += n) {
        n = line_group(paras, p);
        /* The reader leaves out an empty cell: a short row is one when a full row follows it,
         * and as no one can tell which cells it lacks, its cells are written without headers. */
        size_t after = p + n;
        bool full = n == cols, short_row = n && n < cols && after < paras->n &&
                                           paras->v[after].line_start > paras->v[p].line_end &&
                                           line_group(paras, after) == cols;
        const psi_block *v = &paras->v[p];
        bool section = false;
        for (size_t col = 0; col < n && (full || short_row); col++)
            section |= is_section(v[col].text, v[col].n_bytes, v[col].flags & ~PSI_BLOCK_HEADING);
        if ((!full && !short_row) || section)
            break; /* the document's outline goes on, not the table */
        int number = -1;
        if (full && out->kinds[0] == PSI_COL_NUMBER)
            number = row_number(&(cell){.text = v->text, .len = v->n_bytes});
        psi_table_row *r =
            row_new(a, number >= 0 ? number : (int)out->n_rows + 1, v->line_start, v->line_end);
        for (size_t col = 0; col < n; col++)
            if (!full || out->kinds[col] != PSI_COL_NUMBER)
                r->cells[col] = full
                                    ? with_header(a, head[col].text, head[col].n_bytes, v[col].text)
                                    : v[col].text;
        rows_push(out, &rows, &cap, r);
    }
    rows_done(out, rows, a);
    return p;
}

/* A table's caption: a short line ending in 表 (…园区表, …一览表), 清单, 名单 or 名录, without a
 * sentence, a number or a heading's markup. */
static bool is_caption(const psi_block *b)
{
    static const char *const ends[] = {"表", "清单", "名单", "名录", NULL};
    psi_marker m;
    if (b->n_bytes < 9 || !is_short_cell(b->text, b->n_bytes) ||
        (b->flags & (PSI_BLOCK_HEADING | PSI_BLOCK_META)) ||
        psi_marker_parse(b->text, b->n_bytes, &m))
        return false;
    for (const char *const *e = ends; *e; e++)
        if (psi_ends_with(b->text, b->n_bytes, *e))
            return true;
    return false;
}

/* A line of a captioned list: short, no sentence, no "：", no number, no heading, no end part,
 * not a line of wrapped prose, and not a signature (a date line after it). */
static bool is_list_line(const psi_blocks *paras, size_t k)
{
    const psi_block *b = &paras->v[k];
    psi_marker m;
    char iso[11];
    if (!is_short_cell(b->text, b->n_bytes) || memmem(b->text, b->n_bytes, "：", 3) ||
        memchr(b->text, ':', b->n_bytes) ||
        (b->flags & (PSI_BLOCK_HEADING | PSI_BLOCK_META | PSI_BLOCK_FULL)) ||
        psi_marker_parse(b->text, b->n_bytes, &m) ||
        opens_end_part(&(cell){.text = b->text, .len = b->n_bytes}) ||
        psi_date_iso(b->text, b->n_bytes, iso))
        return false;
    const psi_block *next = k + 1 < paras->n ? &paras->v[k + 1] : NULL;
    return !next || next->n_bytes > 60 || !psi_date_iso(next->text, next->n_bytes, iso);
}

/* A list under a caption, with no header row: three or more short lines from paragraph i on,
 * after a caption at i - 1 that does not end a wrapped paragraph. Each line is a row; where
 * the first line is flush left and later ones are indented, a flush-left line heads the rows
 * of the indented lines after it, as their first column (a merged cell): its row is the first
 * of them, or its own when none follows. Returns the paragraph after the last line. */
static size_t read_list_table(const psi_blocks *paras, size_t i, psi_arena *a, psi_table *out)
{
    if (i == 0 || !is_caption(&paras->v[i - 1]) ||
        (i >= 2 && (paras->v[i - 2].flags & PSI_BLOCK_FULL)) ||
        column_kind(paras->v[i].text, paras->v[i].n_bytes) == PSI_COL_NUMBER)
        return 0;
    size_t end = i;
    bool indented = false;
    while (end < paras->n && is_list_line(paras, end))
        indented |= paras->v[end++].flags & PSI_BLOCK_INDENT;
    if (end - i < 3)
        return 0;
    bool grouped = indented && !(paras->v[i].flags & PSI_BLOCK_INDENT);
    out->n_cols = grouped ? 3 : 2; /* column 0 numbers the rows; no cell holds it */
    out->kinds[0] = PSI_COL_NUMBER;
    out->kinds[1] = out->kinds[2] = PSI_COL_TASK;
    psi_table_row **rows = NULL;
    size_t cap = 0;
    const psi_block *group = NULL;
    for (size_t k = i; k < end; k++) {
        const psi_block *v = &paras->v[k];
        bool head = grouped && !(v->flags & PSI_BLOCK_INDENT);
        if (head) {
            group = v;
            if (k + 1 < end && (paras->v[k + 1].flags & PSI_BLOCK_INDENT))
                continue; /* the rows after it hold it */
        }
        bool first = group && k > i && &paras->v[k - 1] == group;
        psi_table_row *r = row_new(a, (int)out->n_rows + 1,
                                   first || head ? group->line_start : v->line_start, v->line_end);
        r->cells[1] = group ? group->text : v->text;
        r->cells[2] = group && !head ? v->text : NULL;
        rows_push(out, &rows, &cap, r);
    }
    rows_done(out, rows, a);
    return end;
}

/* The table whose first paragraph is i, if any (see the top of the file); *captioned says
 * that paragraph i - 1 is its caption. Returns the paragraph after it, or i. */
static size_t table_at(const psi_blocks *paras, size_t i, psi_arena *a, psi_table *out,
                       bool *captioned)
{
    memset(out, 0, sizeof *out);
    *captioned = false;
    const psi_block *first = &paras->v[i];
    bool pipe = first->text[0] == '|';
    size_t para_end = 0;
    if (pipe ||
        (first->n_bytes <= 12 && column_kind(first->text, first->n_bytes) == PSI_COL_NUMBER)) {
        cells cs = {.paras = paras, .next_para = i};
        bool dept;
        size_t cols = read_header(&cs, out->kinds, &dept);
        bool numbered = cells_have(&cs, cols) && row_number(&cs.v[cols]) == 1;
        if (dept && cols >= 3 && numbered) {
            out->n_cols = cols;
            para_end = read_rows(&cs, cols, NULL, a, out);
        } else if (!dept && !pipe && cols >= 2 && numbered) {
            cell heads[MAX_COLS]; /* copied: reading the rows may move cs.v */
            memcpy(heads, cs.v, cols * sizeof *heads);
            out->n_cols = cols;
            for (size_t k = 1; k < cols; k++)
                out->kinds[k] = PSI_COL_TASK;
            para_end = read_rows(&cs, cols, heads, a, out);
        } else if (!dept && pipe) {
            memset(out, 0, sizeof *out);
            para_end = read_pipe_table(&cs, a, out);
        }
        free(cs.v);
        return out->n_rows ? para_end : i;
    }
    para_end = read_line_table(paras, i, a, out);
    if (!out->n_rows) {
        memset(out, 0, sizeof *out);
        para_end = read_list_table(paras, i, a, out);
        *captioned = out->n_rows > 0;
    }
    return out->n_rows ? para_end : i;
}

size_t psi_table_at(const psi_blocks *paras, size_t i, psi_arena *a, psi_table *out)
{
    bool captioned;
    return table_at(paras, i, a, out, &captioned) - i;
}

/* A caption is flagged too, so that it stays a paragraph of its own. */
void psi_tables_mark(psi_blocks *bs, psi_arena *a)
{
    for (size_t i = 0; i < bs->n; i++) {
        psi_table t;
        bool captioned;
        size_t end = table_at(bs, i, a, &t, &captioned);
        for (size_t k = captioned ? i - 1 : i; k < end; k++)
            bs->v[k].flags |= PSI_BLOCK_CELL;
        i = end > i ? end - 1 : i;
    }
}
