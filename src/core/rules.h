// Every leaving care rule in one include, for callers that use several:
// categories, histories, keeping in touch, pathway plans and validation.
#pragma once

#include "core/category.h"
#include "core/histories.h"
#include "core/keeping_in_touch.h"
#include "core/plans.h"
#include "core/validate.h"
