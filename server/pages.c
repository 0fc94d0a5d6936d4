/* pages.c: the HTML pages, server-rendered so that they work with JavaScript off (app.js only
 * adds the copy button's behaviour). Every string from a document or from the request goes
 * through html_text (text and attribute values) or url_part (inside a URL).
 *   /, /search       the search form and results
 *   /clause/ID       one clause: breadcrumbs, text, departments, related, cites, cited by
 *   /doc/FILE        a document: metadata, outline, every clause (?clause=ID marks one)
 *   /dept?name=X     a department's clauses grouped by document, with CSV and Markdown links
 *   /departments     departments and their measures
 *   /docs            the indexed documents
 *   /matrix          measures per department and document, cells shaded by count */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "depts.h"
#include "serve.h"
#include "tally.h"
#include "view.h"
#include "xalloc.h"

#define T(s) html_text(r->out, (s))
#define U(s) url_part(r->out, (s))
#define P(s) fputs((s), r->out)

void page_start(req *r, const char *title)
{
    P("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    T(title);
    P(" · 政策条款检索</title>\n<link rel=\"stylesheet\" href=\"/assets/app.css\">\n"
      "<script src=\"/assets/app.js\" defer></script>\n</head>\n<body>\n"
      "<header id=\"top\"><a class=\"brand\" href=\"/\">政策条款检索</a>\n<nav id=\"nav\">"
      "<a href=\"/\">搜索</a> <a href=\"/departments\">部门</a> <a href=\"/matrix\">矩阵</a> "
      "<a href=\"/docs\">文件</a></nav></header>\n<main>\n");
}

void page_end(req *r)
{
    P("</main>\n<footer>条款按文件原文拆分；部门来自文件中的责任分工。</footer>\n</body>\n</"
      "html>\n");
}

bool page_known(const char *path)
{
    return strcmp(path, "/") == 0 || strcmp(path, "/search") == 0 ||
           (strncmp(path, "/clause/", 8) == 0 && path[8]) ||
           (strncmp(path, "/doc/", 5) == 0 && path[5]) || strcmp(path, "/dept") == 0 ||
           strcmp(path, "/departments") == 0 || strcmp(path, "/docs") == 0 ||
           strcmp(path, "/matrix") == 0;
}

/* ---- Pieces ---- */

static const char *doc_name(const ps_doc_meta *d)
{
    return d->title ? d->title : d->cited_as ? d->cited_as : d->file;
}

static void clause_href(req *r, const char *id)
{
    P("/clause/");
    U(id);
}

/* The text with its line breaks as paragraphs. */
static void paragraphs(req *r, const char *text)
{
    const char *p = text ? text : "";
    do {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n) {
            P("<p>");
            html_textn(r->out, p, n);
            P("</p>");
        }
        p = nl ? nl + 1 : NULL;
    } while (p);
}

static void dept_items(req *r, const ps_record *rec)
{
    if (!rec->n_departments)
        return;
    P("<ul class=\"depts\">");
    for (size_t i = 0; i < rec->n_departments; i++) {
        const ps_dept *d = &rec->departments[i];
        fprintf(r->out, "<li class=\"dept %s\"><a href=\"/dept?name=", ps_role_name(d->role));
        U(d->name);
        P("\">");
        T(d->name);
        P(d->role == PS_ROLE_LEAD ? "（牵头）" : d->role == PS_ROLE_SUPPORTING ? "（配合）" : "");
        P("</a></li>");
    }
    P("</ul>\n");
}

static void copy_button(req *r, const ps_record *rec)
{
    P("<button class=\"copy\" type=\"button\" data-citation=\"");
    T(rec->citation);
    P("\" data-text=\"");
    T(rec->text);
    P("\">复制引用</button>");
}

