/// What a server advertised in its reply to EHLO (RFC 5321 §4.1.1.1): the service extensions
/// the client may use. After HELO, or before any hello, nothing is advertised.
public struct SMTPServerCapabilities: Sendable, Hashable {
    /// Whether the server answered EHLO (rather than only HELO).
    public var isExtended = false
    /// PIPELINING (RFC 2920).
    public var pipelining = false
    /// Whether SIZE (RFC 1870) was advertised, so the SIZE parameter may be sent.
    public var sizeDeclared = false
    /// The largest message the server accepts, from `SIZE n`; `nil` when SIZE is absent, has no
    /// number or has 0 (no fixed limit, RFC 1870 §4). A number beyond `Int.max` is `Int.max`.
    public var maximumMessageSize: Int?
    /// 8BITMIME (RFC 6152).
    public var eightBitMIME = false
    /// SMTPUTF8 (RFC 6531).
    public var smtpUTF8 = false
    /// DSN (RFC 3461): NOTIFY, ORCPT, RET and ENVID may be sent.
    public var deliveryStatusNotifications = false
    /// ENHANCEDSTATUSCODES (RFC 2034).
    public var enhancedStatusCodes = false
    /// STARTTLS (RFC 3207).
    public var startTLS = false
    /// CHUNKING (RFC 3030).
    public var chunking = false
    /// BINARYMIME (RFC 3030 §3).
    public var binaryMIME = false
    /// The SASL mechanisms of AUTH (RFC 4954), upper-cased, in the server's order.
    public var authenticationMechanisms: [String] = []
    /// Every keyword advertised, upper-cased, in order (for logs).
    public var keywords: [String] = []

    /// Most AUTH mechanisms kept: a hostile server's list cannot grow without bound.
    static let maximumMechanismCount = 32

    /// Nothing advertised (after HELO).
    public init() {}

    /// The capabilities in a positive reply to EHLO: every line after the first is a keyword
    /// with optional parameters (RFC 5321 §4.1.1.1). Unknown keywords are kept in
    /// ``keywords`` only; keywords are case-insensitive.
    public init(ehloReply reply: SMTPReply) {
        isExtended = true
        for line in reply.lines.dropFirst() {
            var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard var keyword = words.first?.uppercased() else { continue }
            words.removeFirst()
            // The pre-standard `AUTH=PLAIN LOGIN` form some servers still send beside `AUTH`.
            if keyword.hasPrefix("AUTH=") {
                words.insert(String(keyword.dropFirst(5)), at: 0)
                keyword = "AUTH"
            }
            if !keywords.contains(keyword) { keywords.append(keyword) }
            apply(keyword: keyword, parameters: words)
        }
    }

    private mutating func apply(keyword: String, parameters: [String]) {
        switch keyword {
        case "PIPELINING": pipelining = true
        case "SIZE":
            sizeDeclared = true
            maximumMessageSize = parameters.first.flatMap(Self.sizeLimit)
        case "8BITMIME": eightBitMIME = true
        case "SMTPUTF8": smtpUTF8 = true
        case "DSN": deliveryStatusNotifications = true
        case "ENHANCEDSTATUSCODES": enhancedStatusCodes = true
        case "STARTTLS": startTLS = true
        case "CHUNKING": chunking = true
        case "BINARYMIME": binaryMIME = true
        case "AUTH":
            for mechanism in parameters.map({ $0.uppercased() })
            where authenticationMechanisms.count < Self.maximumMechanismCount && !authenticationMechanisms.contains(mechanism) {
                authenticationMechanisms.append(mechanism)
            }
        default: break
        }
    }

    /// The limit of `SIZE n`: `nil` for 0 or a parameter that is not a number.
    private static func sizeLimit(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        let digits = text.drop(while: { $0 == "0" })
        guard !digits.isEmpty else { return nil }
        return Int(digits) ?? Int.max
    }
}
