/// An address in the RFC 5321 / RFC 5322 `addr-spec` form: `local-part@domain`.
///
/// The local part is kept unquoted (quotes and backslash escapes removed); `description`
/// quotes it again when it is not a dot-atom. The domain is kept in its canonical form:
/// lower case, without a trailing dot. An address literal such as `[192.0.2.1]` is kept
/// with its brackets.
public struct EmailAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The local part without quoting, e.g. `john smith` for `"john smith"@example.org`.
    public let localPart: String
    /// The canonical domain: lower case, no trailing dot.
    public let domain: String

    /// Longest local part RFC 5321 §4.5.3.1.1 allows.
    public static let maximumLocalPartLength = 64
    /// Longest domain RFC 5321 §4.5.3.1.2 allows.
    public static let maximumDomainLength = 255

    /// Creates an address from parts that are already unquoted, checking both.
    public init(localPart: String, domain: String) throws(AddressSyntaxError) {
        guard !localPart.isEmpty else { throw .emptyLocalPart }
        guard localPart.utf8.count <= Self.maximumLocalPartLength else { throw .localPartTooLong }
        for scalar in localPart.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F {
            throw .invalidCharacter(Character(scalar))
        }
        self.localPart = localPart
        self.domain = try Self.canonicalDomain(domain)
    }

    /// Parses `local@domain` where the local part is a dot-atom or a quoted string
    /// (RFC 5321 §4.1.2 `Mailbox`). UTF-8 is allowed in both parts (RFC 6531).
    public init(parsing text: String) throws(AddressSyntaxError) {
        // The common case, an unquoted ASCII address, is split without copying scalars.
        let utf8 = text.utf8
        if utf8.first != UInt8(ascii: "\""), !utf8.contains(where: { $0 >= 0x80 }) {
            guard let at = utf8.lastIndex(of: UInt8(ascii: "@")) else { throw .missingAt }
            try self.init(localPart: try Self.dotAtomLocalPart(String(text[..<at])),
                          domain: String(text[utf8.index(after: at)...]))
            return
        }
        let scalars = Array(text.unicodeScalars)
        guard let at = scalars.lastIndex(of: "@") else { throw .missingAt }
        let localScalars = scalars[..<at]
        let domainText = String(String.UnicodeScalarView(scalars[(at + 1)...]))
        let local: String
        if localScalars.first == "\"" {
            local = try Self.unquote(localScalars)
        } else {
            local = try Self.dotAtomLocalPart(String(String.UnicodeScalarView(localScalars)))
        }
        try self.init(localPart: local, domain: domainText)
    }

    /// An unquoted local part, which must be a dot-atom.
    private static func dotAtomLocalPart(_ candidate: String) throws(AddressSyntaxError) -> String {
        guard isDotAtom(candidate) else {
            if candidate.isEmpty { throw .emptyLocalPart }
            throw .invalidLocalPart(candidate)
        }
        return candidate
    }

    /// The address as it is written in SMTP and in headers, quoting the local part if needed.
    public var description: String {
        let local = Self.isDotAtom(localPart) ? localPart : Self.quoted(localPart)
        return "\(local)@\(domain)"
    }

    /// A key for lookups: the local part lower-cased and the canonical domain.
    /// Local parts are case-sensitive in theory (RFC 5321 §2.4) but every mail
    /// system in use treats them as case-insensitive for its own accounts.
    public var lookupKey: String { "\(localPart.lowercased())@\(domain)" }

    // MARK: - Domains

    /// Lower-cases a domain and removes one trailing dot, checking its syntax
    /// (labels of letters, digits, hyphens or UTF-8, at most 63 octets each), or an
    /// address literal in brackets.
    public static func canonicalDomain(_ domain: String) throws(AddressSyntaxError) -> String {
        var name = domain
        if name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty else { throw .emptyDomain }
        guard name.utf8.count <= maximumDomainLength else { throw .domainTooLong }
        if name.hasPrefix("[") {
            guard name.hasSuffix("]"), name.count > 2 else { throw .invalidDomain(domain) }
            let inner = name.dropFirst().dropLast()
            for scalar in inner.unicodeScalars {
                // RFC 5321 §4.1.3: dtext for the literal (IPv4, "IPv6:" tag, general literal).
                guard scalar.value >= 33, scalar.value <= 126, scalar != "[", scalar != "]", scalar != "\\"
                else { throw .invalidDomain(domain) }
            }
            return "[" + inner.lowercased() + "]"
        }
        let lowered = name.lowercased()
        for label in lowered.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.utf8.count <= 63 else { throw .invalidDomain(domain) }
            guard label.first != "-", label.last != "-" else { throw .invalidDomain(domain) }
            for scalar in label.unicodeScalars {
                let ok = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
                    || scalar == "-" || scalar == "_" || scalar.value >= 0x80
                guard ok else { throw .invalidDomain(domain) }
            }
        }
        return lowered
    }

    // MARK: - Local parts

    /// RFC 5322 §3.2.3 `atext`, extended with UTF-8 by RFC 6532 §3.2.
    public static func isAtomText(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x80 { return true }
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": return true
        case "!", "#", "$", "%", "&", "'", "*", "+", "-", "/", "=", "?", "^", "_", "`", "{", "|", "}", "~":
            return true
        default: return false
        }
    }

    /// Whether `text` is a dot-atom: atoms separated by single dots, no leading or trailing dot.
    public static func isDotAtom(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        var previousWasDot = true
        for scalar in text.unicodeScalars {
            if scalar == "." {
                if previousWasDot { return false }
                previousWasDot = true
            } else {
                guard isAtomText(scalar) else { return false }
                previousWasDot = false
            }
        }
        return !previousWasDot
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        result.append("\"")
        return result
    }

    static func unquote(_ scalars: ArraySlice<Unicode.Scalar>) throws(AddressSyntaxError) -> String {
        guard scalars.count >= 2, scalars.last == "\"" else { throw .unterminatedQuotedString }
        var result = String.UnicodeScalarView()
        var index = scalars.startIndex + 1
        let end = scalars.endIndex - 1
        while index < end {
            let scalar = scalars[index]
            if scalar == "\\" {
                index += 1
                guard index < end else { throw .unterminatedQuotedString }
                result.append(scalars[index])
            } else if scalar == "\"" {
                throw .invalidLocalPart(String(String.UnicodeScalarView(scalars)))
            } else {
                result.append(scalar)
            }
            index += 1
        }
        return String(result)
    }
}

/// Why a text is not a valid address.
public enum AddressSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingAt
    case emptyLocalPart
    case emptyDomain
    case localPartTooLong
    case domainTooLong
    case invalidLocalPart(String)
    case invalidDomain(String)
    case invalidCharacter(Character)
    case unterminatedQuotedString

    public var description: String {
        switch self {
        case .missingAt: "the address has no '@'"
        case .emptyLocalPart: "the local part before '@' is empty"
        case .emptyDomain: "the domain after '@' is empty"
        case .localPartTooLong: "the local part is longer than 64 octets"
        case .domainTooLong: "the domain is longer than 255 octets"
        case .invalidLocalPart(let text): "'\(text)' is not a valid local part"
        case .invalidDomain(let text): "'\(text)' is not a valid domain"
        case .invalidCharacter(let character): "the address contains the control character \(character.unicodeScalars.first.map { "U+" + String($0.value, radix: 16, uppercase: true) } ?? "")"
        case .unterminatedQuotedString: "a quoted local part is not closed"
        }
    }
}
