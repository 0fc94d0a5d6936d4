/* view.h: what the JSON API and the pages both show, gathered once: a clause by id, a
 * document's clauses and heading outline, a department's clauses with its role in each, the
 * documents a document cites, and the clauses that cite one. */
#ifndef PS_SERVE_VIEW_H
#define PS_SERVE_VIEW_H
#include <jansson.h>

#include "serve.h"

/* The clause with this id, whole (a paragraph's id gives its clause, as --full does). */
ps_status clause_get(ps_index *ix, const char *id, ps_hits **out, ps_error *err);

/* A document's metadata as JSON (null for NULL). */
json_t *doc_meta_json(const ps_doc_meta *m);

/* ---- A document: its clauses in order and the tree of headings above them ---- */
typedef struct outline_node {
    char *label, *title; /* the heading; NULL at the root */
    char *first_clause;  /* id of the first clause under it */
    char *key;           /* labels from the top, '/'-joined: "三/（二）" (anchor h-KEY) */
    struct outline_node *children;
    size_t n_children;
} outline_node;

typedef struct doc_view {
    ps_hits *hits; /* every clause, in document order */
    outline_node outline;
} doc_view;

/* PS_ERR_NOT_FOUND when no clause of 'file' is indexed. */
ps_status doc_view_load(ps_index *ix, const char *file, doc_view *v, ps_error *err);
void doc_view_free(doc_view *v);
/* The outline key of the headings above a record: "三/（二）"; "" at the top. Caller frees. */
char *heading_key(const ps_record *r, size_t depth);

/* ---- A department's clauses ---- */
typedef struct dept_view {
    filter f;          /* the department resolved (f.depts), lead */
    const char *typed; /* the name as given */
    const char *role;  /* "lead", "supporting" or NULL (any) */
    ps_hits *h;        /* every clause of the departments, in document order */
    size_t *keep;      /* indices into h of the clauses with the role asked for */
    size_t n;
} dept_view;

/* Reads name= and role= (and lead=1 as role=lead). 0, or an HTTP status with 'why'. Free the
 * view whatever it returns. */
int dept_view_load(req *r, dept_view *v, char *why, size_t why_bytes);
const ps_hit *dept_view_hit(const dept_view *v, size_t i);
/* The department's role in the record: "lead", "supporting" or "responsible". */
const char *dept_view_role(const dept_view *v, const ps_record *rec);
void dept_view_free(dept_view *v);

/* ---- What a document cites ---- */
typedef struct cite_entry {
    char *title, *number; /* one of them, as first written */
    char *key;
    const doc_info *target; /* the indexed document it resolves to, or NULL */
    char **clauses;         /* ids of the clauses that cite it */
    size_t n_clauses;
} cite_entry;

typedef struct cites_view {
    cite_entry *v;
    size_t n;
} cites_view;

ps_status cites_view_load(ps_index *ix, const doc_list *docs, const char *file, cites_view *out,
                          ps_error *err);
void cites_view_free(cites_view *cv);

/* The one document 'needle' names for cited-by (the best answer when one answers best, as
 * policy-search --cited-by). 0, or 404 / 400 with 'why'. */
int cited_doc(const doc_list *docs, const char *needle, const doc_info **out, char *why,
              size_t why_bytes);
/* Clauses of other documents that refer to 'd' by title or number. */
ps_status cited_by_search(ps_index *ix, const doc_info *d, size_t limit, ps_hits **out,
                          ps_error *err);

#endif
