/* clause.c: paragraphs -> clause records.
 *
 * A stack of open headings follows the numbering (see marker.c for the conventions): a marker
 * of a kind already on the stack closes everything from that level up; a new kind opens a
 * level below the current one. This copes with documents that mix "(一)" and "（三）" or use
 * Markdown heading levels inconsistently, because only the numbering is trusted.
 *   - A numbered paragraph with sentences is an item ("13.持续加强…。…（责任部门：…）"): a record.
 *   - A short numbered paragraph without a full stop is a heading ("（二）发展目标"); the
 *     unnumbered paragraphs under it become records labelled by it, one per paragraph.
 *   - Paragraphs before the first heading form the preamble.
 *   - A heading with nothing under it becomes a record itself, so no text is ever dropped.
 * Paragraphs over MAX_CHARS are cut at sentence ends into parts of the same clause. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

enum {
    MAX_LEVELS = 12,   /* deeper numbering is flattened into the last level */
    MAX_CHARS = 1500,  /* longest record, in characters, unless one sentence is longer */
    TITLE_COLS = 80,   /* an item's first sentence up to this width is its title */
    HEADING_COLS = 120 /* a numbered paragraph without 。 up to this width is a heading */
};

typedef struct level {
    psi_marker m;
    const char *label;
    const char *title;
    const char *group;     /* id of records labelled by this level */
    const psi_block *para; /* the heading's own paragraph */
    bool has_content;      /* a record was made under it */
} level;

/* A string set for de-duplicating record ids (open addressing, FNV-1a). */
typedef struct idset {
    const char **slot;
    size_t cap, n;
} idset;

static bool idset_add(idset *set, const char *s)
{
    if ((set->n + 1) * 2 > set->cap) {
        idset bigger = {psi_xcalloc(set->cap ? set->cap * 2 : 256, sizeof(char *)),
                        set->cap ? set->cap * 2 : 256, 0};
        for (size_t i = 0; i < set->cap; i++)
            if (set->slot[i])
                idset_add(&bigger, set->slot[i]);
        free(set->slot);
        *set = bigger;
    }
    for (size_t i = ps_content_hash(s, strlen(s)) & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
        if (!set->slot[i]) {
            set->slot[i] = s;
            set->n++;
            return true;
        }
        if (strcmp(set->slot[i], s) == 0)
            return false;
    }
}

typedef struct builder {
    ps_doc *doc;
    level stack[MAX_LEVELS];
    size_t depth;
    bool seen_heading;
    const char *preamble_group;
    idset ids;
    const char **groups;     /* group of each record, parallel to doc->records */
    const psi_block **heads; /* the heading paragraph a record is labelled by, or NULL */
    bool *tag_only;          /* the record is nothing but a responsibility tag */
    size_t groups_cap;
    psi_dept_ctx ctx;
    bool in_signature; /* the paragraph being read signs the document */
} builder;

static const char *unique_group(builder *b, const char *base)
{
    psi_arena *a = b->doc->arena;
    const char *id = psi_arena_strdup(a, base);
    for (int k = 2; !idset_add(&b->ids, id); k++) {
        char *alt = psi_arena_alloc(a, strlen(base) + 16);
        sprintf(alt, "%s~%d", base, k);
        id = alt;
    }
    return id;
}

/* Inside a section on who does what (四、职责分工, 部门职责 …). */
static bool in_duty_section(const builder *b)
{
    static const char *const words[] = {"职责分工", "部门职责", "工作职责", "责任分工", "职责分解",
                                        "主要职责", "单位职责", "分工职责", NULL};
    for (size_t i = 0; i < b->depth; i++)
        for (const char *const *w = words; *w && b->stack[i].title; w++)
            if (strstr(b->stack[i].title, *w))
                return true;
    return false;
}

/* A duty section names its body before the duties: as the heading the record is labelled by
 * ("（一）区建管委"), or at the start of the item ("1.街道消委办。牵头开展…",
 * "（一）城运中心：负责…"). */
