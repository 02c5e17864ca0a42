#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Raises the soft limit on open files, so thousands of sessions can be opened.
enum FileDescriptorLimit {
    /// Raises the soft limit to `wanted` (never above the hard limit, never lowering it).
    static func raise(toAtLeast wanted: Int) {
        guard var limit = read() else { return }
        let target = min(rlim_t(max(wanted, 0)), limit.rlim_max)
        guard limit.rlim_cur < target else { return }
        limit.rlim_cur = target
        _ = setrlimit(resource, &limit)
    }

    /// The current soft limit on open files, or nil if it cannot be read.
    static var current: Int? {
        guard let limit = read() else { return nil }
        return limit.rlim_cur > rlim_t(Int.max) ? Int.max : Int(limit.rlim_cur)
    }

    #if canImport(Glibc)
    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resource = RLIMIT_NOFILE
    #endif

    private static func read() -> rlimit? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        return limit
    }
}