static void source_line(req *r, const ps_hit *hit)
{
    P("<p class=\"source\">");
    T(hit->doc->source ? hit->doc->source : hit->doc->file);
    const ps_record *rec = hit->record;
    /* a file with pages (PDF, OFD) is read by page; its lines are only ours */
    size_t from = rec->page_start ? rec->page_start : rec->line_start;
    size_t to = rec->page_start ? rec->page_end : rec->line_end;
    const char *unit = rec->page_start ? "页" : "行";
    if (from == to)
        fprintf(r->out, "，第 %zu %s", from, unit);
    else
        fprintf(r->out, "，第 %zu–%zu %s", from, to, unit);
    P(" · <span class=\"id\">");
    T(hit->record->clause);
    P("</span></p>\n");
}

/* The snippet of a record's text, matches in <mark>; the start of it without a query. */
static void snippet(req *r, const ps_record *rec, const ps_query *q)
{
    P("<p class=\"snippet\">");
    if (q) {
        char *clean = xstrdup(rec->text ? rec->text : "");
        for (char *p = clean; *p; p++)
            if (*p == MARK_OPEN || *p == MARK_CLOSE)
                *p = ' ';
        char open[2] = {MARK_OPEN, 0}, close[2] = {MARK_CLOSE, 0};
        char *s = ps_snippet(clean, q, open, close, SNIPPET_CHARS);
        html_marked(r->out, s ? s : clean);
        free(s);
        free(clean);
    } else {
        const char *t = rec->text ? rec->text : "";
        int n = ps_utf8_prefix(t, SNIPPET_CHARS * 3);
        html_textn(r->out, t, (size_t)n);
        if (t[n])
            P("…");
    }
    P("</p>\n");
}

static void hit_item(req *r, const ps_hit *hit, const ps_query *q)
{
    const ps_record *rec = hit->record;
    P("<li class=\"hit\"><a class=\"clause-link\" href=\"");
    clause_href(r, rec->clause);
    P("\">");
    T(rec->citation);
    P("</a>\n");
    snippet(r, rec, q);
    dept_items(r, rec);
    source_line(r, hit);
    copy_button(r, rec);
    P("</li>\n");
}

/* Appends "&name=value" for each filter argument given (values URL-encoded), for links that
 * keep the search's filters. */
static void keep_args(req *r, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *v = req_arg_nonempty(r, names[i]);
        if (v) {
            fprintf(r->out, "&amp;%s=", names[i]);
            U(v);
        }
    }
}

static const char *const FILTER_ARGS[] = {"dept", "lead", "doc", "issuer", "from", "to"};
enum { N_FILTER_ARGS = 6 };

/* ---- Search ---- */

static void option_alias(req *r, const char *canonical, const char *alias)
{
    P("<option value=\"");
    T(canonical);
    P("\">");
    T(alias);
    P("</option>");
}

typedef struct alias_ctx {
    req *r;
    const dept_list *indexed;
} alias_ctx;

/* A dictionary alias of an indexed department, offered as someone types (发改委 → 市发展改革委). */
static void indexed_alias(void *ctx, const char *canonical, const char *alias)
{
    alias_ctx *a = ctx;
    for (size_t i = 0; i < a->indexed->n; i++)
        if (strcmp(a->indexed->v[i].name, canonical) == 0) {
            option_alias(a->r, canonical, alias);
            return;
        }
}

static void field(req *r, const char *name, const char *label, const char *type, const char *extra)
{
    fprintf(r->out,
            "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" type=\"%s\"%s value=\"", name,
            label, name, name, type, extra);
    T(req_arg(r, name));
    P("\">\n");
}

