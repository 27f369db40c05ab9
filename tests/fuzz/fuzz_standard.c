/* fuzz_standard.c — libFuzzer target for the standard-file loader.
 * Any bytes must load or be refused with a message; never crash or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "standard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/fx-fuzz-standard-%d.ini", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    struct standard std;
    struct fx_error err;
    memset(&err, 0, sizeof err);
    if (standard_load(path, &std, &err) == 0) {
        if (!std.title[0] || std.nitems < 0)
            abort();
        for (int i = 0; i < std.nitems; i++)
            if (!std.items[i].title[0])
                abort();
        standard_free(&std);
    } else if (!err.msg[0]) {
        abort(); /* a refusal always says why */
    }
    unlink(path);
    return 0;
}
