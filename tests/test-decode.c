/* test-decode.c: encodings and bad bytes (decode.c through ps_doc_parse). */
#include <errno.h>
#include <iconv.h>

#include "ps.h"
#include "tap.h"
#include "util.h"

/* Converts UTF-8 to another encoding with iconv; the caller frees. Bails out when the
 * conversion is unavailable or incomplete: the test input would not be what it claims. */
static char *encode(const char *to, const char *s, size_t n, size_t *out_n)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == (iconv_t)-1)
        tap_bail("iconv cannot convert UTF-8 to %s: %s", to, strerror(errno));
    size_t cap = n * 4 + 16, left = cap;
    char *out = malloc(cap), *dst = out, *src = (char *)s;
    size_t in_left = n;
    if (!out)
        tap_bail("out of memory converting to %s", to);
    if (iconv(cd, &src, &in_left, &dst, &left) == (size_t)-1 || in_left != 0)
        tap_bail("iconv UTF-8 to %s stopped with %zu of %zu bytes left: %s", to, in_left, n,
                 strerror(errno));
    iconv_close(cd);
    *out_n = cap - left;
    return out;
}

/* All records of a parse, as JSON lines with the source path blanked. */
static char *records(const char *bytes, size_t n, ps_status *st, ps_error *err)
{
    ps_doc *doc = NULL;
    *st = ps_doc_parse(bytes, n, "x.txt", "x.txt", &doc, err);
    if (*st != PS_OK)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *all = calloc(1, cap);
    for (size_t i = 0; i < ps_doc_record_count(doc); i++) {
        char *j = ps_record_to_json(doc, i);
        size_t l = strlen(j);
        while (len + l + 2 > cap)
            all = realloc(all, cap *= 2);
        memcpy(all + len, j, l);
        len += l;
        all[len++] = '\n';
        all[len] = '\0';
        free(j);
    }
    ps_doc_free(doc);
    return all;
}

static void same_records_as_utf8(const char *file, const char *enc, bool bom)
{
    size_t n, en;
    char *utf8 = slurp(src_path(file), &n);
    char *conv = encode(enc, utf8, n, &en);
    if (bom) { /* prepend the BOM in that encoding */
        char *with = malloc(en + 2);
        memcpy(with + 2, conv, en);
        bool le = strcmp(enc, "UTF-16LE") == 0;
        with[0] = le ? '\xFF' : '\xFE';
        with[1] = le ? '\xFE' : '\xFF';
        free(conv);
        conv = with;
        en += 2;
    }
    ps_status s1, s2;
    ps_error e1 = {0}, e2 = {0};
    char *a = records(utf8, n, &s1, &e1), *b = records(conv, en, &s2, &e2);
    if (s1 != PS_OK) /* the reference itself */
        tap_bail("%s as UTF-8 does not parse: %s", file, e1.msg);
    TAP_OK(s2 == PS_OK, "%s as %s%s parses (%s)", file, enc, bom ? " with BOM" : "", e2.msg);
    TAP_OK(a && b && strcmp(a, b) == 0, "%s as %s%s gives the same records", file, enc,
           bom ? " with BOM" : "");
    free(a);
    free(b);
    free(utf8);
    free(conv);
}

static void rejects(const char *name, const char *bytes, size_t n, ps_status want,
                    const char *msg_part)
{
    ps_doc *doc = NULL;
    ps_error err = {0};
    ps_status st = ps_doc_parse(bytes, n, "bad.txt", "bad.txt", &doc, &err);
    TAP_OK(st == want && doc == NULL, "%s is rejected (status %d)", name, st);
    TAP_OK(strstr(err.msg, "bad.txt") && strstr(err.msg, msg_part),
           "%s: message names the file "
           "and says \"%s\": %s",
           name, msg_part, err.msg);
    ps_doc_free(doc);
}

int main(void)
{
    same_records_as_utf8("corpus/000_f3134de028f8d3e7.txt", "GB18030", false);
    same_records_as_utf8("corpus/002_c51c4008d2d0f852.txt", "GBK", false);
    same_records_as_utf8("corpus/001_688d1b3eb0656e61.txt", "UTF-16LE", true);
    same_records_as_utf8("corpus/000_f3134de028f8d3e7.txt", "UTF-16BE", true);
    same_records_as_utf8("corpus/000_f3134de028f8d3e7.txt", "UTF-16LE", false);

    /* UTF-8 with a BOM and CRLF line ends: same records, same line numbers. */
    size_t n;
    char *utf8 = slurp(src_path("corpus/000_f3134de028f8d3e7.txt"), &n);
    char *crlf = malloc(n * 2 + 3);
    size_t o = 0;
    memcpy(crlf, "\xEF\xBB\xBF", 3);
    o = 3;
    for (size_t i = 0; i < n; i++) {
        if (utf8[i] == '\n')
            crlf[o++] = '\r';
        crlf[o++] = utf8[i];
    }
    ps_status s1, s2;
    ps_error e = {0}, e2 = {0};
    char *a = records(utf8, n, &s1, &e), *b = records(crlf, o, &s2, &e2);
    if (s1 != PS_OK)
        tap_bail("corpus/000_f3134de028f8d3e7.txt does not parse: %s", e.msg);
    TAP_OK(a && b && strcmp(a, b) == 0, "BOM and CRLF give the same records and lines (%s)",
           s2 == PS_OK ? "parses" : e2.msg);
    free(a);
    free(b);
    free(crlf);
    free(utf8);

    rejects("an empty file", "", 0, PS_ERR_PARSE, "empty file");
    rejects("white space only", " \n\t\n", 4, PS_ERR_PARSE, "no text");
    rejects("binary bytes",
            "\x7f"
            "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00",
            14, PS_ERR_ENCODING, "binary");
    /* C3 28 is not UTF-8, and 0xFF is in no GB18030 sequence. */
    rejects("invalid bytes", "\xe6\x96\xb0\xe5\x9f\x8e\xc3\x28\xff\xff", 10, PS_ERR_ENCODING,
            "invalid byte");
    rejects("truncated UTF-16", "\xFF\xFE\x30\x00\x31", 5, PS_ERR_ENCODING, "UTF-16LE");
    size_t big = (2u << 20) + 10;
    char *line = malloc(big);
    memset(line, 'a', big);
    rejects("a 2 MB single line", line, big, PS_ERR_PARSE, "over the 1048576 limit");
    free(line);
    return tap_done();
}
