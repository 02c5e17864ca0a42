#ifndef MARTLET_FUZZ_DRIVER_H
#define MARTLET_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, for programs that have a `main` of their own (LLVM's "Using libFuzzer
/// as a library"): parses libFuzzer's flags from argc/argv and runs `callback` on each input.
/// Provided by the libFuzzer runtime that `-sanitize=fuzzer` links.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
