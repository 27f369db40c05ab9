/* render_dirs.c — the desktop's own folders as the user named them (~/.config/user-dirs.dirs, read by GLib),
 * part of the output module because GLib comes with pango: core asks through plugin_symbol. */
#include <glib.h>
#include <string.h>

#include "plugin.h"
#include "text.h"

int fxp_documents_dir(char *out, size_t outsz)
{
    g_reload_user_special_dirs_cache();
    const char *dir = g_get_user_special_dir(G_USER_DIRECTORY_DOCUMENTS);
    const char *home = g_get_home_dir();
    /* An unset documents folder may come back as the home folder itself: that is no answer. */
    if (!dir || dir[0] != '/' || (home && !strcmp(dir, home)))
        return -1;
    return text_copy(out, outsz, dir) ? 0 : -1;
}
