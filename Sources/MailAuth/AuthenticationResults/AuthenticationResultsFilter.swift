import MailCore

/// Removes Authentication-Results fields that claim to come from this receiver before it
/// adds its own (RFC 8601 §5): a sender could otherwise forge results under our name.
public enum AuthenticationResultsFilter {
    /// The largest number of header fields looked at; enough that no field can hide past it.
    public static let maximumHeaderFields = 100_000

    /// The header section (or whole message) with every Authentication-Results field whose
    /// authserv-id equals `authservID` removed, continuation lines included. The id is
    /// compared without regard to ASCII case or a final dot, after comments, whitespace and
    /// quoting around it are read away. Every other byte, other fields and the body
    /// included, is kept as it was.
    public static func removingFieldsClaiming(authservID: String, from headerSection: [UInt8]) -> [UInt8] {
        let ours = comparisonForm(authservID)
        let header = MessageHeader(parsing: headerSection, maximumFields: maximumHeaderFields)
        let forged = header.fields(named: AuthenticationResultsField.name).filter { field in
            var scanner = AuthenticationResultsScanner(header.rawValue(of: field))
            guard let claimed = AuthenticationResultsParser.readAuthservID(&scanner) else { return false }
            return comparisonForm(claimed.authservID) == ours
        }
        guard !forged.isEmpty else { return headerSection }
        var output = [UInt8]()
        output.reserveCapacity(headerSection.count)
        var kept = 0
        for field in forged {
            output.append(contentsOf: headerSection[kept..<field.range.lowerBound])
            kept = field.range.upperBound
        }
        output.append(contentsOf: headerSection[kept...])
        return output
    }

    /// The id in ASCII lower case without a final dot.
    private static func comparisonForm(_ id: String) -> String {
        var bytes = Array(id.utf8).map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + 0x20 : $0 }
        if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