static void search_form(req *r)
{
    P("<form id=\"search\" action=\"/search\" method=\"get\" role=\"search\">\n"
      "<div class=\"main-row\"><input id=\"q\" name=\"q\" type=\"search\" "
      "placeholder=\"关键词，如 居住证积分；“短语”、OR、-排除\" autofocus value=\"");
    T(req_arg(r, "q"));
    P("\"><button id=\"go\" type=\"submit\">搜索</button></div>\n<div class=\"filters\">\n");
    field(r, "dept", "部门", "text", " list=\"dept-list\" autocomplete=\"off\"");
    field(r, "doc", "文件", "text", " placeholder=\"标题、文号或文件名\"");
    field(r, "issuer", "发文机关", "text", "");
    field(r, "from", "起始日期", "date", "");
    field(r, "to", "截止日期", "date", "");
    const char *lead = req_arg_nonempty(r, "lead");
    fprintf(
        r->out,
        "<label class=\"check\"><input id=\"lead\" name=\"lead\" type=\"checkbox\" value=\"1\"%s> "
        "仅牵头</label>\n</div>\n",
        lead && strcmp(lead, "0") ? " checked" : "");
    P("<datalist id=\"dept-list\">");
    dept_list names;
    ps_error err = {0};
    if (r->ix && dept_list_load(r->ix, &names, &err) == PS_OK) {
        for (size_t i = 0; i < names.n; i++) {
            P("<option value=\"");
            T(names.v[i].name);
            P("\"></option>");
        }
        alias_ctx a = {r, &names};
        ps_dept_each_alias(indexed_alias, &a);
        dept_list_free(&names);
    } else if (r->ix) {
        fprintf(stderr, "policy-serve: %s\n", err.msg);
    }
    P("</datalist>\n</form>\n");
}

static void suggestions(req *r, const filter *f, const ps_search *s)
{
    ps_suggestions *sg = NULL;
    ps_error err = {0};
    if (ps_suggest(r->ix, s, f->q, 3, &sg, &err) != PS_OK) {
        fprintf(stderr, "policy-serve: suggestions: %s\n", err.msg);
        return;
    }
    if (ps_suggestions_count(sg)) {
        P("<p>是否要找：</p><ul id=\"suggestions\">");
        for (size_t i = 0; i < ps_suggestions_count(sg); i++) {
            const ps_suggestion *g = ps_suggestions_get(sg, i);
            P("<li><a class=\"suggestion\" href=\"/search?q=");
            U(g->query);
            keep_args(r, FILTER_ARGS, N_FILTER_ARGS);
            P("\">");
            T(g->query);
            fprintf(r->out, "</a> <span class=\"n\">（%s%zu 条）</span></li>",
                    g->total_exact ? "" : "约 ", g->total);
        }
        P("</ul>\n");
    }
    ps_suggestions_free(sg);
}

static void pager(req *r, const filter *f, size_t total)
{
    bool prev = f->offset > 0, next = f->offset + f->limit < total;
    if (!prev && !next)
        return;
    P("<nav class=\"pager\">");
    if (prev) {
        fprintf(r->out, "<a rel=\"prev\" href=\"/search?offset=%zu&amp;q=",
                f->offset > f->limit ? f->offset - f->limit : 0);
        U(f->q ? f->q : "");
        keep_args(r, FILTER_ARGS, N_FILTER_ARGS);
        P("\">上一页</a> ");
    }
    if (next) {
        fprintf(r->out, "<a rel=\"next\" href=\"/search?offset=%zu&amp;q=", f->offset + f->limit);
        U(f->q ? f->q : "");
        keep_args(r, FILTER_ARGS, N_FILTER_ARGS);
        P("\">下一页</a>");
    }
    P("</nav>\n");
}