static void duty_tag(builder *b, const ps_record *r, const psi_block *head, psi_tags *tags)
{
    psi_arena *a = b->doc->arena;
    psi_marker m;
    size_t n = strlen(r->text);
    if (head) {
        size_t skip = psi_marker_parse(head->text, head->n_bytes, &m) ? m.n_bytes : 0;
        if (psi_dept_duty(head->text + skip, head->n_bytes - skip, r->text, n, &b->ctx, a, tags))
            return;
    }
    size_t skip = psi_marker_parse(r->text, n, &m) ? m.n_bytes : 0;
    const char *s = r->text + skip;
    static const char *const ends[] = {"。", "：", ":", NULL};
    for (const char *const *e = ends; *e; e++) {
        const char *stop = strstr(s, *e);
        if (stop && stop - s <= 60 &&
            psi_dept_duty(s, (size_t)(stop - s), stop + strlen(*e),
                          n - (size_t)(stop + strlen(*e) - r->text), &b->ctx, a, tags))
            return;
    }
    /* "（一）区建管委" ⏎ "1.负责…" ⏎ "2.负责…": the body heads the numbered duties under it */
    for (size_t i = b->depth; i-- > 0;) {
        const char *t = b->stack[i].title;
        if (t && b->stack[i].para != head &&
            psi_dept_duty(t, strlen(t), r->text + skip, n - skip, &b->ctx, a, tags))
            return;
    }
}

/* Departments and deadline of a record from the tags in its text; the document's own rule
 * "排在第一位的为牵头单位" makes the first of a tag's bodies its lead. Returns whether the text
 * is nothing but tags. */
static bool tag_record(builder *b, ps_record *r, const psi_block *head)
{
    psi_arena *a = b->doc->arena;
    size_t n = strlen(r->text);
    psi_tags tags;
    psi_dept_find_tags(r->text, n, &b->ctx, a, &tags);
    bool names_only = false;
    if (!tags.n && !b->in_signature && psi_is_names_only(r->text, n, &b->ctx, a, &tags)) {
        names_only = tags.v[0].n >= 2;
        if (!names_only)
            tags.n = 0;
    }
    if (!tags.n && in_duty_section(b))
        duty_tag(b, r, head, &tags);
    psi_depts_merge(&tags, a, &r->departments, &r->n_departments);
    for (size_t i = 0; i < tags.n && !r->deadline; i++)
        r->deadline = tags.v[i].deadline;
    if (b->ctx.first_leads && r->n_departments > 1) {
        bool any_role = false;
        for (size_t i = 0; i < r->n_departments; i++)
            any_role |= r->departments[i].role != PS_ROLE_RESPONSIBLE;
        if (!any_role)
            ((ps_dept *)r->departments)[0].role = PS_ROLE_LEAD;
    }
    size_t covered = 0;
    for (size_t i = 0; i < tags.n; i++)
        covered += tags.v[i].end - tags.v[i].start;
    size_t rest = n - covered;
    return names_only || (tags.n && rest <= 3 * tags.n); /* a 。 after each tag at most */
}

