/* route.c: one request from libmicrohttpd to a handler and back. Only GET and HEAD are answered
 * (405 otherwise); a query string longer than MAX_QUERY_STRING_BYTES, or any one value longer
 * than MAX_ARG_BYTES, is refused with 413 before any work; /assets/ serves the embedded CSS and
 * script; /api/ goes to api.c, the pages to pages.c, anything else is a 404. Every response
 * carries the content security policy (no inline script or style, nothing from elsewhere) and
 * X-Content-Type-Options: nosniff. */
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "serve.h"
#include "xalloc.h"

const char *req_arg(const req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_arg_nonempty(const req *r, const char *name)
{
    const char *v = req_arg(r, name);
    return v && *v ? v : NULL;
}

static void req_open(req *r)
{
    r->body = NULL;
    r->body_bytes = 0;
    r->out = open_memstream(&r->body, &r->body_bytes);
    if (!r->out)
        xalloc_die(0);
}

void req_reset(req *r)
{
    fclose(r->out);
    free(r->body);
    free(r->disposition);
    r->disposition = NULL;
    req_open(r);
}

int req_json_error(req *r, int status, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    req_reset(r);
    json_t *o = json_pack("{s:s}", "error", msg);
    char *s = o ? json_dumps(o, 0) : NULL;
    fprintf(r->out, "%s\n", s ? s : "{\"error\": \"out of memory\"}");
    free(s);
    json_decref(o);
    r->content_type = "application/json; charset=utf-8";
    return status;
}

int req_html_error(req *r, int status, const char *title, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    req_reset(r);
    page_start(r, title);
    fputs("<section class=\"error\"><h1>", r->out);
    html_text(r->out, title);
    fputs("</h1><p id=\"error\">", r->out);
    html_text(r->out, msg);
    fputs("</p><p><a href=\"/\">返回搜索</a></p></section>\n", r->out);
    page_end(r);
    return status;
}

typedef struct arg_size {
    size_t total, longest;
} arg_size;

static enum MHD_Result count_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    arg_size *a = cls;
    size_t k = key ? strlen(key) : 0, v = value ? strlen(value) : 0;
    a->total += k + v + 2;
    if (v > a->longest)
        a->longest = v;
    return MHD_YES;
}

static int serve_asset(req *r)
{
    const char *name = r->path + strlen("/assets/");
    if (strcmp(name, "app.css") == 0) {
        fputs(srv_app_css, r->out);
        r->content_type = "text/css; charset=utf-8";
    } else if (strcmp(name, "app.js") == 0) {
        fputs(srv_app_js, r->out);
        r->content_type = "text/javascript; charset=utf-8";
    } else {
        return req_html_error(r, MHD_HTTP_NOT_FOUND, "找不到页面", "没有这个文件");
    }
    return MHD_HTTP_OK;
}

static int dispatch(req *r, const char *db)
{
    bool api = strncmp(r->path, "/api/", 5) == 0 || strcmp(r->path, "/api") == 0;
    arg_size a = {0, 0};
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, count_arg, &a);
    if (a.total > MAX_QUERY_STRING_BYTES || a.longest > MAX_ARG_BYTES) {
#define TOO_LONG "query string too long (at most %d bytes)"
        return api ? req_json_error(r, 413, TOO_LONG, MAX_QUERY_STRING_BYTES)
                   : req_html_error(r, 413, "查询太长", TOO_LONG, MAX_QUERY_STRING_BYTES);
    }
    if (strncmp(r->path, "/assets/", 8) == 0)
        return serve_asset(r);
    if (!api && !page_known(r->path))
        return req_html_error(r, MHD_HTTP_NOT_FOUND, "找不到页面", "没有这个页面：%s", r->path);
    char why[256];
    r->ix = db_acquire(db, why, sizeof why);
    if (!r->ix)
        return api ? req_json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, "%s", why)
                   : req_html_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, "索引暂不可用", "%s", why);
    return api ? api_dispatch(r, r->path + 4) : page_dispatch(r);
}

static enum MHD_Result add_headers(struct MHD_Response *resp, const req *r, bool allow)
{
    MHD_add_response_header(resp, "Content-Type", r->content_type);
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; frame-ancestors 'none'; base-uri 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "Cache-Control",
                            strncmp(r->path, "/assets/", 8) == 0 ? "max-age=300" : "no-store");
    if (r->disposition)
        MHD_add_response_header(resp, "Content-Disposition", r->disposition);
    if (allow)
        MHD_add_response_header(resp, "Allow", "GET, HEAD");
    return MHD_YES;
}

enum MHD_Result route_request(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    const char *db = cls;
    /* libmicrohttpd calls once with the headers, again for the body: answering on the first
     * call closes the connection after the response (no keep-alive), so answer on the second */
    static int headers_seen;
    if (*con_cls == NULL) {
        *con_cls = &headers_seen;
        return MHD_YES;
    }
    if (*upload_data_size) { /* a body (not wanted: GET and HEAD only) is read and dropped */
        *upload_data_size = 0;
        return MHD_YES;
    }
    req r = {0};
    r.conn = conn;
    r.path = url;
    r.db = db;
    r.content_type = "text/html; charset=utf-8";
    req_open(&r);
    bool get = strcmp(method, MHD_HTTP_METHOD_GET) == 0;
    r.head = strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
    int status;
    if (!get && !r.head) { /* answered at once; a body is never read */
        status = req_json_error(&r, MHD_HTTP_METHOD_NOT_ALLOWED,
                                "method %s not allowed: GET or HEAD", method);
    } else {
        status = dispatch(&r, db);
        db_release(); /* the handle goes back to the pool before the response is sent */
    }
    fclose(r.out);
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(r.body_bytes, r.body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(r.body);
        free(r.disposition);
        return MHD_NO;
    }
    add_headers(resp, &r, status == MHD_HTTP_METHOD_NOT_ALLOWED);
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    free(r.disposition);
    return ret;
}
