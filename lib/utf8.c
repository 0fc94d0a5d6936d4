/* utf8.c: UTF-8 decoding and the character classes the readers need (Han, white space,
 * display width). Input is valid UTF-8: psi_decode() guarantees it before anything else runs. */
#include <string.h>

#include "ps-private.h"

uint32_t psi_utf8_next(const char *s, size_t n_bytes, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = n_bytes - *i;
    uint32_t c = p[0];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len > left) { /* cannot happen on validated input; never read past the end */
        *i = n_bytes;
        return 0xFFFD;
    }
    switch (len) {
    case 2:
        c = ((c & 0x1F) << 6) | (p[1] & 0x3F);
        break;
    case 3:
        c = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        break;
    case 4:
        c = ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
        break;
    default:
        break;
    }
    *i += len;
    return c;
}

uint32_t psi_utf8_prev(const char *s, size_t *i)
{
    size_t j = *i;
    do {
        j--;
    } while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80);
    size_t k = j;
    *i = j;
    return psi_utf8_next(s, j + 4, &k);
}

size_t psi_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t psi_utf8_valid_prefix(const char *s, size_t n_bytes)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n_bytes) {
        unsigned char c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t min;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            min = 0x10000;
        } else {
            return i;
        }
        if (i + len > n_bytes)
            return i;
        uint32_t cp = c & (0xFF >> (len + 1));
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return i;
}

bool psi_is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3007;
}

bool psi_is_word_cp(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F);
}

/* Brackets and quotation marks, after normalization (（ is "(", ＂ is '"'): the tokenizer
 * reads through them as through white space. Every other punctuation mark leaves a gap. */
bool psi_is_see_through(uint32_t cp)
{
    switch (cp) {
    case '(':
    case ')':
    case '"':
    case '\'':
    case 0x3010: /* 【 】 */
    case 0x3011:
    case 0x300A: /* 《 》 */
    case 0x300B:
    case 0x3008: /* 〈 〉 */
    case 0x3009:
    case 0x201C: /* “ ” */
    case 0x201D:
    case 0x2018: /* ‘ ’ */
    case 0x2019:
    case 0x300C: /* 「 」 */
    case 0x300D:
    case 0x300E: /* 『 』 */
    case 0x300F:
        return true;
    default:
        return false;
    }
}

bool psi_is_sentence_end(uint32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B || cp == '!' || cp == '?' ||
           cp == ';';
}

bool psi_starts_with(const char *s, size_t n, const char *w)
{
    size_t l = strlen(w);
    return n >= l && memcmp(s, w, l) == 0;
}

bool psi_ends_with(const char *s, size_t n, const char *w)
{
    size_t l = strlen(w);
    return n >= l && memcmp(s + n - l, w, l) == 0;
}

bool psi_is_space(uint32_t cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

int psi_cp_width(uint32_t cp)
{
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD) || cp == 0x2014 ||
        cp == 0x2026 || cp == 0x201C || cp == 0x201D)
        return 2;
    return 1;
}

size_t psi_width_cols(const char *s, size_t n_bytes)
{
    size_t w = 0;
    for (size_t i = 0; i < n_bytes;)
        w += (size_t)psi_cp_width(psi_utf8_next(s, n_bytes, &i));
    return w;
}

const char *psi_trim(const char *s, size_t *n_bytes)
{
    size_t start = 0, end = *n_bytes;
    while (start < end) {
        size_t i = start;
        if (!psi_is_space(psi_utf8_next(s, end, &i)))
            break;
        start = i;
    }
    while (end > start) {
        size_t i = end;
        if (!psi_is_space(psi_utf8_prev(s, &i)))
            break;
        end = i;
    }
    *n_bytes = end - start;
    return s + start;
}

void psi_join_wrapped(psi_buf *b, const char *piece, size_t n_bytes)
{
    if (n_bytes == 0)
        return;
    if (b->len > 0) {
        size_t i = b->len, j = 0;
        uint32_t last = psi_utf8_prev(b->data, &i);
        uint32_t first = psi_utf8_next(piece, n_bytes, &j);
        if (psi_is_word_cp(last) && psi_is_word_cp(first))
            psi_buf_putc(b, ' ');
    }
    psi_buf_put(b, piece, n_bytes);
}

char *psi_squeeze_cjk_spaces(psi_arena *a, const char *s, size_t n_bytes)
{
    char *out = psi_arena_alloc(a, n_bytes + 1);
    size_t o = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < n_bytes;) {
        size_t start = i;
        uint32_t cp = psi_utf8_next(s, n_bytes, &i);
        if (psi_is_space(cp) && psi_cp_width(prev) == 2) {
            size_t j = i;
            uint32_t next = 0;
            while (j < n_bytes && psi_is_space(next = psi_utf8_next(s, n_bytes, &j)))
                ;
            if (j <= n_bytes && psi_cp_width(next) == 2 && !psi_is_space(next)) {
                continue; /* drop the space between two wide characters */
            }
        }
        memcpy(out + o, s + start, i - start);
        o += i - start;
        prev = cp;
    }
    out[o] = '\0';
    return out;
}

int ps_utf8_prefix(const char *s, int max_bytes)
{
    int n = (int)strnlen(s, (size_t)max_bytes + 1);
    if (n <= max_bytes)
        return n;
    n = max_bytes;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

size_t ps_width_cols(const char *s)
{
    return psi_width_cols(s, strlen(s));
}
