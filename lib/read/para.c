/* para.c: blocks -> paragraphs.
 *
 * PDF extraction hard-wraps lines at a fixed width and Word-to-Markdown conversion splits
 * sentences mid-word ("持续做好人口综合服务和管" / "理,健全…"). Two rules rebuild paragraphs:
 *   - wrapped text: a line that reached the wrap width continues into the next line, unless
 *     it ends a sentence and the next line opens a numbered item; a shorter line ends it;
 *   - other text: a block that does not end a sentence continues into the next one, unless
 *     it is a heading or the next one opens a numbered item, a heading or a date line.
 * Numbers at the start of a continued line are content, not markers ("…提高到" / "8.5平方米").
 * Finally, runs of short unpunctuated lines in wrapped text (tables such as the indicator table
 * of the five-year plan) become one paragraph instead of one record per cell. */
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

void psi_blocks_add(psi_blocks *bs, psi_arena *a, const char *text, size_t n_bytes,
                    size_t line_start, size_t line_end, unsigned flags)
{
    if (bs->n == bs->cap) {
        bs->cap = bs->cap ? bs->cap * 2 : 64;
        bs->v = psi_xrealloc(bs->v, bs->cap * sizeof *bs->v);
    }
    psi_block *b = &bs->v[bs->n++];
    b->text = psi_arena_strndup(a, text, n_bytes);
    b->n_bytes = n_bytes;
    b->line_start = line_start;
    b->line_end = line_end;
    b->flags = flags;
    b->marks = psi_arena_alloc(a, sizeof *b->marks);
    b->marks[0].off = 0;
    b->marks[0].line = line_start;
    b->n_marks = 1;
}

size_t psi_block_line_at(const psi_block *b, size_t off)
{
    size_t lo = 0, hi = b->n_marks; /* the last mark at or before off: binary search */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->marks[mid].off <= off)
            lo = mid;
        else
            hi = mid;
    }
    return b->n_marks ? b->marks[lo].line : b->line_start;
}

void psi_blocks_free(psi_blocks *bs)
{
    free(bs->v);
    bs->v = NULL;
    bs->n = bs->cap = 0;
}

static bool is_closer(uint32_t cp)
{
    return cp == 0x201D || cp == 0x2019 || cp == 0x300D || cp == 0x300F || cp == 0xFF09 ||
           cp == ')' || cp == 0x3011 || cp == '*' || cp == '"';
}

static bool is_terminal_punct(uint32_t cp)
{
    return psi_is_sentence_end(cp) || cp == 0xFF1A || cp == ':' || cp == 0x2026 || cp == 0xFF0E;
}

/* Whether the bracket group that ends the text is a responsibility tag. */
static bool closes_with_tag(const char *s, size_t n)
{
    psi_arena *a = psi_arena_new();
    psi_tags tags;
    psi_dept_find_tags(s, n, NULL, a, &tags);
    bool tag = tags.n > 0 && tags.v[tags.n - 1].end == n;
    psi_arena_free(a);
    return tag;
}

/* Does the text end a sentence? Closing quotes and brackets after the full stop count
 * ("…城市形象。”"), and so does a closing department tag ("…（责任部门：市科委）"). */
static bool ends_sentence(const char *s, size_t n)
{
    size_t i = n;
    while (i > 0) {
        uint32_t cp = psi_utf8_prev(s, &i);
        if (is_terminal_punct(cp))
            return true;
        if (!is_closer(cp))
            return false;
        if (cp == 0xFF09 || cp == ')') {
            /* A bracket group holding a responsibility tag closes the measure. */
            size_t open = n; /* a tag is short: look back 300 characters at most */
            size_t steps = 0;
            for (size_t k = i, depth = 0; k > 0 && steps++ < 300;) {
                uint32_t c = psi_utf8_prev(s, &k);
                if (c == 0xFF09 || c == ')') {
                    depth++;
                } else if ((c == 0xFF08 || c == '(') && depth-- == 0) {
                    open = k;
                    break;
                }
            }
            if (open < n && closes_with_tag(s + open, n - open))
                return true;
        }
    }
    return false;
}

static bool is_date_line(const char *s, size_t n)
{
    char iso[11];
    if (!psi_date_iso(s, n, iso))
        return false;
    /* The date must be nearly the whole line: "2024 年 6 月 28 日", "2024年12月30日印发". */
    return psi_width_cols(s, n) <= 34;
}

static bool is_marker(const psi_block *b)
{
    psi_marker m;
    return psi_marker_parse(b->text, b->n_bytes, &m);
}

/* The paragraph being built: its text grows by amortized appends, and what the joining rules
 * ask about it is kept up to date as blocks arrive, so that joining is linear even for a
 * paragraph of a million lines. */
typedef struct open_para {
    psi_buf text;
    psi_linemark *marks;
    size_t n_marks, cap_marks;
    size_t line_start, line_end;
    unsigned flags; /* of the first block, with FULL of the last one */
    bool marker;    /* starts with a numbering marker */
    bool has_stop;  /* holds a 。 */
    bool date;      /* is a date line (only ever true for a single block) */
    size_t width;   /* display columns */
} open_para;

static void para_add_marks(open_para *op, const psi_block *b, size_t at)
{
    if (op->n_marks + b->n_marks > op->cap_marks) {
        op->cap_marks = (op->n_marks + b->n_marks) * 2;
        op->marks = psi_xrealloc(op->marks, op->cap_marks * sizeof *op->marks);
    }
    for (size_t k = 0; k < b->n_marks; k++) {
        op->marks[op->n_marks].off = b->marks[k].off + at;
        op->marks[op->n_marks++].line = b->marks[k].line;
    }
}

