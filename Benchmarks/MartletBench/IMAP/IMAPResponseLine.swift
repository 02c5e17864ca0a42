/// The status of a tagged IMAP response or of an untagged OK/NO/BAD (RFC 9051 §7.1).
enum IMAPStatus: String, Sendable {
    case ok = "OK"
    case no = "NO"
    case bad = "BAD"
}

/// One complete IMAP server response, its literals already skipped (a literal's place is
/// kept as its `{n}` marker). RFC 9051 §2.2.2: continuation requests start with "+",
/// untagged responses with "*", completions with the command's tag.
enum IMAPResponseLine: Equatable, Sendable {
    case continuation(String)
    /// The text after "* ".
    case untagged(String)
    case tagged(tag: String, status: IMAPStatus, text: String)

    init(parsing line: String) throws(BenchError) {
        if line == "+" || line.hasPrefix("+ ") {
            self = .continuation(String(line.dropFirst(2)))
            return
        }
        if line.hasPrefix("* ") {
            self = .untagged(String(line.dropFirst(2)))
            return
        }
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard words.count >= 2, !words[0].isEmpty,
              let status = IMAPStatus(rawValue: words[1].uppercased())
        else {
            throw .malformedReply("not an IMAP response: \(line.prefix(80))")
        }
        self = .tagged(tag: String(words[0]), status: status, text: words.count > 2 ? String(words[2]) : "")
    }

    /// The capabilities in a `CAPABILITY` response or a `[CAPABILITY ...]` response code,
    /// upper-cased; nil when the line carries none.
    static func capabilities(in text: String) -> Set<String>? {
        let upper = text.uppercased()
        var list: Substring
        if upper.hasPrefix("CAPABILITY ") {
            list = upper.dropFirst("CAPABILITY ".count)
        } else if let start = upper.range(of: "[CAPABILITY "), let end = upper[start.upperBound...].firstIndex(of: "]") {
            list = upper[start.upperBound..<end]
        } else {
            return nil
        }
        list = list.prefix { $0 != "\r" }
        return Set(list.split(separator: " ").map(String.init))
    }

    /// The number in an untagged `n KEYWORD ...` response (EXISTS, EXPUNGE, FETCH) when
    /// the keyword matches.
    static func number(in text: String, keyword: String) -> Int? {
        let words = text.split(separator: " ", maxSplits: 2)
        guard words.count >= 2, words[1].uppercased() == keyword, let number = Int(words[0]), number >= 0 else { return nil }
        return number
    }
}
