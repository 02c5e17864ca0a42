/// The `tag=value` pairs of a DMARC record (RFC 7489 §6.4), split at semicolons, with the
/// whitespace around names and values removed.
struct DMARCTagList {
    /// The pairs in order; names lower-cased.
    private(set) var tags: [(name: String, value: String)] = []
    /// Whether something that is not a tag came before the first tag.
    private var startsWithJunk = false

    /// Splits the record; nil when it has no tags at all. Parts without `=` are skipped.
    init?(_ text: String) {
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            guard !Self.trimmed(part).isEmpty else { continue }
            guard let equals = part.firstIndex(of: "="), !Self.trimmed(part[..<equals]).isEmpty else {
                if tags.isEmpty { startsWithJunk = true }
                continue
            }
            let name = Self.trimmed(part[..<equals]).lowercased()
            tags.append((name, String(Self.trimmed(part[part.index(after: equals)...]))))
        }
        guard !tags.isEmpty else { return nil }
    }

    /// Whether the record starts with `v=DMARC1` (the version value is case-sensitive, §6.4).
    var isDMARCVersion1: Bool {
        guard let first = tags.first, !startsWithJunk else { return false }
        return first.name == "v" && first.value == "DMARC1"
    }

    /// The value of the first tag with this (lower-case) name.
    subscript(name: String) -> String? {
        tags.first { $0.name == name }?.value
    }

    /// `text` without the whitespace and line breaks around it.
    static func trimmed(_ text: Substring) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = text.firstIndex(where: { !isSpace($0) }),
              let end = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return text[start...end]
    }
}
