import FuzzSupport

// libFuzzer runs `fuzz` (this target's LLVMFuzzerTestOneInput) with the command line's flags.
// A closure, not `fuzz` itself: a C pointer to a `@_cdecl` function would define its symbol twice.
runFuzzer { data, size in fuzz(data, size) }
