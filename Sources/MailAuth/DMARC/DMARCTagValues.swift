/// Reading the values of DMARC record tags (RFC 7489 §6.3, §6.4); nil means invalid.
enum DMARCTagValues {
    static func policy(_ value: String?, missing: DMARCRecordProblem,
                       invalid: (String) -> DMARCRecordProblem) throws(DMARCRecordProblem) -> DMARCPolicy {
        guard let value else { throw missing }
        guard let policy = DMARCPolicy(rawValue: value.lowercased()) else { throw invalid(value) }
        return policy
    }

    static func alignment(_ value: String) -> DMARCAlignmentMode? {
        DMARCAlignmentMode(rawValue: value.lowercased())
    }

    /// An integer from 0 to 100.
    static func percentage(_ value: String) -> Int? {
        guard value.count <= 3, value.allSatisfy(\.isASCIIDigit), let number = Int(value), number <= 100 else { return nil }
        return number
    }

    /// `0`, `1`, `d`, `s` separated by colons; nil when any is something else.
    static func failureReportingOptions(_ value: String) -> [DMARCFailureReportingOption]? {
        var options = [DMARCFailureReportingOption]()
        for part in value.split(separator: ":", omittingEmptySubsequences: false) {
            guard let option = DMARCFailureReportingOption(rawValue: trimmed(part).lowercased()) else { return nil }
            if !options.contains(option) { options.append(option) }
        }
        return options
    }

    /// Report format keywords separated by colons; nil when one is not a keyword.
    static func reportFormats(_ value: String) -> [String]? {
        var formats = [String]()
        for part in value.split(separator: ":", omittingEmptySubsequences: false) {
            let format = trimmed(part).lowercased()
            guard !format.isEmpty, format.allSatisfy({ $0.isASCIILetterOrDigit || $0 == "-" }) else { return nil }
            formats.append(format)
        }
        return formats
    }

    /// Comma-separated URIs, each with an optional `!size[k|m|g|t]` (§6.2); invalid ones dropped.
    static func reportURIs(_ value: String) -> [DMARCReportURI] {
        value.split(separator: ",").prefix(maximumReportURIs).compactMap { reportURI(trimmed($0)) }
    }

    /// More addresses than any sensible record lists are ignored.
    static let maximumReportURIs = 32

    private static func reportURI(_ text: Substring) -> DMARCReportURI? {
        var uri = text
        var maximumSize: UInt64? = nil
        if let bang = text.lastIndex(of: "!") {
            guard let size = self.size(text[text.index(after: bang)...]) else { return nil }
            uri = text[..<bang]
            maximumSize = size
        }
        guard hasScheme(uri), !uri.contains(where: { $0 == " " || $0 == "\t" }) else { return nil }
        return DMARCReportURI(uri: String(uri), maximumSize: maximumSize)
    }

    /// `1*DIGIT [ "k" / "m" / "g" / "t" ]` in bytes, units being powers of 2^10.
    private static func size(_ text: Substring) -> UInt64? {
        var digits = text
        var multiplier: UInt64 = 1
        if let last = text.last, let power = ["k": 10, "m": 20, "g": 30, "t": 40][last.lowercased()] {
            digits = text.dropLast()
            multiplier = 1 << UInt64(power)
        }
        guard !digits.isEmpty, digits.count <= 20, digits.allSatisfy(\.isASCIIDigit), let number = UInt64(digits) else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }

    /// `scheme ":" …` with the scheme of RFC 3986 §3.1.
    private static func hasScheme(_ uri: Substring) -> Bool {
        guard let colon = uri.firstIndex(of: ":"), colon != uri.startIndex, uri.index(after: colon) != uri.endIndex else { return false }
        let scheme = uri[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCIILetterOrDigit || $0 == "+" || $0 == "-" || $0 == "." }
    }

    private static func trimmed(_ text: Substring) -> Substring { DMARCTagList.trimmed(text) }
}

fileprivate extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
}
