import Logging
import Locking

/// Installs ``MartletLogHandler`` as the process's swift-log backend.
public enum MartletLogging {
    private static let bootstrapped = Locked(false)

    /// Makes every `Logger` write readable lines to stderr at `level` and above. swift-log
    /// allows one bootstrap per process; later calls change nothing and return `false`.
    @discardableResult
    public static func bootstrap(level: Logger.Level, output: @escaping MartletLogHandler.Output = StandardErrorOutput.write) -> Bool {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return false }
        LoggingSystem.bootstrap { label in
            MartletLogHandler(label: label, level: level, output: output)
        }
        return true
    }
}
