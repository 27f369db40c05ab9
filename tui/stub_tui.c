/* stub_tui.c — placeholder until the screens land (issue 3). */
#include <stdio.h>
#include "cli.h"
int tui_run(struct cli *cli)
{
    (void)cli;
    fputs("fenxiao: 全屏界面尚未完成\n", stderr);
    return 1;
}