static void push_record(builder *b, const psi_block *p, size_t from, size_t to, const char *label,
                        size_t n_path, const char *group, const psi_block *head)
{
    ps_doc *doc = b->doc;
    psi_arena *a = doc->arena;
    if (doc->n_records == doc->cap_records) {
        doc->cap_records = doc->cap_records ? doc->cap_records * 2 : 64;
        doc->records = psi_xrealloc(doc->records, doc->cap_records * sizeof *doc->records);
    }
    if (doc->n_records >= b->groups_cap) {
        b->groups_cap = doc->cap_records;
        b->groups = psi_xrealloc(b->groups, b->groups_cap * sizeof *b->groups);
        b->heads = psi_xrealloc(b->heads, b->groups_cap * sizeof *b->heads);
        b->tag_only = psi_xrealloc(b->tag_only, b->groups_cap * sizeof *b->tag_only);
    }
    ps_record *r = &doc->records[doc->n_records];
    memset(r, 0, sizeof *r);
    b->groups[doc->n_records] = group;
    b->heads[doc->n_records] = head;
    r->seq = doc->n_records++;
    r->label = label;
    ps_heading *path = psi_arena_alloc(a, (n_path ? n_path : 1) * sizeof *path);
    for (size_t i = 0; i < n_path; i++) {
        path[i].label = b->stack[i].label;
        path[i].title = b->stack[i].title;
    }
    for (size_t i = 0; i < b->depth; i++)
        b->stack[i].has_content = true;
    r->path = path;
    r->n_path = n_path;
    size_t len = to - from;
    const char *t = psi_trim(p->text + from, &len);
    from = (size_t)(t - p->text);
    r->text = psi_arena_strndup(a, t, len);
    r->line_start = psi_block_line_at(p, from);
    r->line_end = len ? psi_block_line_at(p, from + len - 1) : r->line_start;
    if (p->line_end < r->line_end || to == p->n_bytes)
        r->line_end = p->line_end > r->line_start ? p->line_end : r->line_start;
    b->tag_only[r->seq] = tag_record(b, r, head);
}

/* Emits bytes [start, end) of a paragraph as one or more records, cutting long ones at
 * sentence ends. */
static void emit_range(builder *b, const psi_block *p, size_t start, size_t end, const char *label,
                       size_t n_path, const char *group, const psi_block *head)
{
    size_t first = start, chars = 0, last_end = start;
    for (size_t i = start; i < end;) {
        uint32_t cp = psi_utf8_next(p->text, end, &i);
        chars++;
        if (psi_is_sentence_end(cp))
            last_end = i;
        if (chars >= MAX_CHARS && i < end) {
            size_t cut = last_end > start ? last_end : i;
            push_record(b, p, start, cut, label, n_path, group, head);
            start = cut;
            last_end = start;
            chars = 0;
            for (size_t k = start; k < i;) { /* characters already past the cut */
                psi_utf8_next(p->text, i, &k);
                chars++;
            }
        }
    }
    if (start < end || start == first)
        push_record(b, p, start, end, label, n_path, group, head);
}

static bool ends_in_bracket(const char *s, size_t end)
{
    return (end >= 1 && s[end - 1] == ')') || (end >= 3 && memcmp(s + end - 3, "）", 3) == 0);
}

/* Emits one paragraph. A bracketed tag that more text follows ends a part of its own, so that
 * "…。（人民银行牵头，…）保持人民币汇率…。（…）" gives each task its own departments. */
static void emit_paragraph(builder *b, const psi_block *p, const char *label, size_t n_path,
                           const char *group, const psi_block *head)
{
    psi_tags tags;
    psi_dept_find_tags(p->text, p->n_bytes, &b->ctx, b->doc->arena, &tags);
    size_t from = 0;
    for (size_t i = 0; i < tags.n; i++) {
        size_t end = tags.v[i].end;
        if (!ends_in_bracket(p->text, end))
            continue;
        while (end < p->n_bytes && (p->text[end] == ' ' || p->text[end] == '\n'))
            end++;
        if (end + 3 <= p->n_bytes &&
            (memcmp(p->text + end, "。", 3) == 0 || memcmp(p->text + end, "；", 3) == 0))
            end += 3;
        size_t rest = p->n_bytes - end;
        if (psi_trim(p->text + end, &rest) && rest > 0) {
            emit_range(b, p, from, end, label, n_path, group, head);
            from = end;
        }
    }
    emit_range(b, p, from, p->n_bytes, label, n_path, group, head);
}

static const char *group_base(builder *b, size_t n_levels, const char *extra)
{
    psi_buf id = {0};
    psi_buf_printf(&id, "%s#", b->doc->meta.file);
    for (size_t i = 0; i < n_levels; i++)
        psi_buf_printf(&id, "%s%s", i ? "/" : "", b->stack[i].label);
    if (extra)
        psi_buf_printf(&id, "%s%s", n_levels ? "/" : "", extra);
    const char *g = unique_group(b, id.data);
    psi_buf_free(&id);
    return g;
}

