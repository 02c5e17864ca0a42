import MailCore

/// Turns a message into the tokens the Bayesian classifier counts: header tokens prefixed
/// with where they came from (`subject:`, `from:`, `header:`, `type:`, `file:`, `url:`), and
/// the words of the body. Each token counts once per message (the classifier counts
/// messages, not occurrences). Bounded: at most `maximumTokens` tokens of at most
/// `maximumTokenLength` octets; a longer word becomes a `skip:` token that keeps its first
/// letter and its length in tens.
public struct SpamTokenizer: Sendable {
    /// Tokens per message.
    public var maximumTokens = 1_000
    /// Octets per token.
    public var maximumTokenLength = 40
    /// Shortest body word counted.
    public var minimumWordLength = 3

    /// Fields that say nothing about the sender's intent, or that this server wrote
    /// itself (its own verdicts must never train it).
    static let ignoredFields: Set<String> = [
        "received", "return-path", "authentication-results", "received-spf", "dkim-signature", "arc-seal",
        "arc-message-signature", "arc-authentication-results", "x-spam-status", "x-spam-score", "date",
        "message-id", "to", "cc", "bcc", "delivered-to", "in-reply-to", "references",
    ]

    public init() {}

    /// The distinct tokens of `message`, header tokens first.
    public func tokens(of message: SpamInspection) -> [String] {
        var collector = TokenCollector(limit: maximumTokens, maximumLength: maximumTokenLength)
        headerTokens(of: message, into: &collector)
        for url in message.urls {
            for name in url.hostAndParents { collector.add("url:" + name) }
        }
        words(of: message.bodyText, prefix: "", into: &collector)
        return collector.tokens
    }

    private func headerTokens(of message: SpamInspection, into collector: inout TokenCollector) {
        let header = message.parsed.header
        if let subject = message.subject { words(of: subject, prefix: "subject:", into: &collector) }
        for mailbox in message.parsed.from.flatMap(\.mailboxes) {
            if let domain = mailbox.domain { collector.add("from:" + domain.lowercased()) }
            if let name = mailbox.displayName { words(of: name, prefix: "fromname:", into: &collector) }
        }
        for field in header.fields.prefix(200) {
            let name = header.name(of: field).lowercased()
            guard !Self.ignoredFields.contains(name) else { continue }
            collector.add("header:" + name)
            switch name {
            case "x-mailer", "user-agent":
                if let product = header.unfoldedValue(of: field).split(separator: " ").first {
                    collector.add("mailer:" + product.lowercased())
                }
            case "reply-to":
                let value = header.unfoldedValue(of: field)
                if let at = value.lastIndex(of: "@") {
                    collector.add("replyto:" + value[value.index(after: at)...].trimmed(of: [">", ";", " "]).lowercased())
                }
            default:
                break
            }
        }
        for part in message.parsed.structure.parts.prefix(50) {
            collector.add("type:\(part.type)/\(part.subtype)")
            if let charset = part.parameters.value(named: "charset") { collector.add("charset:" + charset.lowercased()) }
        }
        for name in message.attachmentNames {
            if let dot = name.lastIndex(of: ".") { collector.add("file:" + name[dot...].lowercased()) }
        }
    }

    /// The words of `text`: split at white space, trimmed of punctuation, lower-cased.
    private func words(of text: String, prefix: String, into collector: inout TokenCollector) {
        for piece in text.split(whereSeparator: \.isWhitespace) {
            guard !collector.isFull else { return }
            let word = piece.trimmed(of: Self.punctuation)
            let length = word.utf8.count
            if length > maximumTokenLength {
                collector.add("\(prefix)skip:\(word.prefix(1).lowercased())\(length / 10 * 10)")
            } else if word.count >= minimumWordLength {
                collector.add(prefix + word.lowercased())
            }
        }
    }

    private static let punctuation: Set<Character> = [
        ".", ",", ";", ":", "!", "?", "\"", "'", "(", ")", "[", "]", "{", "}", "<", ">", "*", "-", "_", "|", "`",
    ]
}

extension Substring {
    /// The text without the characters of `set` at either end.
    func trimmed(of set: Set<Character>) -> Substring {
        guard let first = firstIndex(where: { !set.contains($0) }),
              let last = lastIndex(where: { !set.contains($0) }) else { return "" }
        return self[first...last]
    }
}

/// The distinct tokens of one message, in first-seen order, up to a limit.
private struct TokenCollector {
    let limit: Int
    let maximumLength: Int
    private(set) var tokens: [String] = []
    private var seen: Set<String> = []

    init(limit: Int, maximumLength: Int) {
        self.limit = limit
        self.maximumLength = maximumLength
    }

    var isFull: Bool { tokens.count >= limit }

    mutating func add(_ token: String) {
        guard !isFull else { return }
        // Prefixed tokens may exceed the word limit by their prefix; anything longer is cut.
        let cap = maximumLength + 12
        let bounded = token.utf8.count > cap ? String(decoding: token.utf8.prefix(cap), as: UTF8.self) : token
        if seen.insert(bounded).inserted { tokens.append(bounded) }
    }
}
