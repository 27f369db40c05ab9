/* render_file.c — a report model into a file through the one writer (outfile.h):
 * the old file stays as it was until the new one is complete and on disk. */
#include <stdio.h>

#include "outfile.h"
#include "paths.h"
#include "render.h"
#include "text.h"

int render_file(const struct report *rep, enum render_format format, const char *path, int flags, bool bom,
                struct fx_error *err)
{
    struct outfile o;
    int rc = outfile_open(&o, path, flags, err);
    if (rc)
        return rc;
    switch (format) {
    case RENDER_TEXT: rc = render_text(rep, o.f, err); break;
    case RENDER_CSV: rc = render_csv(rep, o.f, bom, err); break;
    case RENDER_XLSX:
    case RENDER_PDF:
        /* These writers take a file name: they write the temporary file themselves. */
        outfile_close_stream(&o);
        rc = format == RENDER_XLSX ? render_xlsx(rep, o.tmp, err) : render_pdf(rep, o.tmp, err);
        break;
    }
    if (rc) {
        outfile_abort(&o);
        return rc;
    }
    return outfile_commit(&o, err);
}

void render_default_name(const struct report *rep, enum render_format format, char *out, size_t outsz)
{
    static const char *const ext[] = {"txt", "csv", "xlsx", "pdf"};
    char title[256];
    text_sanitize(title, sizeof title, rep->title[0] ? rep->title : "报表");
    for (char *c = title; *c; c++)
        if (*c == '/')
            *c = '-';
    if (title[0] == '.')
        title[0] = '_'; /* never a hidden file, never ".." */
    text_format(out, outsz, "%s.%s", title, ext[format]);
}

int render_default_path(const struct report *rep, enum render_format format, char *out, size_t outsz,
                        struct fx_error *err)
{
    char dir[4096], name[300];
    int rc = paths_output_dir(dir, sizeof dir, err);
    if (rc)
        return rc;
    render_default_name(rep, format, name, sizeof name);
    if (paths_join(out, outsz, dir, name))
        return fx_fail(err, FX_EINPUT, "文件路径太长：%s/%s", dir, name);
    return 0;
}