/* Closes levels from 'from' up; a heading that holds nothing becomes a record itself. */
static void close_levels(builder *b, size_t from)
{
    while (b->depth > from) {
        level *l = &b->stack[b->depth - 1];
        if (!l->has_content && l->para)
            emit_paragraph(b, l->para, l->label, b->depth - 1, l->group, NULL);
        b->depth--;
    }
}

static const char *first_sentence(psi_arena *a, const char *s, size_t n)
{
    const char *stop = memmem(s, n, "。", 3);
    size_t len = stop ? (size_t)(stop - s) : n;
    if (psi_width_cols(s, len) > TITLE_COLS)
        return NULL;
    return psi_arena_strndup(a, s, len);
}

/* "1.1" and "1.1.1" must continue the open chapter and section; otherwise they are numbers
 * that start a wrapped line ("4.5%左右" is caught earlier, "5.5 以内" here). */
static bool dotted_fits(const builder *b, const psi_marker *m)
{
    for (size_t i = b->depth; i-- > 0;) {
        const psi_marker *o = &b->stack[i].m;
        if (o->kind == PSI_MARK_DOTTED && o->depth == m->depth - 1)
            return memcmp(o->num, m->num, (size_t)o->depth * sizeof *o->num) == 0;
        if (o->kind == PSI_MARK_DOTTED && o->depth == m->depth)
            return memcmp(o->num, m->num, (size_t)(o->depth - 1) * sizeof *o->num) == 0;
        if (o->kind == PSI_MARK_CN || o->kind == PSI_MARK_CHAPTER)
            return m->depth == 2 && o->num[0] == m->num[0];
    }
    return true;
}

static void push_level(builder *b, const psi_marker *m, const char *label, const char *title,
                       const psi_block *para)
{
    /* Same kind already open: close it and everything below it. */
    size_t at = b->depth;
    for (size_t i = 0; i < b->depth; i++) {
        const psi_marker *o = &b->stack[i].m;
        if (o->kind == m->kind && o->depth == m->depth) {
            at = i;
            break;
        }
    }
    if (at == b->depth && at == MAX_LEVELS)
        at = MAX_LEVELS - 1;
    close_levels(b, at);
    level *l = &b->stack[b->depth];
    l->m = *m;
    l->label = label;
    l->title = title;
    l->para = para;
    l->has_content = false;
    b->depth++;
    l->group = group_base(b, b->depth, NULL);
}

static void handle(builder *b, const psi_block *p)
{
    psi_arena *a = b->doc->arena;
    psi_marker m;
    const char *named = b->seen_heading ? psi_named_heading(p->text, p->n_bytes) : NULL;
    bool marked = !named && psi_marker_parse(p->text, p->n_bytes, &m) &&
                  (m.kind != PSI_MARK_DOTTED || dotted_fits(b, &m));
    if (named) {
        close_levels(b, 0);
        memset(&m, 0, sizeof m);
        m.kind = PSI_MARK_NAMED;
        push_level(b, &m, psi_arena_strdup(a, named), psi_arena_strndup(a, p->text, p->n_bytes), p);
        if (strcmp(named, "抄送") == 0) /* the heading line is the content: "抄送：市委各部门…" */
            emit_paragraph(b, p, b->stack[b->depth - 1].label, b->depth - 1,
                           b->stack[b->depth - 1].group, NULL);
        return;
    }
    if (!marked && (p->flags & PSI_BLOCK_HEADING) && b->seen_heading) {
        memset(&m, 0, sizeof m);
        m.kind = PSI_MARK_NAMED;
        size_t len = p->n_bytes;
        push_level(b, &m, psi_arena_strndup(a, p->text, len), NULL, p);
        return;
    }
    if (!marked) {
        if (b->depth == 0) {
            if (!b->preamble_group)
                b->preamble_group = group_base(b, 0, "preamble");
            emit_paragraph(b, p, "preamble", 0, b->preamble_group, NULL);
        } else {
            level *top = &b->stack[b->depth - 1];
            emit_paragraph(b, p, top->label, b->depth - 1, top->group, top->para);
        }
        return;
    }
    b->seen_heading = true;
    const char *rest = p->text + m.n_bytes;
    size_t rest_n = p->n_bytes - m.n_bytes;
    const char *label = psi_arena_strdup(a, m.label);
    /* Short and without a full stop: a heading, unless it carries a responsibility tag
     * ("13.加强要素保障（责任部门：市财政局）"). Tags are parsed here only in that case;
     * push_record reads them for every record. */
    bool heading = p->flags & PSI_BLOCK_HEADING;
    if (!heading && !memmem(rest, rest_n, "。", 3) &&
        psi_width_cols(rest, rest_n) <= HEADING_COLS) {
        psi_tags tags;
        psi_dept_find_tags(rest, rest_n, &b->ctx, a, &tags);
        heading = tags.n == 0;
    }
    if (heading) {
        push_level(b, &m, label, psi_arena_strndup(a, rest, rest_n), p);
        return;
    }
    push_level(b, &m, label, first_sentence(a, rest, rest_n), NULL);
    level *top = &b->stack[b->depth - 1];
    emit_paragraph(b, p, label, b->depth - 1, top->group, NULL);
}