static int page_search(req *r)
{
    filter f;
    char why[600];
    int status = filter_read(r, &f, why, sizeof why);
    page_start(r, f.q ? f.q : "搜索");
    search_form(r);
    if (status) {
        P("<p id=\"error\" class=\"error\">");
        T(why);
        P("</p>\n");
    } else if (filter_has_criteria(&f)) {
        ps_search s;
        filter_search(&f, &s);
        ps_hits *h = NULL;
        ps_error err = {0};
        if (ps_index_search(r->ix, &s, &h, &err) != PS_OK) {
            status = err.code == PS_ERR_QUERY ? 400 : 500;
            P("<p id=\"error\" class=\"error\">");
            T(err.msg);
            P("</p>\n");
        } else {
            size_t total = ps_hits_total(h);
            for (size_t i = 0; i < ps_index_missing_count(r->ix); i++) { /* --partial */
                P("<p class=\"error partial\">分片 ");
                T(ps_index_missing(r->ix, i, NULL));
                P(" 未响应，以下结果不含该分片的文件。</p>\n");
            }
            fprintf(r->out, "<p id=\"count\">共 %s%zu 条</p>\n",
                    ps_hits_total_exact(h) ? "" : "约 ", total);
            if (ps_hits_count(h)) {
                fprintf(r->out, "<ol id=\"results\" start=\"%zu\">\n", f.offset + 1);
                for (size_t i = 0; i < ps_hits_count(h); i++)
                    hit_item(r, ps_hits_get(h, i), f.query);
                P("</ol>\n");
                pager(r, &f, total);
            } else {
                P("<div id=\"none\"><p class=\"why\">");
                if (f.files_set && f.n_files == 0)
                    P("没有符合“文件 / 发文机关 / 日期”条件的已收录文件。");
                else if (total == 0 && f.offset > 0)
                    P("已超出结果范围。");
                else if (f.q) {
                    P("没有条款包含“");
                    T(f.q);
                    P(f.n_depts || f.files_set ? "”（在所选部门或文件范围内）。"
                                               : "”：每个词都须在同一条款中连续出现。");
                } else
                    P("所选部门或文件中没有条款。");
                P("</p>\n");
                if (f.q && !(f.files_set && f.n_files == 0))
                    suggestions(r, &f, &s);
                P("</div>\n");
            }
            if (f.q && ps_hits_count(h) && total < PS_SUGGEST_BELOW)
                suggestions(r, &f, &s);
            ps_hits_free(h);
        }
    } else {
        P("<p class=\"hint\">在政策文件中按条款检索：输入关键词，或选择部门、文件、日期。</p>\n");
    }
    page_end(r);
    filter_free(&f);
    return status ? status : 200;
}

/* ---- Clause ---- */

/* 一、二… labels read "三、" in a breadcrumb; others as written. */
static void label_text(req *r, const char *label)
{
    T(label);
    if (label && *label && strspn(label, "一二三四五六七八九十百零〇") == strlen(label))
        P("、");
}

static void doc_href(req *r, const char *file)
{
    P("/doc/");
    U(file);
}

static void related_list(req *r, const char *id)
{
    ps_hits *h = NULL;
    ps_error err = {0};
    P("<h2>相关条款</h2>\n<ul id=\"related\">\n");
    if (ps_index_related(r->ix, id, 8, &h, &err) == PS_OK) {
        for (size_t i = 0; i < ps_hits_count(h); i++) {
            const ps_hit *hit = ps_hits_get(h, i);
            P("<li><a class=\"related-link\" href=\"");
            clause_href(r, hit->record->clause);
            P("\">");
            T(hit->record->citation);
            P("</a> <span class=\"shared\">");
            T(hit->shared_terms);
            P("</span></li>\n");
        }
    }
    ps_hits_free(h);
    P("</ul>\n");
}

