/* screen_placeholder.c — what a tab shows before its own screen file has landed.
 * The frame uses it for any tab whose screen_X_ops is not linked in (see FX_SCREENS in screen.h). */
#include <stdio.h>

#include "app.h"
#include "screen.h"

static void placeholder_draw(struct app *app, struct rect body)
{
    char line[256];
    snprintf(line, sizeof line, "「%s」页面正在建设中", app_current_label(app));
    int y = body.y + body.h / 2 - 2;
    draw_text_pad(y, body.x, body.w, line, ROLE_FIGURE, 'c');
    draw_text_pad(y + 2, body.x, body.w, "这一页的功能还在编写，完成后会出现在这里。", ROLE_NORMAL, 'c');
    draw_text_pad(y + 3, body.x, body.w, "命令行已经可以使用的功能见 fenxiao --help。按 1 回到总览。", ROLE_DIM, 'c');
}

static int placeholder_key(struct app *app, int action, int is_key, wint_t ch)
{
    (void)is_key;
    (void)ch;
    if (action != ACT_NONE && action != ACT_HELP && action != ACT_QUIT) {
        app_status(app, "「%s」页面正在建设中，暂时不能使用这个功能", app_current_label(app));
        return SCR_HANDLED;
    }
    return SCR_UNHANDLED;
}

const struct screen_ops screen_placeholder_ops = {
    .name = "建设中",
    .actions = ACT_GLOBAL,
    .draw = placeholder_draw,
    .key = placeholder_key,
};
