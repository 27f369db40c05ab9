/* menu.h — for the callers not yet moved to course.h (the courses) and order.h (the orders), which now hold what
 * this declared. */
#ifndef FX_MENU_H
#define FX_MENU_H

#include "course.h"
#include "order.h"

#endif
