/* roster.h — for the callers not yet moved to member.h, branch.h, teacher.h and venue.h, which now hold what this
 * declared. */
#ifndef FX_ROSTER_H
#define FX_ROSTER_H

#include "member.h"

#endif
