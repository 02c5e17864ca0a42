import DNSResolver

/// The checks RFC 7208 makes on domain names: the domain given to check_host() (§4.3), the
/// top label of a domain-spec (§7.1), and names built by macro expansion (§7.3).
enum SPFDomainName {
    /// Whether `label` is a toplabel (§7.1): letters, digits and inner hyphens, not all digits.
    static func isValidTopLabel(_ label: ArraySlice<UInt8>) -> Bool {
        guard let first = label.first, let last = label.last, SPFCharacter.isAlphanumeric(first), SPFCharacter.isAlphanumeric(last)
        else { return false }
        var hasLetter = false
        var hasHyphen = false
        for byte in label {
            if SPFCharacter.isLetter(byte) { hasLetter = true } else if byte == UInt8(ascii: "-") { hasHyphen = true }
            else if !SPFCharacter.isDigit(byte) { return false }
        }
        return hasLetter || hasHyphen
    }

    /// The domain to check, without a final dot, or nil if it is malformed, a single label or
    /// a domain literal: check_host() then gives "none" (§4.3).
    static func checkableDomain(_ text: some Collection<UInt8>) -> [UInt8]? {
        var bytes = Array(text)
        if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        guard !bytes.isEmpty, bytes.count <= SPFLimits.maximumExpandedDomainLength,
              bytes.allSatisfy(SPFCharacter.isVisible) else { return nil }
        var labelCount = 0
        var lastLabel: ArraySlice<UInt8> = []
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard (1...DNSName.maximumLabelLength).contains(label.count) else { return nil }
            labelCount += 1
            lastLabel = label
        }
        guard labelCount >= 2, isValidTopLabel(lastLabel) else { return nil }
        return bytes
    }

    /// The name to query for an expanded domain-spec: a final dot dropped, labels removed from
    /// the left while it is longer than 253 characters (§7.3). Nil when no query can be built
    /// from it (an empty label or one longer than 63 octets): the term then matches nothing.
    static func targetName(_ expanded: [UInt8]) -> DNSName? {
        var text = expanded[...]
        if text.last == UInt8(ascii: ".") { text = text.dropLast() }
        while text.count > SPFLimits.maximumExpandedDomainLength {
            guard let dot = text.firstIndex(of: UInt8(ascii: ".")) else { return nil }
            text = text[(dot + 1)...]
        }
        guard !text.isEmpty else { return nil }
        let labels = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map(Array.init)
        return try? DNSName(labels: labels)
    }

    /// A name's labels joined with dots, as macros and comparisons use it (no escaping).
    static func dottedBytes(_ name: DNSName) -> [UInt8] {
        var bytes: [UInt8] = []
        for label in name.labels {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: ".")) }
            bytes += label
        }
        return bytes
    }

    /// `name` as text for messages and results.
    static func text(_ name: DNSName) -> String {
        String(decoding: dottedBytes(name), as: UTF8.self)
    }
}
