/* table.c: task-division tables (重点任务分工表, 任务清单) read as rows of cells.
 *
 * Converters and crawlers leave such tables flattened, one cell per paragraph: the header row
 * (序号 ⏎ 重点任务 ⏎ 牵头单位 ⏎ 配合单位 ⏎ 完成时限) tells the columns, then each row starts with
 * its 序号. A cell merged with the row above is simply missing from the row, and merged cells
 * sit on the left (a task group spanning several rows), so a short row's cells are aligned to
 * the right-hand columns and the missing ones keep the value of the row above. Markdown pipe
 * rows ("| 1 | 任务 | 市财政局 | … |") are read as the same cells. */
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

enum { MAX_COLS = 12, MAX_CELL_COLS = 40 /* a header cell is short */ };

typedef struct cell {
    const char *text;
    size_t len;
    size_t line_start, line_end;
    size_t para; /* index of the paragraph it came from */
} cell;

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

/* Cells of the paragraphs from i on: a paragraph is a cell, or a pipe row a row of cells.
 * Stops at 'max' cells. */
static size_t gather_cells(const psi_blocks *paras, size_t i, cell *out, size_t max, size_t *used)
{
    size_t n = 0, p = i;
    for (; p < paras->n && n < max; p++) {
        const psi_block *b = &paras->v[p];
        if (b->text[0] != '|') {
            out[n++] = (cell){b->text, b->n_bytes, b->line_start, b->line_end, p};
            continue;
        }
        /* "| a | b |" rows; joined lines leave "||" between two rows, one row per line */
        size_t row = 0;
        for (size_t k = 1; k < b->n_bytes && n < max;) {
            const char *bar = memchr(b->text + k, '|', b->n_bytes - k);
            size_t end = bar ? (size_t)(bar - b->text) : b->n_bytes;
            size_t len = end - k;
            const char *t = psi_trim(b->text + k, &len);
            if (end == k || (b->text[k] == '\n'))
                row++;
            size_t line = b->line_start + row;
            if (len && strspn(t, "-: ") != len) /* not the |---| rule */
                out[n++] = (cell){t, len, line, line, p};
            k = end + 1;
        }
    }
    *used = p - i;
    return n;
}

static bool cell_ends_with(const char *s, size_t n, const char *w)
{
    size_t l = strlen(w);
    return n >= l && memcmp(s + n - l, w, l) == 0;
}

/* "附件2", "附表：…" (maybe joined with what follows it): the table has ended. */
static bool opens_end_part(const cell *c)
{
    return psi_named_heading(c->text, c->len) ||
           (c->len >= 6 && (memcmp(c->text, "附件", 6) == 0 || memcmp(c->text, "附表", 6) == 0));
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

size_t psi_table_at(const psi_blocks *paras, size_t i, psi_arena *a, psi_table *out)
{
    memset(out, 0, sizeof *out);
    const psi_block *first = &paras->v[i];
    if (first->text[0] != '|' &&
        (first->n_bytes > 12 || column_kind(first->text, first->n_bytes) != PSI_COL_NUMBER))
        return 0;
    enum { LOOKAHEAD = 4096 };
    cell *cells = psi_xmalloc(LOOKAHEAD * sizeof *cells);
    size_t used = 0, n = gather_cells(paras, i, cells, LOOKAHEAD, &used);
    (void)used;
    /* The header: 序号 first, then short cells up to the first row number "1". */
    size_t cols = 0;
    bool has_dept = false;
    if (n > 0 && column_kind(cells[0].text, cells[0].len) == PSI_COL_NUMBER)
        while (cols < n && cols < MAX_COLS && row_number(&cells[cols]) != 1 &&
               psi_width_cols(cells[cols].text, cells[cols].len) <= MAX_CELL_COLS) {
            psi_column k = column_kind(cells[cols].text, cells[cols].len);
            out->kinds[cols] = k;
            has_dept |= k == PSI_COL_LEAD || k == PSI_COL_SUPPORT || k == PSI_COL_RESPONSIBLE;
            cols++;
        }
    if (cols < 3 || !has_dept || cols >= n || row_number(&cells[cols]) != 1) {
        free(cells);
        return 0;
    }
    out->n_cols = cols;
    /* Rows: from each number to the next; at most one cell per column. */
    const char *prev[MAX_COLS] = {0};
    size_t prev_len[MAX_COLS] = {0};
    size_t c = cols, consumed_cells = cols;
    for (int want = 1; c < n && row_number(&cells[c]) == want; want++) {
        /* The row runs to the next number; the last row has at most one cell per column. */
        size_t end = c + 1;
        while (end < n && end - c < 2 * cols && row_number(&cells[end]) != want + 1)
            end++;
        if (end - c >= 2 * cols || end >= n || row_number(&cells[end]) != want + 1) {
            end = c + 1; /* the last row: up to a full row, or to an end part ("附件2") */
            while (end < n && end - c < cols && !opens_end_part(&cells[end]))
                end++;
        }
        /* A cell a converter broke in two ("区绿化市容局、" ⏎ "区农业农村委") is one cell. */
        size_t k = c + 1;
        while (k + 1 < end) {
            if (cell_ends_with(cells[k].text, cells[k].len, "、") ||
                (end - c > cols && cell_ends_with(cells[k].text, cells[k].len, "，"))) {
                char *joined = psi_arena_alloc(a, cells[k].len + cells[k + 1].len + 1);
                memcpy(joined, cells[k].text, cells[k].len);
                memcpy(joined + cells[k].len, cells[k + 1].text, cells[k + 1].len + 1);
                cells[k].len += cells[k + 1].len;
                cells[k].text = joined;
                cells[k].line_end = cells[k + 1].line_end;
                memmove(cells + k + 1, cells + k + 2, (n - k - 2) * sizeof *cells);
                n--;
                end--;
            } else {
                k++;
            }
        }
        if (end - c > cols)
            break; /* cells that cannot be told apart: the table is not read past them */
        psi_table_row *r = psi_arena_alloc(a, sizeof *r);
        memset(r, 0, sizeof *r);
        r->number = want;
        r->line_start = cells[c].line_start;
        r->line_end = cells[end - 1].line_end;
        size_t have = end - c - 1, first_col = cols - have; /* aligned right */
        for (size_t col = 1; col < cols; col++) {
            if (col >= first_col) {
                prev[col] = cells[c + 1 + col - first_col].text;
                prev_len[col] = cells[c + 1 + col - first_col].len;
            }
            r->cells[col] = prev[col] ? psi_arena_strndup(a, prev[col], prev_len[col]) : NULL;
        }
        psi_table_row **nv = psi_arena_alloc(a, (out->n_rows + 1) * sizeof *nv);
        if (out->n_rows)
            memcpy(nv, out->rows, out->n_rows * sizeof *nv);
        nv[out->n_rows++] = r;
        out->rows = nv;
        consumed_cells = end;
        c = end;
    }
    size_t paras_used = out->n_rows ? cells[consumed_cells - 1].para - i + 1 : 0;
    free(cells);
    return out->n_rows ? paras_used : 0;
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
