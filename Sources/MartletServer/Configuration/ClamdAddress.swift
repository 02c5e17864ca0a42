import Foundation

/// Where clamd listens: its `TCPSocket`/`TCPAddr`, or its `LocalSocket`. Written
/// `address:port` or `unix:/path/to/socket` in the configuration.
public enum ClamdAddress: Sendable, Hashable, CustomStringConvertible {
    case tcp(NetworkAddress)
    case unixSocket(path: String)

    /// The longest UNIX socket path the kernel takes (`sun_path` is 108 bytes with its NUL).
    static let maximumSocketPathLength = 107

    /// Parses `unix:PATH` (a relative path is taken inside `directory`) or `address:port`;
    /// throws a reason.
    init(parsing text: String, relativeTo directory: URL) throws(ClamdAddressError) {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst("unix:".count))
            guard !path.isEmpty else { throw .emptySocketPath }
            let absolute = PathResolution.absolute(path, relativeTo: directory)
            guard absolute.utf8.count <= Self.maximumSocketPathLength else { throw .socketPathTooLong(absolute) }
            self = .unixSocket(path: absolute)
            return
        }
        let address: NetworkAddress
        do {
            address = try NetworkAddress(parsing: text)
        } catch {
            throw .network(error)
        }
        guard address.port != 0 else { throw .zeroPort(text) }
        self = .tcp(address)
    }

    /// `address:port` or `unix:/path`.
    public var description: String {
        switch self {
        case .tcp(let address): return address.description
        case .unixSocket(let path): return "unix:\(path)"
        }
    }
}

/// Why a text is not a clamd address.
public enum ClamdAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptySocketPath
    case socketPathTooLong(String)
    case zeroPort(String)
    case network(NetworkAddressError)

    public var description: String {
        switch self {
        case .emptySocketPath:
            return "\"unix:\" needs the socket's path, e.g. unix:/run/clamav/clamd.ctl"
        case .socketPathTooLong(let path):
            return "\(path) is longer than \(ClamdAddress.maximumSocketPathLength) bytes, the limit of a UNIX socket address"
        case .zeroPort(let text):
            return "\"\(text)\": clamd cannot listen on port 0"
        case .network(let error):
            return "\(error); write address:port or unix:/path/to/socket"
        }
    }
}
