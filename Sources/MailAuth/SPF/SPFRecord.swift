/// A parsed SPF record (RFC 7208 §4.6): the directives in order and the `redirect` and `exp`
/// modifiers. Unknown modifiers are checked for syntax and then ignored (§6).
public struct SPFRecord: Sendable, Hashable {
    /// The directives, evaluated left to right.
    public var directives: [SPFDirective]
    /// `redirect=`: the domain whose policy applies when no directive matches (§6.1).
    public var redirect: SPFMacroString?
    /// `exp=`: the domain whose TXT record explains a "fail" (§6.2).
    public var explanation: SPFMacroString?

    /// A record from its parts.
    public init(directives: [SPFDirective], redirect: SPFMacroString? = nil, explanation: SPFMacroString? = nil) {
        self.directives = directives
        self.redirect = redirect
        self.explanation = explanation
    }

    /// Parses a record's text, "v=spf1" included.
    public init(parsing text: String) throws(SPFRecordParseError) {
        try self.init(parsing: Array(text.utf8)[...])
    }

    /// Parses a record from its octets (the TXT strings joined, §3.3).
    init(parsing bytes: ArraySlice<UInt8>) throws(SPFRecordParseError) {
        guard Self.isVersion1(bytes) else { throw .notVersion1 }
        var parser = SPFRecordParser()
        for term in bytes.dropFirst(Self.versionTag.count).split(separator: UInt8(ascii: " ")) {
            try parser.parse(term: term)
        }
        self.init(directives: parser.directives, redirect: parser.redirect, explanation: parser.explanation)
    }

    /// "v=spf1"
    static let versionTag: [UInt8] = Array("v=spf1".utf8)

    /// Whether the text is an SPF version 1 record: "v=spf1" in any case, followed by a space
    /// or nothing (§4.5). Other TXT records are not SPF's business.
    static func isVersion1(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= versionTag.count else { return false }
        for (byte, tagByte) in zip(bytes, versionTag) {
            if SPFCharacter.lowercased(byte) != tagByte { return false }
        }
        let next = bytes.index(bytes.startIndex, offsetBy: versionTag.count)
        return next == bytes.endIndex || bytes[next] == UInt8(ascii: " ")
    }
}

extension SPFRecord: CustomStringConvertible {
    /// The record as text: the version, the directives and the modifiers.
    public var description: String {
        var terms = ["v=spf1"] + directives.map(\.description)
        if let redirect { terms.append("redirect=\(redirect)") }
        if let explanation { terms.append("exp=\(explanation)") }
        return terms.joined(separator: " ")
    }
}
