/* rex-render.h — the render layer's public headers in one include. */
#pragma once

#include "rex-model.h"
#include "rex-chart-spec.h"
#include "rex-chart-style.h"
#include "rex-scale.h"
#include "rex-chart.h"
#include "rex-export.h"
#include "rex-region-facts.h"
#include "rex-value-format.h"
