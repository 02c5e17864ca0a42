import FuzzDriver

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs libFuzzer with this process's arguments on `target`, then exits with its status.
///
/// SwiftPM links an executable target with `main` bound to the module's own entry point, so
/// libFuzzer's `main` can never be the program's: each target's `main.swift` calls this
/// instead, which hands control to libFuzzer's driver (`LLVMFuzzerRunDriver`, LLVM's "Using
/// libFuzzer as a library") with the same flags and corpus arguments.
public func runFuzzer(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
}
