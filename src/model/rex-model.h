/* rex-model.h — the model layer's public headers in one include. */
#pragma once

#include "rex-model-types.h"
#include "rex-source.h"
#include "rex-metric.h"
#include "rex-series.h"
#include "rex-region.h"
#include "rex-transport-circle.h"
#include "rex-dataset.h"
#include "rex-region-registry.h"
#include "rex-table-import.h"
