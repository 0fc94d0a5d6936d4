/* decode.c: raw bytes -> UTF-8 with LF line ends.
 *
 * Detection order: a BOM (UTF-8, UTF-16LE/BE); valid UTF-8; UTF-16 without a BOM, told by the
 * zero bytes that ASCII leaves in every other byte; otherwise GB18030 (a superset of GBK and
 * GB2312), converted strictly with iconv. Bytes that fit none of these reject the file with the
 * offset of the first bad byte; so does binary data (NUL or other control characters).
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

/* Converts with iconv; on failure returns false and sets *bad_at to the input offset. */
static bool convert(const char *from, const char *in, size_t n_in, char **out, size_t *n_out,
                    size_t *bad_at)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        *bad_at = 0;
        return false;
    }
    size_t cap = n_in * 2 + 16;
    char *buf = psi_xmalloc(cap);
    char *src = (char *)in, *dst = buf;
    size_t src_left = n_in, dst_left = cap - 1;
    bool ok = true;
    while (src_left > 0) {
        if (iconv(cd, &src, &src_left, &dst, &dst_left) != (size_t)-1)
            continue;
        if (errno == E2BIG) {
            size_t used = (size_t)(dst - buf);
            cap *= 2;
            buf = psi_xrealloc(buf, cap);
            dst = buf + used;
            dst_left = cap - used - 1;
            continue;
        }
        ok = false; /* EILSEQ or EINVAL (truncated sequence at the end) */
        *bad_at = (size_t)(src - in);
        break;
    }
    iconv_close(cd);
    if (!ok) {
        free(buf);
        return false;
    }
    *n_out = (size_t)(dst - buf);
    buf[*n_out] = '\0';
    *out = buf;
    return true;
}

/* UTF-16 without BOM: the bytes hold zeros (the high byte of ASCII) and, read in the right
 * byte order, nearly every code unit is a CJK character, CJK punctuation or printable ASCII. */
static bool plausible_utf16_unit(unsigned u)
{
    return (u >= 0x20 && u < 0x7F) || u == '\n' || u == '\r' || u == '\t' ||
           (u >= 0x3000 && u <= 0x9FFF) || (u >= 0xFF00 && u <= 0xFFEF) ||
           (u >= 0x2000 && u <= 0x206F) || (u >= 0xD800 && u <= 0xDFFF);
}

static const char *sniff_utf16(const unsigned char *p, size_t n)
{
    if (n < 4 || n % 2 || !memchr(p, 0, n))
        return NULL;
    size_t le = 0, be = 0, units = n / 2;
    for (size_t i = 0; i + 1 < n; i += 2) {
        le += plausible_utf16_unit(p[i] | (unsigned)p[i + 1] << 8);
        be += plausible_utf16_unit(p[i + 1] | (unsigned)p[i] << 8);
    }
    if (le * 100 >= units * 95 && le > be)
        return "UTF-16LE";
    if (be * 100 >= units * 95 && be > le)
        return "UTF-16BE";
    return NULL;
}

/* 1-based line and the byte offset of a position, for messages. */
static size_t line_of(const char *s, size_t at)
{
    size_t line = 1;
    for (size_t i = 0; i < at; i++)
        line += s[i] == '\n';
    return line;
}

ps_status psi_decode(const char *bytes, size_t n_bytes, const char *path, char **out,
                     size_t *out_n_bytes, const char **encoding, ps_error *err)
{
    const unsigned char *p = (const unsigned char *)bytes;
    char *utf8 = NULL;
    size_t n = 0, bad_at = 0;
    *out = NULL;
    if (n_bytes == 0)
        return psi_fail(err, PS_ERR_PARSE, "%s: empty file", path);

    const char *enc = NULL;
    size_t skip = 0;
    if (n_bytes >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        enc = "UTF-8";
        skip = 3;
    } else if (n_bytes >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        enc = "UTF-16LE";
        skip = 2;
    } else if (n_bytes >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        enc = "UTF-16BE";
        skip = 2;
    } else if (psi_utf8_valid_prefix(bytes, n_bytes) == n_bytes) {
        enc = "UTF-8";
    } else if ((enc = sniff_utf16(p, n_bytes)) == NULL) {
        if (memchr(bytes, '\0', n_bytes))
            return psi_fail(err, PS_ERR_ENCODING, "%s: binary file (NUL bytes)", path);
        enc = "GB18030";
    }

    if (strcmp(enc, "UTF-8") == 0) {
        size_t valid = psi_utf8_valid_prefix(bytes + skip, n_bytes - skip);
        if (valid != n_bytes - skip) {
            bad_at = skip + valid;
            return psi_fail(err, PS_ERR_ENCODING, "%s:%zu: invalid UTF-8 at byte %zu (0x%02X)",
                            path, line_of(bytes, bad_at), bad_at, p[bad_at]);
        }
        n = n_bytes - skip;
        utf8 = psi_xstrndup(bytes + skip, n);
    } else if (!convert(enc, bytes + skip, n_bytes - skip, &utf8, &n, &bad_at)) {
        bad_at += skip;
        if (strcmp(enc, "GB18030") == 0)
            return psi_fail(err, PS_ERR_ENCODING,
                            "%s: neither UTF-8, UTF-16 nor GB18030: invalid byte 0x%02X at byte "
                            "%zu",
                            path, p[bad_at < n_bytes ? bad_at : n_bytes - 1], bad_at);
        return psi_fail(err, PS_ERR_ENCODING, "%s: invalid %s at byte %zu", path, enc, bad_at);
    }

    /* CRLF and lone CR become LF; NUL and most control characters mean binary data. */
    size_t o = 0, controls = 0, line = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)utf8[i];
        if (c == '\r') {
            if (i + 1 < n && utf8[i + 1] == '\n')
                continue;
            c = '\n';
        }
        if (c == '\0') {
            free(utf8);
            return psi_fail(err, PS_ERR_ENCODING, "%s:%zu: binary file (NUL character)", path,
                            line);
        }
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\f')
            controls++;
        line += c == '\n';
        utf8[o++] = (char)c;
    }
    utf8[o] = '\0';
    if (controls * 100 > o) {
        free(utf8);
        return psi_fail(err, PS_ERR_ENCODING, "%s: binary file (%zu control characters)", path,
                        controls);
    }
    size_t trimmed = o;
    psi_trim(utf8, &trimmed);
    if (trimmed == 0) {
        free(utf8);
        return psi_fail(err, PS_ERR_PARSE, "%s: no text (only white space)", path);
    }
    *out = utf8;
    *out_n_bytes = o;
    *encoding = enc;
    return PS_OK;
}
