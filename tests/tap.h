/* tests/tap.h: minimal TAP producer; register with test(..., protocol: 'tap'). */
#ifndef PS_TAP_H
#define PS_TAP_H
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

__attribute__((format(printf, 4, 5))) static int tap_check(int ok, const char *file, int line,
                                                           const char *fmt, ...)
{
    va_list ap;
    printf("%sok %d - ", ok ? "" : "not ", ++tap_n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (!ok) {
        printf("# at %s:%d\n", file, line);
        tap_failed++;
    }
    return ok;
}

#define TAP_OK(cond, ...) tap_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define TAP_INT_EQ(got, want, name)                                                                \
    (TAP_OK((got) == (want), "%s", name) ||                                                        \
     (printf("#   got %lld, want %lld\n", (long long)(got), (long long)(want)), 0))
#define TAP_STR_EQ(got, want, name)                                                                \
    (TAP_OK((got) && strcmp((got), (want)) == 0, "%s", name) ||                                    \
     (printf("#   got \"%s\", want \"%s\"\n", (got) ? (got) : "(null)", (want)), 0))

/* A check that documents a known bug: prints "not ok N - name # TODO why", which meson counts as
 * an expected failure, without failing the program. Once the bug is fixed the line becomes
 * "ok N - name # TODO why", an unexpected pass that fails the suite: then make it a TAP_OK.
 * 'name' must not contain '#' (TAP ends the description there). */
#define TAP_TODO(cond, why, ...) tap_todo(!!(cond), why, __FILE__, __LINE__, __VA_ARGS__)
__attribute__((unused, format(printf, 5, 6))) static int
tap_todo(int ok, const char *why, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    printf("%sok %d - ", ok ? "" : "not ", ++tap_n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf(" # TODO %s\n", why);
    if (!ok)
        printf("# at %s:%d (known issue)\n", file, line);
    return ok;
}

/* Stops the whole test: a set-up step failed, so no later check would mean anything. */
__attribute__((unused, noreturn, format(printf, 1, 2))) static void tap_bail(const char *fmt, ...)
{
    va_list ap;
    printf("Bail out! ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    exit(1);
}

static int tap_done(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}
#endif
