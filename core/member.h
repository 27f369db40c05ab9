/* member.h — for the callers not yet moved to record.h (the training record) and branch.h, which now hold what
 * this declared. */
#ifndef FX_MEMBER_H
#define FX_MEMBER_H

#include "branch.h"
#include "record.h"

#endif
