/* serve.h: what the parts of policy-serve share. A request is answered by one handler that
 * writes its body into a memory stream (req.out) and returns the HTTP status; route.c turns
 * that into a response with the content type the handler chose and the security headers every
 * response carries. */
#ifndef PS_SERVE_H
#define PS_SERVE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <microhttpd.h>

#include "docs.h"
#include "ps.h"

enum {
    MAX_QUERY_STRING_BYTES = 2000, /* every argument's name and value together; 413 beyond */
    MAX_ARG_BYTES = 2000,          /* q and any other one value */
    SNIPPET_CHARS = 120,
    PAGE_DEFAULT = 20,
    PAGE_MAX = 200,
    ALL_CLAUSES = 100000,
};

typedef struct req {
    struct MHD_Connection *conn;
    const char *path; /* decoded, without the query string */
    bool head;
    ps_index *ix;   /* this thread's handle, reopened for this request */
    const char *db; /* the index folder, for messages */
    FILE *out;      /* the body */
    char *body;
    size_t body_bytes;
    const char *content_type;
    char *disposition; /* Content-Disposition, or NULL */
} req;

/* ---- route.c ---- */
/* The daemon's access handler; cls is the index folder. */
enum MHD_Result route_request(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls);
/* The value of query argument 'name', NULL when absent. */
const char *req_arg(const req *r, const char *name);
/* The value, or NULL when absent or empty (after trimming nothing: "" is absent). */
const char *req_arg_nonempty(const req *r, const char *name);
/* Throws away what was written so far (an error replaces a half-written page). */
void req_reset(req *r);
/* A JSON error {"error": msg} with this status; returns the status. */
int req_json_error(req *r, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* An HTML error page with this status; returns the status. */
int req_html_error(req *r, int status, const char *title, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- db.c ---- */
/* An index handle for this request, brought up to the last commit (waits while --threads
 * requests search); NULL with a message in 'why' (missing, being built, unreadable) when there
 * is none. Every call is followed by db_release() when the request is answered. */
ps_index *db_acquire(const char *db, char *why, size_t why_bytes);
void db_release(void);
/* Allows 'threads' requests to search at once; with 'partial', indexes are opened with
 * PS_OPEN_PARTIAL (a shard that does not answer is left out). Call before the daemon starts. */
void db_init(unsigned threads, bool partial);
/* Closes the idle handles, after the daemon has stopped. */
void db_shutdown(void);

/* ---- filter.c: request arguments turned into a search ---- */
typedef struct filter {
    char **depts; /* canonical names the dept argument denotes */
    size_t n_depts;
    bool lead;
    const char **files; /* doc/issuer/from/to: the documents they select (strings owned by docs) */
    size_t n_files;
    bool files_set; /* a document filter was given (n_files 0: nothing can match) */
    doc_list docs;  /* loaded when a document filter was given */
    bool docs_loaded;
    ps_query *query; /* parsed q, or NULL */
    const char *q;   /* q as given, NULL when empty */
    size_t offset, limit;
} filter;

/* Reads q, dept, lead, doc, issuer, from, to, offset and limit. Returns 0, or an HTTP status
 * (400, 413, 500) with the message in 'why'. */
int filter_read(req *r, filter *f, char *why, size_t why_bytes);
/* Adds every indexed department 'typed' denotes to f->depts; 0, or 400 naming the nearest. */
int filter_resolve_dept(ps_index *ix, filter *f, const char *typed, char *why, size_t why_bytes);
/* The ps_search for the filter (pointers into f). */
void filter_search(const filter *f, ps_search *s);
void filter_free(filter *f);
/* Whether a status-0 filter can match anything: false when a document filter selects none or a
 * search would have neither words nor other conditions. */
bool filter_has_criteria(const filter *f);

/* ---- api.c ---- */
int api_dispatch(req *r, const char *rest);

/* ---- pages.c ---- */
int page_dispatch(req *r);
/* The page head (title, styles, script, header nav) and its end. */
void page_start(req *r, const char *title);
void page_end(req *r);
bool page_known(const char *path);

/* ---- assets (generated) ---- */
extern const char srv_app_css[];
extern const char srv_app_js[];

#endif
