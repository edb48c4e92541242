// libFuzzer's driver, called from each target's entry point. SwiftPM links every executable
// with `--defsym main=<Target>_main`, so libFuzzer's own main is never used: each target defines
// <Target>_main and hands its test function to the driver.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test)(const uint8_t *data, size_t size));