static void para_start(open_para *op, const psi_block *b)
{
    psi_buf_clear(&op->text);
    psi_buf_put(&op->text, b->text, b->n_bytes);
    op->n_marks = 0;
    para_add_marks(op, b, 0);
    op->line_start = b->line_start;
    op->line_end = b->line_end;
    op->flags = b->flags;
    op->marker = is_marker(b);
    op->has_stop = memmem(b->text, b->n_bytes, "。", 3) != NULL;
    op->date = is_date_line(b->text, b->n_bytes);
    op->width = psi_width_cols(b->text, b->n_bytes);
}

/* Appends b; 'space' separates table cells. */
static void para_append(open_para *op, const psi_block *b, bool space)
{
    if (space)
        psi_buf_putc(&op->text, ' ');
    psi_join_wrapped(&op->text, b->text, b->n_bytes);
    para_add_marks(op, b, op->text.len - b->n_bytes); /* past a space a Latin wrap keeps */
    op->line_end = b->line_end;
    op->flags = (op->flags & ~PSI_BLOCK_FULL) | (b->flags & PSI_BLOCK_FULL);
    op->has_stop |= memmem(b->text, b->n_bytes, "。", 3) != NULL;
    op->date = false;
    op->width += psi_width_cols(b->text, b->n_bytes);
}

/* Stores the paragraph as a block (arena copies). */
static psi_block para_finish(const open_para *op, psi_arena *a)
{
    psi_block b;
    b.text = psi_arena_strndup(a, op->text.data ? op->text.data : "", op->text.len);
    b.n_bytes = op->text.len;
    b.line_start = op->line_start;
    b.line_end = op->line_end;
    b.flags = op->flags;
    b.marks = psi_arena_alloc(a, op->n_marks * sizeof *b.marks);
    memcpy(b.marks, op->marks, op->n_marks * sizeof *b.marks);
    b.n_marks = op->n_marks;
    return b;
}

/* A numbered heading: marker, short, no full stop ("（二）发展目标"). */
static bool is_heading_like(const open_para *op)
{
    return (op->flags & PSI_BLOCK_HEADING) || (op->marker && !op->has_stop && op->width <= 120);
}

static bool continues(const psi_blocks *bs, const open_para *p, const psi_block *b)
{
    if ((p->flags | b->flags) & (PSI_BLOCK_HEADING | PSI_BLOCK_META | PSI_BLOCK_CELL))
        return false;
    if (bs->whole_paragraphs) /* Word's paragraphs are the author's */
        return false;
    if (psi_named_heading(b->text, b->n_bytes))
        return false;
    bool p_ends = ends_sentence(p->text.data, p->text.len);
    if (bs->wrapped) {
        if (!(p->flags & PSI_BLOCK_FULL))
            return false;
        /* A wrapped heading continues only into its short, unpunctuated tail ("…引领未来" /
         * "发展"), never into the paragraph below it. Measured on the page, a line that
         * reaches the right edge goes on (第四条 and its first line are not a heading). */
        if (is_heading_like(p) && !bs->geometry)
            return !(b->flags & PSI_BLOCK_FULL) && !is_marker(b) &&
                   !ends_sentence(b->text, b->n_bytes) && !memmem(b->text, b->n_bytes, "，", 3);
        bool opens = is_marker(b) || (b->flags & PSI_BLOCK_INDENT);
        return !(opens && p_ends);
    }
    if (p_ends || is_marker(b) || is_heading_like(p))
        return false;
    return !p->date && !is_date_line(b->text, b->n_bytes);
}

/* A table cell or list line of wrapped text: short, unpunctuated, not a marker or a date. */
static bool is_cell(const psi_blocks *bs, const psi_block *b)
{
    return !(b->flags & (PSI_BLOCK_FULL | PSI_BLOCK_HEADING | PSI_BLOCK_META | PSI_BLOCK_CELL)) &&
           b->line_start == b->line_end && !ends_sentence(b->text, b->n_bytes) && !is_marker(b) &&
           !is_date_line(b->text, b->n_bytes) && bs->wrapped;
}

void psi_paragraphs(psi_blocks *bs, psi_arena *a)
{
    open_para op;
    memset(&op, 0, sizeof op);
    size_t o = 0;
    for (size_t i = 0; i < bs->n; i++) {
        if (i > 0 && continues(bs, &op, &bs->v[i])) {
            para_append(&op, &bs->v[i], false);
            continue;
        }
        if (i > 0)
            bs->v[o++] = para_finish(&op, a);
        para_start(&op, &bs->v[i]);
    }
    if (bs->n > 0)
        bs->v[o++] = para_finish(&op, a);
    bs->n = o;

    /* Merge runs of three or more table cells. */
    o = 0;
    for (size_t i = 0; i < bs->n;) {
        size_t j = i;
        while (j < bs->n && is_cell(bs, &bs->v[j]))
            j++;
        if (j - i >= 3) {
            para_start(&op, &bs->v[i]);
            for (size_t k = i + 1; k < j; k++)
                para_append(&op, &bs->v[k], true);
            bs->v[o++] = para_finish(&op, a);
            i = j;
        } else {
            bs->v[o++] = bs->v[i++];
        }
    }
    bs->n = o;
    psi_buf_free(&op.text);
    free(op.marks);
}
