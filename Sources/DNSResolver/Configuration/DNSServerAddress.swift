/// The address of a DNS server: an IP address and a port.
public struct DNSServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// The port DNS servers listen on unless told otherwise.
    public static let standardPort: UInt16 = 53

    public var address: IPAddress
    public var port: UInt16

    public init(address: IPAddress, port: UInt16 = DNSServerAddress.standardPort) {
        self.address = address
        self.port = port
    }

    /// Parses "192.0.2.1", "192.0.2.1:5353", "2001:db8::1", or "[2001:db8::1]:5353"; without a
    /// port the server is on port 53. Host names are refused: a resolver cannot need itself
    /// to find its server.
    public init(parsing text: String) throws(DNSServerAddressError) {
        var host = Substring(text)
        var portText: Substring?
        if host.first == "[" {
            guard let close = host.firstIndex(of: "]") else { throw .malformed(text) }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.first == ":" else { throw .malformed(text) }
                portText = rest.dropFirst()
            }
        } else if let colon = host.firstIndex(of: ":"), host.lastIndex(of: ":") == colon {
            // One colon: IPv4 with a port. More than one: a bare IPv6 address.
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard let address = IPAddress(String(host)) else { throw .notAnIPAddress(String(host)) }
        var port = Self.standardPort
        if let portText {
            guard portText.allSatisfy({ ("0"..."9").contains($0) }), let number = UInt16(portText), number != 0 else {
                throw .badPort(String(portText))
            }
            port = number
        }
        self.init(address: address, port: port)
    }

    /// "address:port", IPv6 in brackets.
    public var description: String {
        address.family == .ipv6 ? "[\(address)]:\(port)" : "\(address):\(port)"
    }
}

/// Why a text is not a DNS server address.
public enum DNSServerAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case notAnIPAddress(String)
    case badPort(String)

    public var description: String {
        switch self {
        case .malformed(let text): "\"\(text)\" is not of the form address, address:port or [IPv6]:port"
        case .notAnIPAddress(let host): "\"\(host)\" is not an IP address"
        case .badPort(let port): "\"\(port)\" is not a port number between 1 and 65535"
        }
    }
}