/* Whether a table assigns tasks: it has a 牵头 / 配合 / 责任 column. */
static bool is_task_table(const psi_table *t)
{
    for (size_t k = 0; k < t->n_cols; k++)
        if (t->kinds[k] == PSI_COL_LEAD || t->kinds[k] == PSI_COL_SUPPORT ||
            t->kinds[k] == PSI_COL_RESPONSIBLE)
            return true;
    return false;
}

/* A table: one record per row, labelled by its number (its 序号, else its ordinal) and citing
 * the row's lines. A task-division table's record holds its task cells, one a line, with the
 * departments of its 牵头 / 配合 / 责任 columns in their roles and its deadline. Any other table's
 * record holds every cell but the 序号, each with its column's header as table.c writes it
 * ("名称：工业区北区核心区；位置：南门产业社区"), joined with "；": the tokenizer leaves a gap at
 * punctuation, so a phrase never matches across two cells. */
static void emit_table(builder *b, const psi_table *t)
{
    psi_arena *a = b->doc->arena;
    bool task = is_task_table(t);
    for (size_t i = 0; i < t->n_rows; i++) {
        const psi_table_row *row = t->rows[i];
        psi_buf text = {0};
        for (size_t k = 0; k < t->n_cols; k++)
            if (t->kinds[k] == PSI_COL_TASK && row->cells[k]) {
                if (text.len)
                    psi_buf_puts(&text, task ? "\n" : "；");
                psi_buf_puts(&text, row->cells[k]);
            }
        psi_block *p = psi_arena_alloc(a, sizeof *p);
        memset(p, 0, sizeof *p);
        p->text = psi_arena_strndup(a, text.data ? text.data : "", text.len);
        p->n_bytes = text.len;
        p->line_start = row->line_start;
        p->line_end = row->line_end;
        psi_buf_free(&text);
        char label[16];
        snprintf(label, sizeof label, "%d", row->number);
        const char *group = group_base(b, b->depth, label);
        push_record(b, p, 0, p->n_bytes, psi_arena_strdup(a, label), b->depth, group, NULL);
        ps_record *r = &b->doc->records[b->doc->n_records - 1];
        b->tag_only[r->seq] = false;
        if (!task)
            continue; /* its departments are those its text names, as any paragraph's */
        psi_tags all = {0};
        r->deadline = NULL;
        for (size_t k = 0; k < t->n_cols; k++) {
            const char *c = row->cells[k];
            psi_column kind = t->kinds[k];
            psi_tags tags;
            if (c && kind == PSI_COL_DEADLINE)
                r->deadline = c;
            if (!c ||
                (kind != PSI_COL_LEAD && kind != PSI_COL_SUPPORT && kind != PSI_COL_RESPONSIBLE) ||
                !psi_is_names_only(c, strlen(c), &b->ctx, a, &tags))
                continue;
            for (size_t d = 0; d < tags.v[0].n; d++)
                ((ps_dept *)tags.v[0].v)[d].role = kind == PSI_COL_LEAD      ? PS_ROLE_LEAD
                                                   : kind == PSI_COL_SUPPORT ? PS_ROLE_SUPPORTING
                                                                             : tags.v[0].v[d].role;
            psi_dept_tag *nv = psi_arena_alloc(a, (all.n + 1) * sizeof *nv);
            if (all.n)
                memcpy(nv, all.v, all.n * sizeof *nv);
            nv[all.n++] = tags.v[0];
            all.v = nv;
        }
        psi_depts_merge(&all, a, &r->departments, &r->n_departments);
    }
}

