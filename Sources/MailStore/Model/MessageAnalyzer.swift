import MailCore

/// Turns a message's octets into what the store caches (the structure) and indexes (the
/// text). The standard analyzer is MailCore's `MessageParser`; tests may supply another.
public struct MessageAnalyzer: Sendable {
    public let analyze: @Sendable ([UInt8]) -> (structure: MessageStructure, searchText: SearchableText)

    public init(_ analyze: @escaping @Sendable ([UInt8]) -> (structure: MessageStructure, searchText: SearchableText)) {
        self.analyze = analyze
    }

    /// Analysis by a `MessageParser`.
    public static func parser(_ parser: MessageParser = MessageParser()) -> MessageAnalyzer {
        MessageAnalyzer { bytes in
            let parsed = parser.parse(bytes)
            return (parsed.structure, parsed.searchText)
        }
    }
}
