// libFuzzer's entry point for programs that keep their own main (see Sources/Fuzz). Defined only
// when linked with -sanitize=fuzzer; a normal build declares it and never calls it.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
