/* csvout.c — the CSV writer behind every export and report.
 * A leading apostrophe is the convention Excel and WPS both honour for "text". */
#include "csvout.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

void csv_begin(struct csv_out *c, FILE *f, bool bom)
{
    c->f = f;
    c->fields = 0;
    c->ok = true;
    if (bom && fputs("\xEF\xBB\xBF", f) == EOF)
        c->ok = false;
}

static void sep(struct csv_out *c)
{
    if (c->fields++ > 0 && fputc(',', c->f) == EOF)
        c->ok = false;
}

static bool dangerous(const char *s)
{
    return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
}

void csv_neutralise(char *out, size_t outsz, const char *s)
{
    snprintf(out, outsz, "%s%s", s && dangerous(s) ? "'" : "", s ? s : "");
}

void csv_text(struct csv_out *c, const char *raw)
{
    sep(c);
    /* CSV goes to terminals (stdout) as often as to files: the one sanitiser, line breaks kept for notes. */
    char small[1024], *big = NULL;
    const char *s = raw ? raw : "";
    size_t need = 3 * strlen(s) + 1;
    char *buf = need <= sizeof small ? small : (big = malloc(need));
    if (!buf) {
        c->ok = false;
        return;
    }
    s = text_clean(buf, need <= sizeof small ? sizeof small : need, s, TEXT_KEEP_LINES);
    bool quote = strpbrk(s, ",\"\r\n") != NULL || dangerous(s);
    if (quote && fputc('"', c->f) == EOF)
        c->ok = false;
    if (dangerous(s) && fputc('\'', c->f) == EOF)
        c->ok = false;
    for (const char *p = s; *p; p++) {
        if (*p == '"' && fputc('"', c->f) == EOF)
            c->ok = false;
        if (fputc(*p, c->f) == EOF)
            c->ok = false;
    }
    if (quote && fputc('"', c->f) == EOF)
        c->ok = false;
    free(big);
}

void csv_number(struct csv_out *c, double v)
{
    sep(c);
    char buf[64];
    snprintf(buf, sizeof buf, "%.10g", v);
    if (fputs(buf, c->f) == EOF)
        c->ok = false;
}

void csv_int(struct csv_out *c, long long v)
{
    sep(c);
    if (fprintf(c->f, "%lld", v) < 0)
        c->ok = false;
}

void csv_end_row(struct csv_out *c)
{
    if (fputs("\r\n", c->f) == EOF)
        c->ok = false;
    c->fields = 0;
}

bool csv_finish(struct csv_out *c)
{
    if (fflush(c->f) != 0 || ferror(c->f))
        c->ok = false;
    return c->ok;
}
