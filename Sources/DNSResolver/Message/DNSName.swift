/// A domain name as a sequence of labels (RFC 1035 §3.1), without the root label.
///
/// Labels are raw octets: DNS allows any byte in a label. Comparison and hashing ignore
/// ASCII case (RFC 4343), the original spelling is kept for display.
public struct DNSName: Sendable, Hashable, CustomStringConvertible {
    /// The longest label, in octets (RFC 1035 §2.3.4).
    public static let maximumLabelLength = 63
    /// The longest name in wire form, length octets and the root label included (RFC 1035 §2.3.4).
    public static let maximumWireLength = 255

    /// The labels from the leftmost (most specific) to the rightmost; empty for the root.
    public let labels: [[UInt8]]

    /// The root name ".".
    public static let root = DNSName(validatedLabels: [])

    /// Creates a name from labels, checking the label and name lengths.
    public init(labels: [[UInt8]]) throws(DNSNameError) {
        for label in labels {
            if label.isEmpty { throw .emptyLabel }
            if label.count > Self.maximumLabelLength { throw .labelTooLong(label.count) }
        }
        let length = Self.wireLength(of: labels)
        if length > Self.maximumWireLength { throw .nameTooLong(length) }
        self.labels = labels
    }

    /// Parses a name in presentation form: labels separated by dots, an optional final dot,
    /// `\.` and `\\` for a literal dot or backslash, `\DDD` for any octet. "." is the root.
    ///
    /// Internationalized names must be given as A-labels (`xn--…`): other non-ASCII text is refused.
    public init(_ text: String) throws(DNSNameError) {
        if text == "." { self = .root; return }
        var labels: [[UInt8]] = []
        var label: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        if bytes.isEmpty { throw .emptyName }
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "."):
                if label.isEmpty { throw .emptyLabel }
                labels.append(label)
                label = []
            case UInt8(ascii: "\\"):
                label.append(try Self.unescape(&bytes))
            case 0x80...:
                throw .notASCII(text)
            default:
                label.append(byte)
            }
        }
        if !label.isEmpty { labels.append(label) }
        try self.init(labels: labels)
    }

    /// Creates a name from labels already known to be valid (decoder and internal use).
    init(validatedLabels: [[UInt8]]) {
        self.labels = validatedLabels
    }

    /// Whether this is the root name.
    public var isRoot: Bool { labels.isEmpty }

    /// The length of the name in uncompressed wire form.
    public var wireLength: Int { Self.wireLength(of: labels) }

    /// The name with ASCII letters in lower case, as used for comparisons.
    public func lowercased() -> DNSName {
        DNSName(validatedLabels: labels.map { $0.map(Self.lowercase) })
    }

    /// This name followed by `suffix` (for example a reversed address followed by a zone).
    public func appending(_ suffix: DNSName) throws(DNSNameError) -> DNSName {
        try DNSName(labels: labels + suffix.labels)
    }

    /// Whether this name equals `ancestor` or lies below it.
    public func isSubdomain(of ancestor: DNSName) -> Bool {
        guard ancestor.labels.count <= labels.count else { return false }
        return DNSName(validatedLabels: Array(labels.suffix(ancestor.labels.count))) == ancestor
    }

    /// Presentation form without the final dot ("." for the root); dots, backslashes and
    /// octets outside printable ASCII inside a label are escaped.
    public var description: String {
        if labels.isEmpty { return "." }
        return labels.map(Self.presentation(of:)).joined(separator: ".")
    }

    public static func == (left: DNSName, right: DNSName) -> Bool {
        guard left.labels.count == right.labels.count else { return false }
        for (leftLabel, rightLabel) in zip(left.labels, right.labels) {
            guard leftLabel.count == rightLabel.count else { return false }
            for (a, b) in zip(leftLabel, rightLabel) where lowercase(a) != lowercase(b) { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(labels.count)
        for label in labels {
            hasher.combine(label.count)
            for byte in label { hasher.combine(Self.lowercase(byte)) }
        }
    }

    static func lowercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 0x20 : byte
    }

    private static func wireLength(of labels: [[UInt8]]) -> Int {
        labels.reduce(1) { $0 + 1 + $1.count }
    }

    /// Reads the rest of an escape after a backslash: one character or three decimal digits.
    private static func unescape(_ bytes: inout ArraySlice<UInt8>) throws(DNSNameError) -> UInt8 {
        guard let first = bytes.popFirst() else { throw .badEscape }
        guard isDigit(first) else {
            if first >= 0x80 { throw .badEscape }
            return first
        }
        guard let second = bytes.popFirst(), let third = bytes.popFirst(), isDigit(second), isDigit(third)
        else { throw .badEscape }
        let value = Int(first - 0x30) * 100 + Int(second - 0x30) * 10 + Int(third - 0x30)
        guard value <= 255 else { throw .badEscape }
        return UInt8(value)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func presentation(of label: [UInt8]) -> String {
        var text = ""
        for byte in label {
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "\\"):
                text += "\\" + String(UnicodeScalar(byte))
            case 0x21...0x7E:
                text.append(Character(UnicodeScalar(byte)))
            default:
                let digits = String(byte)
                text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            }
        }
        return text
    }
}

/// Why a text or a list of labels is not a valid domain name.
public enum DNSNameError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyName
    case emptyLabel
    case labelTooLong(Int)
    case nameTooLong(Int)
    case badEscape
    case notASCII(String)

    public var description: String {
        switch self {
        case .emptyName: "the domain name is empty"
        case .emptyLabel: "the domain name has an empty label (two dots in a row, or a leading dot)"
        case .labelTooLong(let length): "a label is \(length) octets long; at most \(DNSName.maximumLabelLength) are allowed"
        case .nameTooLong(let length):
            "the name is \(length) octets long in wire form; at most \(DNSName.maximumWireLength) are allowed"
        case .badEscape: "a backslash escape must be \\ followed by one character or three decimal digits up to 255"
        case .notASCII(let text): "\"\(text)\" is not ASCII; convert internationalized names to A-labels (xn--) first"
        }
    }
}