static void cites_lists(req *r, const ps_hit *hit)
{
    const ps_record *rec = hit->record;
    doc_list docs;
    if (docs_load(r->ix, &docs) != PS_OK)
        return;
    P("<h2>引用的文件</h2>\n<ul id=\"cites\">\n");
    for (size_t i = 0; i < rec->n_cites; i++) {
        const ps_cite *c = &rec->cites[i];
        const doc_info *d = docs_resolve(&docs, c);
        P("<li>");
        if (d) {
            P("<a class=\"cite-link\" href=\"");
            doc_href(r, d->file);
            P("\">");
        }
        if (c->title) {
            P("《");
            T(c->title);
            P("》");
        } else {
            T(c->number);
        }
        P(d ? "</a>" : " <span class=\"muted\">（未收录）</span>");
        P("</li>\n");
    }
    P("</ul>\n<h2>引用本文件的条款</h2>\n<ul id=\"cited-by\">\n");
    const doc_info *self = docs_by_file(&docs, hit->doc->file);
    ps_hits *h = NULL;
    ps_error err = {0};
    if (self && (self->title || self->number) &&
        cited_by_search(r->ix, self, 50, &h, &err) == PS_OK)
        for (size_t i = 0; i < ps_hits_count(h); i++) {
            const ps_record *o = ps_hits_get(h, i)->record;
            P("<li><a class=\"clause-link\" href=\"");
            clause_href(r, o->clause);
            P("\">");
            T(o->citation);
            P("</a></li>\n");
        }
    ps_hits_free(h);
    P("</ul>\n");
    docs_free(&docs);
}

static int page_clause(req *r, const char *id)
{
    ps_hits *h = NULL;
    ps_error err = {0};
    if (clause_get(r->ix, id, &h, &err) != PS_OK || ps_hits_count(h) == 0) {
        ps_hits_free(h);
        return req_html_error(r, err.code == PS_ERR_NOT_FOUND || err.code == PS_OK ? 404 : 500,
                              "找不到条款", "没有编号为 %s 的条款", id);
    }
    const ps_hit *hit = ps_hits_get(h, 0);
    const ps_record *rec = hit->record;
    page_start(r, rec->citation);
    P("<nav class=\"breadcrumbs\"><a href=\"");
    doc_href(r, hit->doc->file);
    P("\">");
    T(doc_name(hit->doc));
    P("</a>");
    for (size_t k = 0; k < rec->n_path; k++) {
        char *key = heading_key(rec, k + 1);
        P(" › <a href=\"");
        doc_href(r, hit->doc->file);
        P("#h-");
        U(key);
        P("\">");
        label_text(r, rec->path[k].label);
        P("</a>");
        free(key);
    }
    if (rec->label && *rec->label &&
        (!rec->n_path || !rec->path[rec->n_path - 1].label ||
         strcmp(rec->path[rec->n_path - 1].label, rec->label))) {
        P(" › <span>");
        label_text(r, rec->label);
        P("</span>");
    }
    P("</nav>\n<article class=\"clause\">\n<h1 id=\"citation\">");
    T(rec->citation);
    P("</h1>\n<div id=\"text\">");
    paragraphs(r, rec->text);
    P("</div>\n");
    dept_items(r, rec);
    if (rec->deadline) {
        P("<p class=\"deadline\">时限：");
        T(rec->deadline);
        P("</p>\n");
    }
    source_line(r, hit);
    P("<p class=\"actions\"><a id=\"doc-link\" href=\"");
    doc_href(r, hit->doc->file);
    P("?clause=");
    U(rec->clause);
    P("#c-");
    U(rec->clause);
    P("\">在原文中查看</a> ");
    copy_button(r, rec);
    P("</p>\n</article>\n");
    related_list(r, rec->clause);
    cites_lists(r, hit);
    page_end(r);
    ps_hits_free(h);
    return 200;
}

/* ---- Document ---- */

static void outline_list(req *r, const outline_node *n)
{
    if (!n->n_children)
        return;
    P("<ul>");
    for (size_t i = 0; i < n->n_children; i++) {
        const outline_node *c = &n->children[i];
        P("<li><a href=\"#c-");
        U(c->first_clause);
        P("\">");
        label_text(r, c->label);
        if (c->title) {
            P(" ");
            T(c->title);
        }
        P("</a>");
        outline_list(r, c);
        P("</li>");
    }
    P("</ul>\n");
}

static bool same_heading(const ps_heading *a, const ps_heading *b)
{
    return (a->label && b->label ? strcmp(a->label, b->label) == 0 : a->label == b->label) &&
           (a->title && b->title ? strcmp(a->title, b->title) == 0 : a->title == b->title);
}

