/* pool.h — for the callers not yet moved to venue.h and teacher.h, which now hold what this declared. */
#ifndef FX_POOL_H
#define FX_POOL_H

#include "branch.h"
#include "teacher.h"
#include "venue.h"

#endif
