#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures how long the disk under a directory takes to make a small overwrite durable
/// (`fdatasync`), the cost every group commit pays once. Printed with the results so that
/// runs on a busy or quiet disk can be told apart.
enum FsyncProbe {
    /// Median and 90th percentile in milliseconds, or nil if the probe file failed.
    static func measure(in directory: String, samples: Int = 40) -> (median: Double, p90: Double)? {
        let path = directory + "/fsync-probe.tmp"
        let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        defer {
            close(descriptor)
            unlink(path)
        }
        let block = [UInt8](repeating: 0x5A, count: 16 * 1024)
        var durations: [Double] = []
        let clock = ContinuousClock()
        for index in 0 ..< samples {
            let written = block.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t((index % 4) * block.count)) }
            guard written == block.count else { return nil }
            let start = clock.now
            guard fdatasync(descriptor) == 0 else { return nil }
            let elapsed = clock.now - start
            durations.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        durations.sort()
        return (durations[durations.count / 2], durations[durations.count * 9 / 10])
    }
}