static void meta_row(req *r, const char *name, const char *value)
{
    if (!value)
        return;
    P("<dt>");
    P(name);
    P("</dt><dd>");
    T(value);
    P("</dd>");
}

static int page_doc(req *r, const char *file)
{
    doc_view v;
    ps_error err = {0};
    ps_status st = doc_view_load(r->ix, file, &v, &err);
    if (st != PS_OK) {
        doc_view_free(&v);
        return req_html_error(r, st == PS_ERR_NOT_FOUND ? 404 : 500, "找不到文件",
                              "没有收录文件 %s", file);
    }
    const char *current = req_arg_nonempty(r, "clause");
    const ps_doc_meta *d = ps_hits_get(v.hits, 0)->doc;
    page_start(r, doc_name(d));
    P("<h1 id=\"doc-title\">");
    T(doc_name(d));
    P("</h1>\n<dl id=\"meta\">");
    meta_row(r, "文号", d->number);
    meta_row(r, "发文机关", d->issuer);
    meta_row(r, "日期", d->date);
    meta_row(r, "适用地区", d->jurisdiction);
    meta_row(r, "文件", d->file);
    fprintf(r->out, "<dt>条款</dt><dd>%zu</dd></dl>\n", ps_hits_count(v.hits));
    P("<div class=\"doc-layout\">\n<nav id=\"outline\"><h2>目录</h2>\n");
    outline_list(r, &v.outline);
    P("</nav>\n<article id=\"doc-text\">\n");
    const ps_record *prev = NULL;
    for (size_t i = 0; i < ps_hits_count(v.hits); i++) {
        const ps_hit *hit = ps_hits_get(v.hits, i);
        const ps_record *rec = hit->record;
        /* headings that begin here: from the first level that differs from the last clause */
        size_t k = 0;
        while (prev && k < rec->n_path && k < prev->n_path &&
               same_heading(&rec->path[k], &prev->path[k]))
            k++;
        for (; k < rec->n_path; k++) {
            char *key = heading_key(rec, k + 1);
            fprintf(r->out, "<h%zu class=\"heading\" id=\"h-", k < 3 ? k + 2 : 5);
            T(key);
            P("\">");
            label_text(r, rec->path[k].label);
            if (rec->path[k].title) {
                P(" ");
                T(rec->path[k].title);
            }
            fprintf(r->out, "</h%zu>\n", k < 3 ? k + 2 : 5);
            free(key);
        }
        prev = rec;
        bool is_current = current && strcmp(current, rec->clause) == 0;
        P("<section id=\"c-");
        T(rec->clause);
        P(is_current ? "\" class=\"clause current\">" : "\" class=\"clause\">");
        P("<a class=\"clause-link\" href=\"");
        clause_href(r, rec->clause);
        P("\">");
        T(rec->label && *rec->label ? rec->label : "¶");
        P("</a>");
        paragraphs(r, rec->text);
        dept_items(r, rec);
        P("</section>\n");
    }
    P("</article>\n</div>\n");
    page_end(r);
    doc_view_free(&v);
    return 200;
}

/* ---- Department ---- */

