import MailCore

/// The octets of `BODY[section]` (RFC 9051 §6.4.5), located in the message through its
/// cached structure: ranges into the message wherever possible, new octets only for
/// `HEADER.FIELDS` and `HEADER.FIELDS.NOT`.
enum SectionContent {
    /// The content of a section, or nil when the section does not exist (a part number
    /// beyond the parts, `HEADER` or `TEXT` of a part that is not a message...).
    static func content(of section: SectionSpecifier, structure: MessageStructure, bytes: [UInt8]) -> FetchContent? {
        if section.part.isEmpty && section.kind == .complete {
            return .messageRange(0..<bytes.count)
        }
        guard let range = structure.byteRange(forSection: section.part, section.sectionText) else { return nil }
        let clamped = clamp(range, to: bytes.count)
        switch section.kind {
        case .headerFields(let names):
            return .made(headerFields(in: clamped, of: bytes, names: names, keepingNamed: true))
        case .headerFieldsNot(let names):
            return .made(headerFields(in: clamped, of: bytes, names: names, keepingNamed: false))
        case .complete, .header, .text, .mime:
            return .messageRange(clamped)
        }
    }

    /// The part of `content` a `<offset.length>` asks for: empty when the offset is at or
    /// beyond the end (RFC 9051 §6.4.5), shorter when the content ends first.
    static func applying(_ partial: PartialRange?, to content: FetchContent) -> FetchContent {
        guard let partial else { return content }
        let count = content.count
        let skip = partial.offset >= UInt64(count) ? count : Int(partial.offset)
        let take = Int(min(partial.length, UInt64(count - skip)))
        switch content {
        case .messageRange(let range):
            return .messageRange((range.lowerBound + skip)..<(range.lowerBound + skip + take))
        case .made(let bytes):
            return .made(Array(bytes[skip..<(skip + take)]))
        }
    }

    /// A range made to lie within `0..<count`.
    static func clamp(_ range: Range<Int>, to count: Int) -> Range<Int> {
        let lower = min(max(range.lowerBound, 0), count)
        return lower..<min(max(range.upperBound, lower), count)
    }

    /// The fields of the header in `range` whose names are (or, with `keepingNamed` false,
    /// are not) among `names`, in their order, each with its line ends, then the blank line
    /// that ends the header if it had one (RFC 9051 §6.4.5: the blank line is always
    /// included unless the message has none).
    static func headerFields(in range: Range<Int>, of bytes: [UInt8], names: [String], keepingNamed: Bool) -> [UInt8] {
        let wanted = Set(names.map { $0.lowercased() })
        let header = MessageHeader(parsing: bytes, in: range)
        var output = [UInt8]()
        for field in header.fields where wanted.contains(header.name(of: field).lowercased()) == keepingNamed {
            let fieldRange = clamp(field.range, to: bytes.count)
            output.append(contentsOf: bytes[fieldRange])
        }
        if endsWithBlankLine(bytes[range]) {
            output.append(0x0D)
            output.append(0x0A)
        }
        return output
    }

    /// Whether header octets end with an empty line (CRLF or LF alone on its line).
    private static func endsWithBlankLine(_ header: ArraySlice<UInt8>) -> Bool {
        guard header.last == 0x0A else { return false }
        var index = header.endIndex - 1
        if index > header.startIndex && header[index - 1] == 0x0D { index -= 1 }
        return index == header.startIndex || header[index - 1] == 0x0A
    }
}
