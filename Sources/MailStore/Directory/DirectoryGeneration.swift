import Atomics
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A counter in a small file of the data directory, mapped into memory by every process that
/// opens the store, and advanced by each of them after it changes the directory (domains,
/// accounts, credentials, quota limits, aliases).
///
/// It lets the server keep what it learnt from the directory (a recipient's route) and still
/// see an administrator's change at once: reading the counter is one memory load, no system
/// call and no database read, so it can be done on an event loop for every RCPT. An admin
/// command (another process) commits its change, then advances the counter; a reader takes
/// the counter *before* it looks something up and keeps the answer under that value, so an
/// answer that may predate a change is never kept under the value that follows it.
final class DirectoryGeneration: Sendable {
    /// The mapped counter; nil when the file could not be mapped (then ``current`` is nil and
    /// nothing may be cached).
    private let counter: UnsafeAtomic<UInt64>?
    /// The mapping, unmapped by `deinit` (the only other use of it).
    private nonisolated(unsafe) let mapping: UnsafeMutableRawPointer?

    private static let mappedLength = 8

    /// Maps the counter file at `path`, creating it (zero) when missing.
    init(path: String) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o660)
        guard descriptor >= 0 else {
            counter = nil
            mapping = nil
            return
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0,
              status.st_size >= Self.mappedLength || ftruncate(descriptor, off_t(Self.mappedLength)) == 0,
              let address = mmap(nil, Self.mappedLength, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0),
              address != MAP_FAILED else {
            counter = nil
            mapping = nil
            return
        }
        mapping = address
        // The mapping is page-aligned, so the 8-byte counter at its start is aligned.
        counter = UnsafeAtomic(at: address.assumingMemoryBound(to: UnsafeAtomic<UInt64>.Storage.self))
    }

    deinit {
        if let mapping { munmap(mapping, Self.mappedLength) }
    }

    /// The current value; nil when the counter is unavailable.
    var current: UInt64? {
        counter?.load(ordering: .acquiring)
    }

    /// Advances the counter: called after a directory change has committed.
    func advance() {
        counter?.wrappingIncrement(ordering: .releasing)
    }
}
