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

static int tap_done(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}
#endif
