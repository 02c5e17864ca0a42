#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a crash leaves either the old file or the complete new one:
/// a temporary file in the same directory is written with its final mode, fsynced,
/// renamed over the target, and the directory is fsynced.
enum AtomicFileWriter {
    /// Creates `path` (and its parents) with `mode` if it does not exist.
    static func createDirectory(_ path: String, mode: mode_t) throws(TLSSetupError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, mode) != 0 && errno != EEXIST {
                throw .cannotWrite(path: prefix, reason: lastErrorText())
            }
        }
    }

    /// Replaces the file at `path` with `bytes`, created with permission bits `mode`.
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws(TLSSetupError) {
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        var generator = SystemRandomNumberGenerator()
        let temporaryPath = path + ".tmp-\(UInt32.random(in: .min ... .max, using: &generator))"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .cannotWrite(path: temporaryPath, reason: lastErrorText()) }
        var written = 0
        var failure: String?
        while written < bytes.count && failure == nil {
            let result = bytes[written...].withUnsafeBytes { writeToDescriptor(descriptor, $0.baseAddress, $0.count) }
            if result > 0 {
                written += result
            } else if result < 0 && errno != EINTR {
                failure = lastErrorText()
            }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = lastErrorText() }
        close(descriptor)
        // open() applied the umask; set the exact mode asked for.
        if failure == nil && chmod(temporaryPath, mode) != 0 { failure = lastErrorText() }
        if failure == nil && rename(temporaryPath, path) != 0 { failure = lastErrorText() }
        if let failure {
            unlink(temporaryPath)
            throw .cannotWrite(path: path, reason: failure)
        }
        let directoryDescriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private static func lastErrorText() -> String {
        String(cString: strerror(errno))
    }
}

/// `write(2)`, named so that `AtomicFileWriter.write` does not shadow it.
private func writeToDescriptor(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
