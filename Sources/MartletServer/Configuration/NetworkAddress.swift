import NIOCore

/// An IP address and a TCP/UDP port, written `address:port`, IPv6 in brackets:
/// `0.0.0.0:25`, `[::1]:143`.
public struct NetworkAddress: Sendable, Hashable, CustomStringConvertible {
    /// The IP address literal, without brackets.
    public let host: String
    /// The port; 0 asks the system for a free port when listening.
    public let port: Int

    /// Creates an address from an IP literal and a port, or throws a reason.
    public init(host: String, port: Int) throws(NetworkAddressError) {
        guard (0...65535).contains(port) else { throw .portOutOfRange(port) }
        guard (try? SocketAddress(ipAddress: host, port: port)) != nil else { throw .notAnIPAddress(host) }
        self.host = host
        self.port = port
    }

    /// Parses `address:port` (IPv6 as `[address]:port`). If `defaultPort` is given, the
    /// port may be omitted.
    public init(parsing text: String, defaultPort: Int? = nil) throws(NetworkAddressError) {
        var hostPart: Substring
        var portPart: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .malformed(text) }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.first == ":" else { throw .malformed(text) }
                portPart = rest.dropFirst()
            }
        } else if let colon = text.lastIndex(of: ":") {
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            // An unbracketed IPv6 address has several colons: require brackets for clarity.
            guard !hostPart.contains(":") else { throw .ipv6NeedsBrackets(text) }
        } else {
            hostPart = text[...]
        }
        let port: Int
        if let portPart {
            guard !portPart.isEmpty, portPart.count <= 5, portPart.allSatisfy({ $0.isASCII && $0.isNumber }),
                let parsed = Int(portPart)
            else { throw .malformed(text) }
            port = parsed
        } else if let defaultPort {
            port = defaultPort
        } else {
            throw .missingPort(text)
        }
        try self.init(host: String(hostPart), port: port)
    }

    /// Whether the address is a loopback address (127.0.0.0/8 or ::1).
    public var isLoopback: Bool { Self.isLoopback(host: host) }

    /// Whether an IP address literal is a loopback address: 127.0.0.0/8, ::1, or 127/8
    /// mapped into IPv6 (::ffff:127.x.y.z, as a dual-stack socket reports IPv4 clients).
    public static func isLoopback(host: String) -> Bool {
        host == "::1" || host.hasPrefix("127.") || host.lowercased().hasPrefix("::ffff:127.")
    }

    /// `address:port`, IPv6 in brackets.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// Why a text is not an `address:port`.
public enum NetworkAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case missingPort(String)
    case ipv6NeedsBrackets(String)
    case notAnIPAddress(String)
    case portOutOfRange(Int)

    public var description: String {
        switch self {
        case .malformed(let text): return "\"\(text)\" is not of the form address:port"
        case .missingPort(let text): return "\"\(text)\" has no port (address:port)"
        case .ipv6NeedsBrackets(let text): return "\"\(text)\": write IPv6 addresses in brackets, e.g. [::1]:143"
        case .notAnIPAddress(let host): return "\"\(host)\" is not an IP address"
        case .portOutOfRange(let port): return "port \(port) is outside 0...65535"
        }
    }
}
