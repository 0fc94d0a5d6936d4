/* text.c: the plain-text reader. One block per non-empty line; paragraphs are rebuilt later by
 * para.c. This reader removes what PDF and Word extraction leave behind:
 *   - page-number lines ("15", "- 15 -"),
 *   - table-of-contents lines with dotted leaders ("2.1 指导思想......"), and the "目 录" title,
 *   - "[bookmark: …]" and "[image: …]" markers,
 * and measures the wrap width: PDF extractions break lines at a fixed width (about 40
 * characters in the new-town measures, 28 in the 14th five-year plan), and a line that reaches
 * it says nothing about where a paragraph ends. */
#include <stdlib.h>
#include <string.h>

#include "ps-private.h"

/* Lines this many columns short of the wrap width still count as full: digits and Latin
 * letters are narrower than CJK, and the first line of a paragraph lost its indent. */
enum { FULL_SLACK = 6 };

static bool is_page_number(const char *s, size_t n)
{
    size_t digits = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] != '-' && s[i] != ' ' && s[i] != '\t')
            return false;
    }
    return digits > 0 && digits <= 3;
}

/* A table-of-contents entry ends in a run of leader dots (……, ....., ·····), maybe a page. */
bool psi_toc_line(const char *s, size_t n)
{
    size_t run = 0, best = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = psi_utf8_next(s, n, &i);
        if (cp == '.' || cp == 0x2026 || cp == 0x00B7 || cp == 0x22EF || cp == 0xFF0E) {
            run += cp == 0x2026 ? 3 : 1;
            if (run > best)
                best = run;
        } else if (!psi_is_space(cp)) {
            run = 0;
        }
    }
    return best >= 6;
}

bool psi_toc_title(const char *s, size_t n)
{
    char *sq = psi_xstrndup(s, n);
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            sq[o++] = s[i];
    sq[o] = '\0';
    bool r = strcmp(sq, "目录") == 0 || strcmp(sq, "目\u3000录") == 0;
    free(sq);
    return r;
}

/* Removes "[bookmark: …]" and "[image: …]" (Word-to-text converters) from a line in place. */
static size_t strip_artefacts(char *s, size_t n)
{
    static const char *const tags[] = {"[bookmark:", "[image:"};
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        bool removed = false;
        for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
            size_t tl = strlen(tags[t]);
            if (n - i >= tl && memcmp(s + i, tags[t], tl) == 0) {
                char *close = memchr(s + i, ']', n - i);
                if (close) {
                    i = (size_t)(close - s) + 1;
                    removed = true;
                }
            }
        }
        if (!removed)
            s[o++] = s[i++];
    }
    return o;
}

/* A paragraph indent: two spaces, or one full-width or em space. A single ASCII space is
 * what page breaks leave inside paragraphs of the five-year plan, so it does not count. */
static bool is_indent(const char *line, const char *text)
{
    size_t n = (size_t)(text - line), cols = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = psi_utf8_next(line, n, &i);
        cols += (cp == 0x3000 || cp == 0x2003) ? 2 : cp == '\t' ? 4 : 1;
    }
    return cols >= 2;
}

/* Wrap width: the width most lines stop at. Hard-wrapped text has a sharp peak of lines
 * near one width; free text does not. Returns 0 when not wrapped. */
static size_t wrap_width(const size_t *widths, size_t n)
{
    enum { MAX_COLS = 400 };
    if (n < 8)
        return 0;
    size_t *count = psi_xcalloc(MAX_COLS + 1, sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[widths[i] < MAX_COLS ? widths[i] : MAX_COLS]++;
    size_t mode = 30;
    for (size_t w = 30; w < MAX_COLS; w++)
        if (count[w] > count[mode])
            mode = w;
    size_t near = 0;
    for (size_t w = mode - FULL_SLACK; w <= mode + FULL_SLACK && w <= MAX_COLS; w++)
        near += count[w];
    free(count);
    return near * 2 >= n ? mode : 0;
}

ps_status psi_read_text(const char *s, size_t n_bytes, const char *path, psi_arena *a,
                        psi_blocks *out, ps_error *err)
{
    (void)path;
    (void)err;
    size_t first_block = out->n;
    size_t cap = 64, n_widths = 0;
    size_t *widths = psi_xmalloc(cap * sizeof *widths);
    size_t line = 1;
    for (size_t i = 0; i <= n_bytes; line++) {
        const char *nl = memchr(s + i, '\n', n_bytes - i);
        size_t end = nl ? (size_t)(nl - s) : n_bytes;
        char *copy = psi_arena_strndup(a, s + i, end - i);
        size_t len = strip_artefacts(copy, end - i);
        if (len != end - i && len == 0)
            out->skipped++;
        const char *t = psi_trim(copy, &len);
        i = end + 1;
        if (len == 0)
            continue;
        if (psi_toc_title(t, len)) {
            out->skipped++;
            continue;
        }
        if (psi_toc_line(t, len) || is_page_number(t, len)) {
            out->skipped++;
            continue;
        }
        psi_blocks_add(out, a, t, len, line, line, is_indent(copy, t) ? PSI_BLOCK_INDENT : 0);
        if (n_widths == cap)
            widths = psi_xrealloc(widths, (cap *= 2) * sizeof *widths);
        /* Measured with the indentation: the first line of an indented paragraph is full too. */
        widths[n_widths++] = psi_width_cols(copy, (size_t)(t - copy) + len);
    }
    size_t w = wrap_width(widths, n_widths);
    out->wrapped = w > 0;
    for (size_t b = first_block; w && b < out->n; b++)
        if (widths[b - first_block] + FULL_SLACK >= w)
            out->v[b].flags |= PSI_BLOCK_FULL;
    free(widths);
    return PS_OK;
}
