#include "HealthSource.h"
