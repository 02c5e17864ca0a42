/// The Public Suffix List (https://publicsuffix.org/list/): which domains are registries,
/// so that DMARC can find a name's organizational domain (RFC 7489 §3.2).
///
/// Both the ICANN and the private sections are used. Names are compared without regard to
/// ASCII case and without a trailing dot; internationalized labels are compared as A-labels
/// (U-labels, in the list or in a query, are converted). Every lookup costs one hash probe
/// per label of the name.
public struct PublicSuffixList: Sendable {
    /// Where Debian's `publicsuffix` package installs the list.
    public static let debianPath = "/usr/share/publicsuffix/public_suffix_list.dat"
    /// The largest file ``load(path:)`` reads (the real list is about 250 KB).
    public static let maximumFileSize = 16 * 1024 * 1024

    /// Normal rules, as canonical names ("co.uk").
    private var rules: Set<String> = []
    /// Wildcard rules `*.X`, stored as X.
    private var wildcardParents: Set<String> = []
    /// Exception rules `!X`, stored as X.
    private var exceptions: Set<String> = []

    /// How many rules were read.
    public var ruleCount: Int { rules.count + wildcardParents.count + exceptions.count }

    /// Reads a list in the publicsuffix.org format: one rule per line, read up to the first
    /// whitespace; `//` comment lines and blank lines skipped; `*.` wildcard and `!`
    /// exception rules. Rules with a wildcard elsewhere than as the whole first label are
    /// not in the format and are skipped.
    public init(text: String) {
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            guard let rule = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first,
                  !rule.hasPrefix("//") else { continue }
            add(rule: rule)
        }
    }

    /// Loads the list from a file (for example ``debianPath``).
    public static func load(path: String) throws(PublicSuffixListError) -> PublicSuffixList {
        let bytes = try PublicSuffixListFile.read(path: path, maximumSize: maximumFileSize)
        let list = PublicSuffixList(text: String(decoding: bytes, as: UTF8.self))
        guard list.ruleCount > 0 else { throw .noRules(path: path) }
        return list
    }

    private mutating func add(rule: Substring) {
        if rule.hasPrefix("!") {
            if let name = canonicalRuleName(rule.dropFirst()) { exceptions.insert(name) }
        } else if rule.hasPrefix("*.") {
            if let name = canonicalRuleName(rule.dropFirst(2)) { wildcardParents.insert(name) }
        } else if let name = canonicalRuleName(rule) {
            rules.insert(name)
        }
    }

    private func canonicalRuleName(_ rule: Substring) -> String? {
        guard !rule.contains("*") else { return nil }
        return DomainLabels.canonical(String(rule))
    }

    /// The public suffix of `domain` (the part a registry controls: "co.uk" for
    /// "mail.example.co.uk"), lower-cased; nil when `domain` is empty or has an empty label.
    /// A name under no rule falls under the implicit rule `*`: its last label.
    public func publicSuffix(of domain: String) -> String? {
        guard let (labels, suffixLength) = split(domain) else { return nil }
        return labels.suffix(suffixLength).joined(separator: ".")
    }

    /// The public suffix and one more label ("example.co.uk" for "mail.example.co.uk"),
    /// lower-cased; nil when `domain` is itself a public suffix or not a usable name.
    public func registrableDomain(of domain: String) -> String? {
        guard let (labels, suffixLength) = split(domain), labels.count > suffixLength else { return nil }
        return labels.suffix(suffixLength + 1).joined(separator: ".")
    }

    /// The organizational domain of RFC 7489 §3.2: the registrable domain, or the name itself
    /// (lower-cased, without a trailing dot) when it is a public suffix or not a usable name.
    public func organizationalDomain(of domain: String) -> String {
        if let registrable = registrableDomain(of: domain) { return registrable }
        if let labels = DomainLabels.lowercasedLabels(of: domain) { return labels.joined(separator: ".") }
        return domain.lowercased()
    }

    /// The organizational domain in comparison form (A-labels), or nil for an unusable name.
    func canonicalOrganizationalDomain(of domain: String) -> String? {
        guard let labels = DomainLabels.canonicalLabels(of: domain) else { return nil }
        let suffixLength = publicSuffixLength(of: labels)
        return labels.suffix(Swift.min(labels.count, suffixLength + 1)).joined(separator: ".")
    }

    /// The lower-cased labels of `domain` and how many of the last ones form its public suffix.
    private func split(_ domain: String) -> ([Substring], Int)? {
        guard let labels = DomainLabels.lowercasedLabels(of: domain),
              let canonical = DomainLabels.canonicalLabels(of: domain) else { return nil }
        return (labels, publicSuffixLength(of: canonical))
    }

    /// How many labels at the end of `labels` (canonical form) the prevailing rule covers:
    /// an exception rule wins and covers one label less than it has (a one-label exception
    /// means nothing and is passed over); otherwise the matching
    /// rule with the most labels; otherwise the implicit `*` rule, one label.
    func publicSuffixLength(of labels: [String]) -> Int {
        var longestMatch = 1
        var longestException = 0
        var suffix = ""
        for count in 1...labels.count {
            let label = labels[labels.count - count]
            suffix = count == 1 ? label : label + "." + suffix
            if exceptions.contains(suffix) { longestException = count }
            if rules.contains(suffix) { longestMatch = Swift.max(longestMatch, count) }
            if count < labels.count && wildcardParents.contains(suffix) { longestMatch = Swift.max(longestMatch, count + 1) }
        }
        return longestException > 1 ? longestException - 1 : longestMatch
    }
}
