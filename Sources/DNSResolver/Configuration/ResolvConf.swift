/// What the resolver needs from resolv.conf(5): nameservers and the timeout and attempts options.
/// Other lines (search, domain, sortlist, other options) do not apply to a mail server's
/// lookups of fully qualified names and are skipped.
public struct ResolvConf: Sendable, Equatable {
    /// The usual location of the file.
    public static let standardPath = "/etc/resolv.conf"
    /// The server the C library uses when the file names none.
    public static let defaultNameserver = IPAddress(validatedBytes: [127, 0, 0, 1])
    /// The most nameservers kept, as resolv.conf(5) documents (MAXNS).
    public static let maximumNameservers = 3

    /// The nameservers in file order, on port 53. Link-local IPv6 addresses with a zone
    /// ("fe80::1%eth0") and unparsable lines are skipped.
    public var nameservers: [DNSServerAddress]
    /// `options timeout:N`, capped at 30 seconds as the C library does.
    public var timeoutSeconds: Int?
    /// `options attempts:N`, capped at 5 as the C library does.
    public var attempts: Int?

    public init(nameservers: [DNSServerAddress] = [], timeoutSeconds: Int? = nil, attempts: Int? = nil) {
        self.nameservers = nameservers
        self.timeoutSeconds = timeoutSeconds
        self.attempts = attempts
    }

    /// Parses the content of a resolv.conf file. Never fails: what cannot be understood is skipped.
    public init(parsing content: String) {
        self.init(nameservers: [])
        for line in content.split(whereSeparator: \.isNewline) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = words.first, !keyword.hasPrefix("#"), !keyword.hasPrefix(";") else { continue }
            let arguments = words.dropFirst().prefix { !$0.hasPrefix("#") && !$0.hasPrefix(";") }
            switch keyword {
            case "nameserver":
                guard nameservers.count < Self.maximumNameservers, let text = arguments.first,
                      let address = IPAddress(String(text)) else { continue }
                nameservers.append(DNSServerAddress(address: address))
            case "options":
                for option in arguments { apply(option: option) }
            default:
                continue
            }
        }
    }

    private mutating func apply(option: Substring) {
        let parts = option.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let value = Int(parts[1]), value >= 0 else { return }
        switch parts[0] {
        case "timeout": timeoutSeconds = min(max(value, 1), 30)
        case "attempts": attempts = min(max(value, 1), 5)
        default: break
        }
    }
}
