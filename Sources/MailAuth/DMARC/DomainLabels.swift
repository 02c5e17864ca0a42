import DNSResolver

/// Domain names as DMARC compares them: labels in lower case, internationalized labels as
/// A-labels, no trailing dot.
enum DomainLabels {
    /// The longest domain text worth looking at (a DNS name has at most 253 characters in
    /// presentation form; U-labels take more).
    static let maximumTextLength = 1024

    /// The labels of `domain` as written, lower-cased, trailing dot dropped; nil when the
    /// text is empty, too long, or has an empty label (a leading dot, two dots in a row).
    static func lowercasedLabels(of domain: String) -> [Substring]? {
        guard domain.utf8.count <= maximumTextLength else { return nil }
        var text = Substring(domain)
        if text.hasSuffix(".") { text.removeLast() }
        guard !text.isEmpty else { return nil }
        let labels = text.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard labels.allSatisfy({ !$0.isEmpty }) else { return nil }
        return labels.map { Substring($0) }
    }

    /// The comparison form of each label: lower case, U-labels turned into A-labels.
    static func canonicalLabels(of domain: String) -> [String]? {
        guard let labels = lowercasedLabels(of: domain) else { return nil }
        var canonical = [String]()
        canonical.reserveCapacity(labels.count)
        for label in labels {
            guard let ascii = Punycode.asciiLabel(label) else { return nil }
            canonical.append(ascii)
        }
        return canonical
    }

    /// The comparison form of `domain` as one string, or nil when it is not a usable name.
    static func canonical(_ domain: String) -> String? {
        canonicalLabels(of: domain)?.joined(separator: ".")
    }

    /// The comparison form of `domain` if it can be looked up: letters, digits, hyphens,
    /// underscores and dots once U-labels are A-labels, within the DNS length limits.
    static func validatedCanonical(_ domain: String) -> String? {
        guard let canonical = canonical(domain), canonical.utf8.allSatisfy(isHostnameByte),
              (try? DNSName(canonical)) != nil else { return nil }
        return canonical
    }

    private static func isHostnameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"): true
        default: false
        }
    }
}
