import Foundation

extension ResolvConf {
    /// The most octets read from the file; a real resolv.conf is a few hundred.
    static let maximumFileLength = 65_536

    /// Reads and parses the file at `path` (normally /etc/resolv.conf).
    public init(contentsOfFile path: String = ResolvConf.standardPath) throws(ResolvConfReadError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path) }
        defer { try? handle.close() }
        let data: Data?
        do { data = try handle.read(upToCount: Self.maximumFileLength) } catch { throw .unreadable(path) }
        self.init(parsing: String(decoding: data ?? Data(), as: UTF8.self))
    }
}

/// Why resolv.conf could not be read.
public enum ResolvConfReadError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path)"
        }
    }
}
