import MailCore

/// Turns a message's octets into what the store caches (the structure) and what it indexes
/// (the text). The two are separate because they are needed at different times: the
/// structure in the delivery's commit, the text later, when the search indexer gets to the
/// message. The standard analyzer is MailCore's `MessageParser`; tests may supply another.
public struct MessageAnalyzer: Sendable {
    /// The structure to cache for a message's octets (ENVELOPE, BODYSTRUCTURE, part
    /// offsets, preview). Runs on the delivery path, so it should not decode text parts.
    public let structure: @Sendable ([UInt8]) -> MessageStructure
    /// The text to index for a message's octets (decoded subject, addresses, text parts).
    public let searchText: @Sendable ([UInt8]) -> SearchableText

    public init(structure: @escaping @Sendable ([UInt8]) -> MessageStructure,
                searchText: @escaping @Sendable ([UInt8]) -> SearchableText) {
        self.structure = structure
        self.searchText = searchText
    }

    /// Analysis by a `MessageParser`: the structure without extracting text, the text by a
    /// full parse.
    public static func parser(_ parser: MessageParser = MessageParser()) -> MessageAnalyzer {
        MessageAnalyzer(structure: { parser.parse($0, extractingSearchText: false).structure },
                        searchText: { parser.parse($0).searchText })
    }
}