/* 《title》（issuer，date）三、13 第2段 */
static const char *citation(ps_doc *doc, const ps_record *r)
{
    const ps_doc_meta *meta = &doc->meta;
    psi_buf c = {0};
    if (meta->title)
        psi_buf_printf(&c, "《%s》", meta->title);
    else if (meta->cited_as)
        psi_buf_printf(&c, "%s ", meta->cited_as);
    else
        psi_buf_printf(&c, "%s ", meta->file);
    /* （文号，issuer，date）: whichever the document has */
    const char *parts[3] = {meta->number, meta->issuer, meta->date};
    size_t shown = 0;
    for (size_t k = 0; k < 3; k++)
        if (parts[k])
            psi_buf_printf(&c, "%s%s", shown++ ? "，" : "（", parts[k]);
    if (shown)
        psi_buf_puts(&c, "）");
    for (size_t k = 0; k <= r->n_path; k++) {
        const char *lab = k < r->n_path ? r->path[k].label : r->label;
        bool last = k == r->n_path;
        psi_marker m;
        char probe[64];
        snprintf(probe, sizeof probe, "%s、x", lab);
        bool cn = psi_marker_parse(probe, strlen(probe), &m) && m.kind == PSI_MARK_CN;
        if (strcmp(lab, "preamble") == 0)
            psi_buf_puts(&c, "（序言）");
        else
            psi_buf_printf(&c, "%s%s", lab, cn ? "、" : (!last ? " " : ""));
    }
    if (r->part > 0 && r->parts > 1)
        psi_buf_printf(&c, " 第%zu段", r->part);
    const char *s = psi_arena_strndup(doc->arena, c.data ? c.data : "", c.len);
    psi_buf_free(&c);
    return s;
}

/* The whole clause of a multi-paragraph group: all its text, all its lines, part 0. */
static void add_whole(ps_doc *doc, const ps_record *first, size_t parts, const char *group)
{
    doc->wholes = psi_xrealloc(doc->wholes, (doc->n_wholes + 1) * sizeof *doc->wholes);
    ps_record *w = &doc->wholes[doc->n_wholes++];
    *w = *first;
    psi_buf t = {0};
    for (size_t k = 0; k < parts; k++) {
        if (k)
            psi_buf_putc(&t, '\n');
        psi_buf_puts(&t, first[k].text);
    }
    w->text = psi_arena_strndup(doc->arena, t.data, t.len);
    psi_buf_free(&t);
    w->line_end = first[parts - 1].line_end;
    w->id = group;
    w->clause = group;
    w->part = 0;
    w->parts = parts;
    w->citation = citation(doc, w);
}

/* A measure whose tag stands on a line of its own after its text ("（一）全面实施…工程 ⏎ 正文 ⏎
 * （责任单位：…）", or "13.…。 ⏎ （责任部门：…）") is one record: the heading it is labelled by,
 * its paragraphs and the tag. */
