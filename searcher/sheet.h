/* sheet.h: tables for people to open elsewhere. One writer for every report (clause lists,
 * --departments, --matrix, --cites) in each --format:
 *   csv        UTF-8 with a byte-order mark and Chinese column names: Excel opens it as is
 *   csv-plain  no mark, English column names: for scripts (the form before the mark)
 *   md         a Markdown table
 *   xlsx       an Excel workbook (libxlsxwriter), numbers as numbers */
#ifndef PS_SHEET_H
#define PS_SHEET_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A column: its names for people and for scripts, and whether it holds numbers. */
typedef struct sheet_col {
    const char *zh, *en;
    bool number;
} sheet_col;

typedef struct sheet sheet;

/* Whether 'format' is one of the above. */
bool sheet_format_known(const char *format);
/* Starts a table on 'out'; 'title' heads a Markdown table and names an xlsx sheet. NULL (after
 * printing why) when it cannot: an xlsx workbook is refused on a terminal. */
sheet *sheet_open(const char *format, FILE *out, const char *title, const sheet_col *cols,
                  size_t n_cols);
/* One row of n_cols cells (NULL: empty). */
void sheet_row(sheet *s, const char *const *cells);
/* Ends the table; returns false (after printing why) when it could not be written. */
bool sheet_close(sheet *s);

#endif
