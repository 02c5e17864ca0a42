/// A tag=value list (RFC 6376 §3.2), the syntax of DKIM-Signature, DKIM key records and the
/// ARC header fields. Tag names are case-sensitive; values keep their inner whitespace.
struct DKIMTagList: Sendable {
    /// The most tags a list may have: real ones have about a dozen, and a longer list is
    /// refused rather than read.
    static let maximumTagCount = 64

    /// The tags in order, each with its value trimmed of surrounding whitespace.
    let tags: [(name: String, value: String)]

    /// The value of `name`, nil when the tag is absent.
    subscript(name: String) -> String? {
        tags.first { $0.name == name }?.value
    }

    /// Parses a list; a trailing semicolon and empty elements are allowed.
    init(parsing text: some Collection<UInt8>) throws(DKIMTagListError) {
        var tags = [(name: String, value: String)]()
        for element in text.split(separator: Self.semicolon, omittingEmptySubsequences: false) {
            let trimmed = Self.trimmed(element)
            if trimmed.isEmpty { continue }
            guard tags.count < Self.maximumTagCount else { throw .tooManyTags(limit: Self.maximumTagCount) }
            guard let equals = trimmed.firstIndex(of: Self.equals) else {
                throw .malformedElement(String(decoding: trimmed.prefix(40), as: UTF8.self))
            }
            let nameBytes = Self.trimmed(trimmed[trimmed.startIndex..<equals])
            guard Self.isTagName(nameBytes) else {
                throw .malformedElement(String(decoding: trimmed.prefix(40), as: UTF8.self))
            }
            let name = String(decoding: nameBytes, as: UTF8.self)
            let valueBytes = Self.trimmed(trimmed[(equals + 1)...])
            // VALCHAR is %x21-3A / %x3C-7E; whitespace may separate runs of them.
            guard valueBytes.allSatisfy({ ($0 >= 0x21 && $0 <= 0x7E) || Self.isFoldingWhitespace($0) }) else {
                throw .invalidValue(tag: name)
            }
            guard !tags.contains(where: { $0.name == name }) else { throw .duplicateTag(name) }
            tags.append((name, String(decoding: valueBytes, as: UTF8.self)))
        }
        self.tags = tags
    }

    /// The value with every whitespace octet removed (base64 values may be folded).
    static func withoutWhitespace(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { !($0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n") }))
    }

    /// A colon-separated list (h=, s=, t=, key h=), each element trimmed of whitespace.
    static func colonSeparated(_ value: String) -> [String] {
        value.split(separator: ":", omittingEmptySubsequences: false).map {
            withoutWhitespace(String($0))
        }
    }

    private static func trimmed(_ bytes: some Collection<UInt8>) -> ArraySlice<UInt8> {
        let array = ArraySlice(bytes)
        guard let first = array.firstIndex(where: { !isFoldingWhitespace($0) }),
              let last = array.lastIndex(where: { !isFoldingWhitespace($0) }) else { return [] }
        return array[first...last]
    }

    /// tag-name = ALPHA *ALNUMPUNC, where ALNUMPUNC is a letter, digit or underscore.
    private static func isTagName(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func isFoldingWhitespace(_ byte: UInt8) -> Bool {
        byte == RawMessage.space || byte == RawMessage.tab || byte == RawMessage.carriageReturn || byte == RawMessage.lineFeed
    }

    private static let semicolon: UInt8 = 0x3B
    private static let equals: UInt8 = 0x3D
}

/// Why a tag=value list could not be read.
enum DKIMTagListError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformedElement(String)
    case invalidValue(tag: String)
    case duplicateTag(String)
    case tooManyTags(limit: Int)

    var description: String {
        switch self {
        case .malformedElement(let text): "malformed tag \"\(text)\""
        case .invalidValue(let tag): "the value of \(tag)= has characters a tag value cannot have"
        case .duplicateTag(let tag): "the tag \(tag)= appears twice"
        case .tooManyTags(let limit): "more than \(limit) tags"
        }
    }
}
