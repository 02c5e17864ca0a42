import MailCore

/// The section of a `BODY[...]` fetch (RFC 9051 §6.4.5): a part number and what to take from it.
public struct SectionSpecifier: Hashable, Sendable {
    /// What the section asks for within the part `part` selects.
    public enum Kind: Hashable, Sendable {
        /// The whole message (`BODY[]`) or the part's body (`BODY[1.2]`).
        case complete
        /// `HEADER`: the header of the message or of an encapsulated message.
        case header
        /// `HEADER.FIELDS (...)`: only the named header fields.
        case headerFields([String])
        /// `HEADER.FIELDS.NOT (...)`: every header field but the named ones.
        case headerFieldsNot([String])
        /// `TEXT`: the body of the message or of an encapsulated message.
        case text
        /// `MIME`: the MIME header of a part (a part number is required).
        case mime
    }

    /// The part number, e.g. `[1, 2]` for `1.2`; empty for the top level.
    public var part: [Int]
    /// What to take.
    public var kind: Kind

    /// Whether the section is taken from the message's own header alone (`HEADER`,
    /// `HEADER.FIELDS` and `HEADER.FIELDS.NOT` without a part number), so its octets are
    /// all the section needs.
    public var readsOnlyMessageHeader: Bool {
        guard part.isEmpty else { return false }
        switch kind {
        case .header, .headerFields, .headerFieldsNot: return true
        case .complete, .text, .mime: return false
        }
    }

    /// A section; `BODY[]` by default.
    public init(part: [Int] = [], kind: Kind = .complete) {
        self.part = part
        self.kind = kind
    }

    /// The MailCore section text that selects this section's bytes (header-field subsets
    /// select within `.header`).
    public var sectionText: SectionText {
        switch kind {
        case .complete: .body
        case .header, .headerFields, .headerFieldsNot: .header
        case .text: .text
        case .mime: .mime
        }
    }

    /// The specifier as written between the brackets, e.g. `1.2.HEADER.FIELDS (FROM TO)`.
    public var text: String {
        var pieces = part.map(String.init).joined(separator: ".")
        let suffix: String? = switch kind {
        case .complete: nil
        case .header: "HEADER"
        case .headerFields(let names): "HEADER.FIELDS (" + names.joined(separator: " ") + ")"
        case .headerFieldsNot(let names): "HEADER.FIELDS.NOT (" + names.joined(separator: " ") + ")"
        case .text: "TEXT"
        case .mime: "MIME"
        }
        if let suffix { pieces += pieces.isEmpty ? suffix : "." + suffix }
        return pieces
    }
}

/// A `<offset.length>` partial range of a fetched section (RFC 9051 §6.4.5).
public struct PartialRange: Hashable, Sendable {
    /// The first octet wanted.
    public var offset: UInt64
    /// How many octets at most (at least 1).
    public var length: UInt64

    /// A value with the given fields.
    public init(offset: UInt64, length: UInt64) {
        self.offset = offset
        self.length = length
    }
}
