// Declarations only: LLVMFuzzerRunDriver comes from libFuzzer, linked by `-sanitize=fuzzer`.
// SwiftPM needs one source file for a C target.
#include "CFuzzerDriver.h"