static int page_dept(req *r)
{
    dept_view v;
    char why[600];
    int status = dept_view_load(r, &v, why, sizeof why);
    const char *name = v.typed ? v.typed : "部门";
    page_start(r, name);
    P("<form id=\"dept-form\" action=\"/dept\" method=\"get\"><label for=\"name\">部门</label>"
      "<input id=\"name\" name=\"name\" value=\"");
    T(v.typed);
    P("\"><button type=\"submit\">查看</button></form>\n");
    if (status) {
        P("<p id=\"error\" class=\"error\">");
        T(why);
        P("</p>\n");
        page_end(r);
        dept_view_free(&v);
        return status;
    }
    P("<h1 id=\"dept-name\">");
    for (size_t i = 0; i < v.f.n_depts; i++) {
        if (i)
            P("、");
        T(v.f.depts[i]);
    }
    fprintf(r->out, "</h1>\n<p id=\"count\">共 %zu 条%s</p>\n", v.n,
            !v.role                       ? ""
            : strcmp(v.role, "lead") == 0 ? "（牵头）"
                                          : "（配合）");
    P("<p class=\"roles\"><a href=\"/dept?name=");
    U(v.typed);
    P("\">全部</a> · <a href=\"/dept?name=");
    U(v.typed);
    P("&amp;role=lead\">牵头</a> · <a href=\"/dept?name=");
    U(v.typed);
    P("&amp;role=supporting\">配合</a></p>\n<p class=\"downloads\"><a id=\"csv\" "
      "href=\"/api/dept?name=");
    U(v.typed);
    P("&amp;format=csv");
    if (v.role)
        fprintf(r->out, "&amp;role=%s", v.role);
    P("\">下载 CSV（Excel）</a> <a id=\"md\" href=\"/api/dept?name=");
    U(v.typed);
    P("&amp;format=md");
    if (v.role)
        fprintf(r->out, "&amp;role=%s", v.role);
    P("\">下载 Markdown</a></p>\n");
    const char *open_file = NULL;
    for (size_t i = 0; i < v.n; i++) {
        const ps_hit *hit = dept_view_hit(&v, i);
        if (!open_file || strcmp(open_file, hit->doc->file) != 0) {
            if (open_file)
                P("</ol></section>\n");
            open_file = hit->doc->file;
            P("<section class=\"doc-group\"><h2><a href=\"");
            doc_href(r, hit->doc->file);
            P("\">");
            T(doc_name(hit->doc));
            P("</a></h2><ol>\n");
        }
        const char *role = dept_view_role(&v, hit->record);
        fprintf(r->out, "<li class=\"hit\"><span class=\"role %s\">%s</span> ", role,
                strcmp(role, "lead") == 0         ? "牵头"
                : strcmp(role, "supporting") == 0 ? "配合"
                                                  : "负责");
        P("<a class=\"clause-link\" href=\"");
        clause_href(r, hit->record->clause);
        P("\">");
        T(hit->record->citation);
        P("</a>");
        snippet(r, hit->record, NULL);
        copy_button(r, hit->record);
        P("</li>\n");
    }
    if (open_file)
        P("</ol></section>\n");
    page_end(r);
    dept_view_free(&v);
    return 200;
}

/* ---- Lists ---- */

/* The documents' metadata and the department tally: 0, or the status of the error page. */
static int load_tally(req *r, doc_list *docs, tally *t)
{
    if (docs_load(r->ix, docs) != PS_OK)
        return req_html_error(r, 500, "出错了", "无法读取文件信息");
    if (!tally_load(r->ix, docs, t)) {
        docs_free(docs);
        return req_html_error(r, 500, "出错了", "无法统计部门");
    }
    return 0;
}

static int page_departments(req *r)
{
    doc_list docs;
    tally t;
    int status = load_tally(r, &docs, &t);
    if (status)
        return status;
    page_start(r, "部门");
    fprintf(r->out,
            "<h1>部门</h1>\n<p>%zu 个部门；措施按条款计数。</p>\n<table id=\"departments\">"
            "<thead><tr><th>部门</th><th>措施</th><th>牵头</th><th>配合</th></tr></thead><tbody>\n",
            t.n);
    for (size_t i = 0; i < t.n; i++) {
        P("<tr><td><a href=\"/dept?name=");
        U(t.v[i].name);
        P("\">");
        T(t.v[i].name);
        fprintf(r->out, "</a></td><td>%zu</td><td>%zu</td><td>%zu</td></tr>\n", t.v[i].measures,
                t.v[i].lead, t.v[i].supporting);
    }
    P("</tbody></table>\n");
    page_end(r);
    tally_free(&t);
    docs_free(&docs);
    return 200;
}

