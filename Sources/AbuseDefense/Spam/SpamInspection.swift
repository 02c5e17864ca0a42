import MailCore

/// A message as the spam filter reads it, parsed once for the rules and the tokenizer: the
/// header, the decoded text (HTML reduced to text), the web addresses in the text parts (HTML
/// source included, so link targets count) and the names of attached files. Everything is
/// bounded: `maximumTextBytes` of text are read, at most `maximumURLs` addresses kept.
public struct SpamInspection: Sendable {
    /// The message, parsed.
    public let parsed: ParsedMessage
    /// The decoded Subject:, nil when there is none.
    public let subject: String?
    /// The body text, decoded and reduced to text.
    public let bodyText: String
    /// The web addresses in the text parts, in order (repeats included).
    public let urls: [SpamURL]
    /// The file names of the parts (Content-Disposition filename or Content-Type name).
    public let attachmentNames: [String]
    /// Whether the only text the message has is HTML.
    public let isHTMLOnly: Bool

    /// Decoded text read per message, for words and for addresses.
    public static let maximumTextBytes = 262_144
    /// Web addresses kept per message.
    public static let maximumURLs = 200

    /// Parses `message` (CRLF line ends) with `limits`.
    public init(message: [UInt8], limits: MessageParserLimits = MessageParserLimits()) {
        var parserLimits = limits
        parserLimits.maximumSearchableBodyBytes = min(limits.maximumSearchableBodyBytes, Self.maximumTextBytes)
        let parsed = MessageParser(limits: parserLimits).parse(message, extractingSearchText: true)
        self.parsed = parsed
        subject = parsed.header.firstField(named: "Subject").map { parsed.header.decodedValue(of: $0) }
        bodyText = parsed.searchText.body
        var urls: [SpamURL] = []
        var names: [String] = []
        var budget = Self.maximumTextBytes
        var hasPlain = false
        var hasHTML = false
        let scanner = URLScanner(maximumURLs: Self.maximumURLs)
        for part in parsed.structure.parts {
            if let name = part.disposition?.filename ?? part.parameters.value(named: "name"), names.count < 100 {
                names.append(name)
            }
            guard part.kind == .text, part.disposition?.type != "attachment" else { continue }
            if part.subtype == "html" { hasHTML = true } else if part.subtype == "plain" { hasPlain = true }
            // Transfer encodings only shrink the text, so the encoded size bounds the work.
            guard part.size <= budget, let text = part.decodedText(in: message) else { continue }
            budget -= part.size
            scanner.urls(in: text.text, into: &urls)
        }
        self.urls = urls
        attachmentNames = names
        isHTMLOnly = hasHTML && !hasPlain
    }
}
