/* render_file.c — a report model into a file through the one writer (outfile.h):
 * the old file stays as it was until the new one is complete and on disk. */
#include <stdio.h>

#include "outfile.h"
#include "render.h"

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
