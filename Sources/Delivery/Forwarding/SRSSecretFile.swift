#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The SRS secret of a server: `srs.key` in its data folder, 32 random bytes made on first use.
/// Every node that reverses SRS addresses must share it (copy the file), and replacing it
/// invalidates the addresses of bounces still on their way.
public enum SRSSecretFile {
    /// The file's name in the data folder.
    public static let fileName = "srs.key"
    /// Bytes of a generated secret.
    public static let generatedLength = 32
    /// Shortest secret accepted from an existing file (a key shorter than 128 bits is too weak).
    public static let minimumLength = 16

    /// The secret in `srs.key` under `folder`. When the file does not exist it is created with
    /// 32 random bytes, mode 0600: written to a temporary file, fsynced, then published with
    /// link(2), which, unlike rename(2), never replaces a key that a concurrent first start
    /// published meanwhile (that key is then read and used). The folder is created if missing.
    public static func loadOrCreate(inDataFolder folder: URL) throws(SRSSecretFileError) -> [UInt8] {
        let path = folder.appendingPathComponent(fileName).path
        if let existing = try read(path) { return existing }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotWrite(path: folder.path, reason: "\(error)")
        }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<generatedLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        if try publish(secret, at: path, using: &generator) { return secret }
        guard let winner = try read(path) else { throw .cannotRead(path: path, reason: "it vanished after being created") }
        return winner
    }

    /// The file's bytes, or nil when it does not exist.
    private static func read(_ path: String) throws(SRSSecretFileError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw .cannotRead(path: path, reason: lastErrorText())
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = buffer.withUnsafeMutableBytes { readFromDescriptor(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: lastErrorText())
            }
            bytes += buffer[..<count]
            guard bytes.count <= 4096 else { throw .cannotRead(path: path, reason: "longer than 4096 bytes") }
        }
        guard bytes.count >= minimumLength else { throw .tooShort(path: path, length: bytes.count) }
        return bytes
    }

    /// Writes `secret` to a temporary file and links it as `path`; false when `path` already exists.
    private static func publish(_ secret: [UInt8], at path: String,
                                using generator: inout SystemRandomNumberGenerator) throws(SRSSecretFileError) -> Bool {
        let temporaryPath = path + ".tmp-\(UInt32.random(in: .min ... .max, using: &generator))"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotWrite(path: temporaryPath, reason: lastErrorText()) }
        defer { unlink(temporaryPath) }
        var failure: String?
        var written = 0
        while written < secret.count && failure == nil {
            let count = secret[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                written += count
            } else if count < 0 && errno != EINTR {
                failure = lastErrorText()
            }
        }
        // open() applied the umask; the mode must be exactly 0600.
        if failure == nil && fchmod(descriptor, 0o600) != 0 { failure = lastErrorText() }
        if failure == nil && fsync(descriptor) != 0 { failure = lastErrorText() }
        close(descriptor)
        if let failure { throw .cannotWrite(path: temporaryPath, reason: failure) }
        if link(temporaryPath, path) != 0 {
            if errno == EEXIST { return false }
            throw .cannotWrite(path: path, reason: lastErrorText())
        }
        let directory = (path as NSString).deletingLastPathComponent
        let directoryDescriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
        return true
    }

    private static func lastErrorText() -> String {
        String(cString: strerror(errno))
    }
}

/// `read(2)`, named so that `SRSSecretFile.read` does not shadow it.
private func readFromDescriptor(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// Why the SRS secret could not be loaded or created.
public enum SRSSecretFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key file exists but could not be read.
    case cannotRead(path: String, reason: String)
    /// The key file (or its folder) could not be created.
    case cannotWrite(path: String, reason: String)
    /// The key file holds fewer than ``SRSSecretFile/minimumLength`` bytes.
    case tooShort(path: String, length: Int)

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): "cannot read the SRS secret \(path): \(reason)"
        case .cannotWrite(let path, let reason): "cannot create the SRS secret \(path): \(reason)"
        case .tooShort(let path, let length):
            "the SRS secret \(path) has \(length) bytes; at least \(SRSSecretFile.minimumLength) are needed"
        }
    }
}
