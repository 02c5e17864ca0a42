#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's soft limit on open files (RLIMIT_NOFILE): read it, and raise it so that
/// thousands of connections can be open, as far as the hard limit allows.
public enum OpenFileLimit {
    /// Raises the soft limit to `wanted` (never above the hard limit, never lowering it).
    /// Returns the soft limit now in force; nil when it cannot be read.
    @discardableResult
    public static func raise(toAtLeast wanted: Int) -> Int? {
        guard var limit = read() else { return nil }
        let target = min(rlim_t(max(wanted, 0)), limit.rlim_max)
        if limit.rlim_cur < target {
            var raised = limit
            raised.rlim_cur = target
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        return count(limit.rlim_cur)
    }

    /// The current soft limit on open files, or nil if it cannot be read.
    public static var current: Int? {
        read().map { count($0.rlim_cur) }
    }

    /// The hard limit, which only a privileged process can raise; nil if it cannot be read.
    public static var hardLimit: Int? {
        read().map { count($0.rlim_max) }
    }

    private static func count(_ value: rlim_t) -> Int {
        value > rlim_t(Int.max) ? Int.max : Int(value)
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