static void doc_row(void *ctx, const ps_doc_meta *d)
{
    req *r = ctx;
    P("<tr><td><a href=\"");
    doc_href(r, d->file);
    P("\">");
    T(doc_name(d));
    P("</a></td><td>");
    T(d->number);
    P("</td><td>");
    T(d->issuer);
    P("</td><td>");
    T(d->date);
    P("</td></tr>\n");
}

static int page_docs(req *r)
{
    page_start(r, "文件");
    P("<h1>已收录文件</h1>\n<table id=\"documents\"><thead><tr><th>文件</th><th>文号</th>"
      "<th>发文机关</th><th>日期</th></tr></thead><tbody>\n");
    ps_error err = {0};
    if (ps_index_each_doc(r->ix, doc_row, r, &err) != PS_OK)
        return req_html_error(r, 500, "出错了", "%s", err.msg);
    P("</tbody></table>\n");
    page_end(r);
    return 200;
}

static int page_matrix(req *r)
{
    doc_list docs;
    tally t;
    int status = load_tally(r, &docs, &t);
    if (status)
        return status;
    size_t max = 1;
    for (size_t k = 0; k < t.n; k++)
        for (size_t d = 0; d < docs.n; d++)
            if (t.v[k].per_doc[d] > max)
                max = t.v[k].per_doc[d];
    page_start(r, "矩阵");
    P("<h1>部门 × 文件 措施数</h1>\n<div class=\"scroll\"><table id=\"matrix\"><thead><tr>"
      "<th>部门</th>");
    for (size_t d = 0; d < docs.n; d++) {
        fprintf(r->out, "<th><a href=\"");
        doc_href(r, docs.v[d].file);
        P("\" title=\"");
        T(docs.v[d].title ? docs.v[d].title : docs.v[d].file);
        fprintf(r->out, "\">D%zu</a></th>", d + 1);
    }
    P("<th>合计</th></tr></thead><tbody>\n");
    for (size_t k = 0; k < t.n; k++) {
        P("<tr><th><a href=\"/dept?name=");
        U(t.v[k].name);
        P("\">");
        T(t.v[k].name);
        P("</a></th>");
        for (size_t d = 0; d < docs.n; d++) {
            size_t n = t.v[k].per_doc[d];
            size_t heat = n == 0 ? 0 : 1 + (n - 1) * 5 / max;
            fprintf(r->out, "<td class=\"heat-%zu\">%zu</td>", heat > 5 ? 5 : heat, n);
        }
        fprintf(r->out, "<td class=\"total\">%zu</td></tr>\n", t.v[k].measures);
    }
    P("</tbody></table></div>\n<ol id=\"matrix-docs\">");
    for (size_t d = 0; d < docs.n; d++) {
        P("<li><a href=\"");
        doc_href(r, docs.v[d].file);
        P("\">");
        T(docs.v[d].title ? docs.v[d].title : docs.v[d].file);
        P("</a></li>");
    }
    P("</ol>\n");
    page_end(r);
    tally_free(&t);
    docs_free(&docs);
    return 200;
}

int page_dispatch(req *r)
{
    if (strcmp(r->path, "/") == 0 || strcmp(r->path, "/search") == 0)
        return page_search(r);
    if (strncmp(r->path, "/clause/", 8) == 0)
        return page_clause(r, r->path + 8);
    if (strncmp(r->path, "/doc/", 5) == 0)
        return page_doc(r, r->path + 5);
    if (strcmp(r->path, "/dept") == 0)
        return page_dept(r);
    if (strcmp(r->path, "/departments") == 0)
        return page_departments(r);
    if (strcmp(r->path, "/docs") == 0)
        return page_docs(r);
    if (strcmp(r->path, "/matrix") == 0)
        return page_matrix(r);
    return req_html_error(r, 404, "找不到页面", "没有这个页面");
}
