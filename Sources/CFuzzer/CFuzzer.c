// Empty: the module only declares LLVMFuzzerRunDriver (include/CFuzzer.h).
#include "CFuzzer.h"
