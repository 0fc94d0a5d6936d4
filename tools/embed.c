/* embed.c: build-time helper that turns a data file into a C string constant, so the programs
 * carry their department dictionary and need no data path at run time.
 * usage: embed INPUT OUTPUT SYMBOL */
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: embed INPUT OUTPUT SYMBOL\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    FILE *out = fopen(argv[2], "wb");
    if (!in || !out) {
        perror("embed");
        return 1;
    }
    fprintf(out, "/* Generated from %s by tools/embed.c; do not edit. */\n", argv[1]);
    fprintf(out, "const char %s[] = {\n", argv[3]);
    int c, col = 0;
    while ((c = fgetc(in)) != EOF) {
        fprintf(out, "%d,", c);
        if (++col % 24 == 0)
            fputc('\n', out);
    }
    fprintf(out, "0};\n");
    fclose(in);
    return fclose(out) == 0 ? 0 : 1;
}