static void fold_tagged_groups(builder *b)
{
    ps_doc *doc = b->doc;
    size_t out = 0;
    for (size_t i = 0; i < doc->n_records;) {
        size_t j = i, tagged = 0;
        while (j < doc->n_records && b->groups[j] == b->groups[i])
            tagged += doc->records[j++].n_departments > 0;
        bool fold = tagged == 1 && b->tag_only[j - 1] && (j - i >= 2 || b->heads[i]);
        if (fold) {
            ps_record *r = &doc->records[i];
            const ps_record *tag = &doc->records[j - 1];
            psi_buf t = {0};
            if (b->heads[i]) {
                psi_buf_put(&t, b->heads[i]->text, b->heads[i]->n_bytes);
                r->line_start = b->heads[i]->line_start;
            }
            for (size_t k = i; k < j; k++) {
                if (t.len)
                    psi_buf_putc(&t, '\n');
                psi_buf_puts(&t, doc->records[k].text);
            }
            r->text = psi_arena_strndup(doc->arena, t.data, t.len);
            psi_buf_free(&t);
            r->line_end = tag->line_end;
            r->departments = tag->departments;
            r->n_departments = tag->n_departments;
            r->deadline = tag->deadline;
        }
        for (size_t k = i; k < (fold ? i + 1 : j); k++) {
            doc->records[out] = doc->records[k];
            doc->records[out].seq = out;
            b->groups[out] = b->groups[k];
            b->heads[out] = b->heads[k];
            b->tag_only[out] = b->tag_only[k];
            out++;
        }
        i = j;
    }
    doc->n_records = out;
}

/* Whether a tagged record's tag opens its text ("牵头单位：…", "发展改革委会同…研究提出：…"),
 * so that it assigns the paragraphs after it too. */
static bool tag_opens_text(builder *b, const ps_record *r)
{
    psi_tags tags;
    psi_dept_find_tags(r->text, strlen(r->text), &b->ctx, b->doc->arena, &tags);
    return tags.n > 0 && tags.v[0].start == 0 && tags.v[0].end < strlen(r->text);
}

/* Gives every record its id, part number and citation. A clause's paragraphs share its
 * departments when one paragraph holds its only tag: those before the tag, which it closes,
 * and those after it only when the tag opens the clause or its paragraph (a closing signature
 * or date after a measure's tag is not the measure's). */
static void finalize(builder *b)
{
    ps_doc *doc = b->doc;
    psi_arena *a = doc->arena;
    fold_tagged_groups(b);
    for (size_t i = 0; i < doc->n_records;) {
        size_t j = i, n_tagged = 0;
        while (j < doc->n_records && b->groups[j] == b->groups[i])
            j++;
        const ps_record *tagged = NULL;
        for (size_t k = i; k < j; k++)
            if (doc->records[k].n_departments) {
                tagged = &doc->records[k];
                n_tagged++;
            }
        bool forward = n_tagged == 1 && ((tagged == &doc->records[i] && b->tag_only[i]) ||
                                         tag_opens_text(b, tagged));
        for (size_t k = i; k < j; k++) {
            ps_record *r = &doc->records[k];
            r->part = k - i + 1;
            r->parts = j - i;
            if (j - i == 1) {
                r->id = b->groups[k];
                r->clause = b->groups[k];
            } else {
                char *id = psi_arena_alloc(a, strlen(b->groups[k]) + 24);
                sprintf(id, "%s/p%zu", b->groups[k], r->part);
                r->id = id;
                r->clause = b->groups[k];
            }
            if (n_tagged == 1 && !r->n_departments && (r < tagged || forward)) {
                r->departments = tagged->departments;
                r->n_departments = tagged->n_departments;
                r->deadline = tagged->deadline;
            }
            r->citation = citation(doc, r);
        }
        if (j - i > 1)
            add_whole(doc, &doc->records[i], j - i, b->groups[i]);
        i = j;
    }
}

/* Whether paragraph i signs the document: short, no sentence in it, and a date after it
 * ("中共上海市委办公厅、上海市人民政府办公厅" ⏎ "2024年3月1日"). Its names are the issuers,
 * not a tag of the measure above. */
