#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Locking

/// A child process started with `posix_spawn`, which the tests use instead of Foundation's
/// `Process`.
///
/// On Linux, `Process.run()` looks for the highest open descriptor by copying 256 bytes of
/// every `/proc/self/fd` entry, past the end of short entries (swift-corelibs-foundation
/// #5472, fixed after this toolchain). With a thousand or so descriptors open, as the suite
/// has while many stores and servers run in parallel, that read can cross into an unmapped
/// page and crash the whole test process. Here the child closes every descriptor from 3 up
/// itself (`posix_spawn_file_actions_addclosefrom_np`, glibc 2.34).
public final class SpawnedProcess: Sendable {
    /// How a child ended.
    public enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    public let processIdentifier: pid_t
    private let ending = Locked<Ending?>(nil)
    /// Left once the child has ended and `ending` is set.
    private let exited = DispatchGroup()

    /// Starts `executable` with `arguments` (its argv[0] is the executable's path) and
    /// `environment` (the test process's when nil). The descriptors given become its
    /// standard input, output and error; nil means /dev/null. Nothing else is inherited.
    public init(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                standardInput: Int32? = nil, standardOutput: Int32? = nil, standardError: Int32? = nil) throws {
        let path = executable.path
        let nullDevice = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard nullDevice >= 0 else { throw SpawnError.failed("open /dev/null", errno) }
        defer { close(nullDevice) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, source) in [(STDIN_FILENO, standardInput), (STDOUT_FILENO, standardOutput), (STDERR_FILENO, standardError)] {
            let result = posix_spawn_file_actions_adddup2(&actions, source ?? nullDevice, target)
            guard result == 0 else { throw SpawnError.failed("posix_spawn_file_actions_adddup2", result) }
        }
        guard let closeFrom = Self.addCloseFrom else { throw SpawnError.failed("posix_spawn_file_actions_addclosefrom_np", ENOSYS) }
        let closing = closeFrom(&actions, 3)
        guard closing == 0 else { throw SpawnError.failed("posix_spawn_file_actions_addclosefrom_np", closing) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group (as Foundation does), and no signal blocked that the
        // spawning thread happened to block.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))

        let environmentLines = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = Self.cStrings([path] + arguments)
        let envp = Self.cStrings(environmentLines)
        defer {
            Self.free(argv)
            Self.free(envp)
        }
        var spawned = pid_t()
        let result = posix_spawn(&spawned, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw SpawnError.failed("posix_spawn \(path)", result) }
        let pid = spawned
        processIdentifier = pid

        exited.enter()
        let thread = Thread { [ending, exited] in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
            // WIFSIGNALED / WTERMSIG / WEXITSTATUS, which Swift does not import (macros).
            let signal = status & 0x7F
            ending.withLock { $0 = signal != 0 ? .signalled(signal) : .exited((status >> 8) & 0xFF) }
            exited.leave()
        }
        thread.name = "spawned-\(pid)"
        thread.start()
    }

    /// Whether the child still runs (or has ended and not been reaped yet).
    public var isRunning: Bool { ending.withLock { $0 == nil } }

    /// How the child ended; nil while it runs.
    public var ended: Ending? { ending.withLock { $0 } }

    /// The exit status, or the signal's number when a signal ended it (0 while it runs).
    public var terminationStatus: Int32 {
        switch ending.withLock({ $0 }) {
        case .exited(let status), .signalled(let status): status
        case nil: 0
        }
    }

    /// Blocks until the child has ended, at most `timeout` seconds; returns whether it has.
    /// Never call it from one of Swift concurrency's threads.
    @discardableResult
    public func waitUntilExit(timeout: TimeInterval = 3_600) -> Bool {
        exited.wait(timeout: .now() + timeout) == .success
    }

    /// Sends a signal.
    public func signal(_ number: Int32) {
        kill(processIdentifier, number)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34), which the Glibc module does
    /// not import: its declaration is behind a feature macro.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    private static func cStrings(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        let buffer = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: strings.count + 1)
        for (index, string) in strings.enumerated() { buffer[index] = strdup(string) }
        buffer[strings.count] = nil
        return buffer
    }

    private static func free(_ buffer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) {
        var index = 0
        while let string = buffer[index] {
            Glibc.free(string)
            index += 1
        }
        buffer.deallocate()
    }
}

public enum SpawnError: Error, CustomStringConvertible {
    case failed(String, Int32)

    public var description: String {
        switch self {
        case .failed(let what, let code): "\(what) failed: \(String(cString: strerror(code)))"
        }
    }
}
