/* error.c — filling struct fx_error.
 * Messages are formatted into fixed buffers so an error path never allocates. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void fx_clear(struct fx_error *err)
{
    if (!err)
        return;
    err->code = FX_OK;
    err->field[0] = err->msg[0] = err->detail[0] = '\0';
}

static int fail_v(struct fx_error *err, int code, const char *field, const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    /* Formatted aside first: a caller may pass err->msg itself as an argument ("…无效：%s", err->msg). */
    char msg[sizeof err->msg];
    vsnprintf(msg, sizeof msg, fmt, ap);
    memcpy(err->msg, msg, sizeof msg);
    err->detail[0] = '\0';
    return code;
}

int fx_fail(struct fx_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_v(err, code, NULL, fmt, ap);
    va_end(ap);
    return code;
}

int fx_fail_field(struct fx_error *err, int code, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_v(err, code, field, fmt, ap);
    va_end(ap);
    return code;
}

void fx_detail(struct fx_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->detail, sizeof err->detail, fmt, ap);
    va_end(ap);
}

int fx_exit_status(int code)
{
    switch (code) {
    case FX_OK: case FX_NO: case FX_EUSAGE: case FX_EINPUT:
    case FX_ELOCKED: case FX_EFS: case FX_ECLOSED:
        return code;
    case FX_ENOTFOUND:
        return FX_EINPUT;
    default:
        return 1;
    }
}
