/* table.c: task-division tables (重点任务分工表, 任务清单) read as rows of cells.
 *
 * Converters and crawlers leave such tables flattened, one cell per paragraph: the header row
 * (序号 ⏎ 重点任务 ⏎ 牵头单位 ⏎ 配合单位 ⏎ 完成时限) tells the columns, then each row starts with
 * its 序号. A cell merged with the row above is simply missing from the row, and merged cells
 * sit on the left (a task group spanning several rows), so a short row's cells are aligned to
 * the right-hand columns and the missing ones keep the value of the row above. Markdown pipe
 * rows ("| 1 | 任务 | 市财政局 | … |") say where each cell is: they are read as written, an
 * empty cell an empty column. Cells are read only as far as the rows need them, so a table of
 * any length costs time in proportion to it. */
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
    size_t header; /* cells in the first pipe row, once it has ended */
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
    if (k == cs->n && k > first)
        cs->n = first;
    else if (!cs->header)
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
 * pipe row). Fills the kinds and returns the number of columns, 0 when it holds no department. */
static size_t read_header(cells *cs, psi_column *kinds)
{
    size_t cols = 0;
    bool has_dept = false;
    if (!cells_have(cs, 0) || column_kind(cs->v[0].text, cs->v[0].len) != PSI_COL_NUMBER)
        return 0;
    while (cols < MAX_COLS && cells_have(cs, cols) && row_number(&cs->v[cols]) != 1 &&
           !(cols && cs->v[cols].opens_row) &&
           psi_width_cols(cs->v[cols].text, cs->v[cols].len) <= MAX_CELL_COLS) {
        psi_column k = column_kind(cs->v[cols].text, cs->v[cols].len);
        kinds[cols++] = k;
        has_dept |= k == PSI_COL_LEAD || k == PSI_COL_SUPPORT || k == PSI_COL_RESPONSIBLE;
    }
    return has_dept ? cols : 0;
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

/* A flattened row's cells after its number (cell c), broken cells rejoined, into row[]: to the
 * next row's number, or, for the last row, up to a full row after rejoining or to an end part
 * ("附件2"). Returns the cell after the row; 0 when its cells cannot be told apart. */
static size_t flat_row(cells *cs, size_t c, size_t cols, int want, psi_arena *a, cell *row,
                       size_t *n)
{
    size_t end = c + 1;
    while (cells_have(cs, end) && end - c < 2 * cols && row_number(&cs->v[end]) != want + 1)
        end++;
    bool last = end - c >= 2 * cols || !cells_have(cs, end) || row_number(&cs->v[end]) != want + 1;
    size_t k = c + 1;
    *n = 0;
    for (; last ? cells_have(cs, k) && !opens_end_part(&cs->v[k]) : k < end; k++) {
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

/* Rows from cell c on, each from its number to the next, into out->rows (grown by doubling).
 * Returns the paragraph after the last row's last cell. */
static size_t read_rows(cells *cs, size_t c, psi_arena *a, psi_table *out)
{
    size_t cols = out->n_cols, cap = 0, para_end = 0;
    cell prev[MAX_COLS] = {0};
    psi_table_row **rows = NULL;
    for (int want = 1; cells_have(cs, c) && row_number(&cs->v[c]) == want; want++) {
        cell row[2 * MAX_COLS];
        size_t n, end;
        bool pipe = cs->v[c].opens_row;
        end = pipe ? pipe_row(cs, c, cols, row, &n) : flat_row(cs, c, cols, want, a, row, &n);
        if (!end)
            break; /* the table is not read past cells that cannot be told apart */
        psi_table_row *r = psi_arena_alloc(a, sizeof *r);
        memset(r, 0, sizeof *r);
        r->number = want;
        r->line_start = cs->v[c].line_start;
        r->line_end = cs->v[end - 1].line_end;
        fill_row(r, row, n, cols, pipe, prev, a);
        if (out->n_rows == cap) {
            cap = cap ? 2 * cap : 16;
            rows = psi_xrealloc(rows, cap * sizeof *rows);
        }
        rows[out->n_rows++] = r;
        para_end = cs->v[end - 1].para + 1; /* every cell of the row, a rejoined one's rest too */
        c = end;
    }
    if (out->n_rows) {
        out->rows = psi_arena_alloc(a, out->n_rows * sizeof *rows);
        memcpy(out->rows, rows, out->n_rows * sizeof *rows);
    }
    free(rows);
    return para_end;
}

size_t psi_table_at(const psi_blocks *paras, size_t i, psi_arena *a, psi_table *out)
{
    memset(out, 0, sizeof *out);
    const psi_block *first = &paras->v[i];
    if (first->text[0] != '|' &&
        (first->n_bytes > 12 || column_kind(first->text, first->n_bytes) != PSI_COL_NUMBER))
        return 0;
    cells cs = {.paras = paras, .next_para = i};
    size_t cols = read_header(&cs, out->kinds), para_end = 0;
    if (cols >= 3 && cells_have(&cs, cols) && row_number(&cs.v[cols]) == 1) {
        out->n_cols = cols;
        para_end = read_rows(&cs, cols, a, out);
    }
    free(cs.v);
    return out->n_rows ? para_end - i : 0;
}

void psi_tables_mark(psi_blocks *bs, psi_arena *a)
{
    for (size_t i = 0; i < bs->n; i++) {
        psi_table t;
        size_t spans = psi_table_at(bs, i, a, &t);
        for (size_t k = i; k < i + spans; k++)
            bs->v[k].flags |= PSI_BLOCK_CELL;
        i += spans ? spans - 1 : 0;
    }
}