static bool is_signature(const psi_blocks *paras, size_t i)
{
    enum { MAX_SIGNATURE = 200, MAX_DATE_LINE = 40 };
    char iso[11];
    const psi_block *p = &paras->v[i];
    if (i + 1 >= paras->n || p->n_bytes > MAX_SIGNATURE || memmem(p->text, p->n_bytes, "。", 3))
        return false;
    const psi_block *next = &paras->v[i + 1];
    return next->n_bytes <= MAX_DATE_LINE && psi_date_iso(next->text, next->n_bytes, iso);
}

/* A whole clause answers for its paragraphs in listings (one measure, one count): it holds
 * every department, reference and the first deadline any of them has. */
static void gather_wholes(ps_doc *doc)
{
    psi_arena *a = doc->arena;
    size_t r = 0;
    for (size_t w = 0; w < doc->n_wholes; w++) {
        ps_record *whole = &doc->wholes[w];
        while (r < doc->n_records && strcmp(doc->records[r].clause, whole->clause) != 0)
            r++;
        size_t first = r, n_depts = 0, n_cites = 0;
        for (; r < doc->n_records && strcmp(doc->records[r].clause, whole->clause) == 0; r++) {
            n_depts += doc->records[r].n_departments;
            n_cites += doc->records[r].n_cites;
        }
        ps_dept *dv = psi_arena_alloc(a, (n_depts + 1) * sizeof *dv);
        ps_cite *cv = psi_arena_alloc(a, (n_cites + 1) * sizeof *cv);
        size_t nd = 0, nc = 0;
        whole->deadline = NULL;
        for (size_t k = first; k < r; k++) {
            const ps_record *p = &doc->records[k];
            for (size_t d = 0; d < p->n_departments; d++) {
                bool seen = false;
                for (size_t x = 0; x < nd && !seen; x++)
                    seen = strcmp(dv[x].written, p->departments[d].written) == 0;
                if (!seen)
                    dv[nd++] = p->departments[d];
            }
            for (size_t c = 0; c < p->n_cites; c++)
                cv[nc++] = p->cites[c];
            if (!whole->deadline)
                whole->deadline = p->deadline;
        }
        whole->departments = dv;
        whole->n_departments = nd;
        whole->cites = cv;
        whole->n_cites = nc;
    }
}

/* "排在第一位的为牵头单位" and its variants: the document's rule that the first body leads. */
static bool says_first_leads(const psi_blocks *paras)
{
    static const char *const rules[] = {
        "第一位的为牵头", "第一位为牵头",     "首位的为牵头", "首位为牵头",
        "第一个为牵头",   "排名第一的为牵头", "列第一位的",   NULL};
    for (size_t i = 0; i < paras->n; i++)
        for (const char *const *r = rules; *r; r++)
            if (memmem(paras->v[i].text, paras->v[i].n_bytes, *r, strlen(*r)))
                return true;
    return false;
}

void psi_clauses_build(ps_doc *doc, const psi_blocks *paras)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.doc = doc;
    doc->meta.jurisdiction = psi_doc_jurisdiction(&doc->meta, paras, doc->arena);
    b.ctx.n_chain = psi_jurisdiction_chain(doc->meta.jurisdiction, b.ctx.chain,
                                           sizeof b.ctx.chain / sizeof *b.ctx.chain);
    b.ctx.first_leads = says_first_leads(paras);
    b.ctx.known = doc->meta.jurisdiction != NULL;
    for (size_t i = 0; i < paras->n; i++) {
        psi_table table;
        size_t spans = psi_table_at(paras, i, doc->arena, &table);
        if (spans) {
            emit_table(&b, &table);
            i += spans - 1;
        } else if (!(paras->v[i].flags & PSI_BLOCK_META)) {
            b.in_signature = is_signature(paras, i);
            handle(&b, &paras->v[i]);
        }
    }
    close_levels(&b, 0);
    finalize(&b);
    psi_cites_extract(doc);
    gather_wholes(doc);
    free(b.groups);
    free(b.heads);
    free(b.tag_only);
    free(b.ids.slot);
}
