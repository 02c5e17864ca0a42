/// The header fields MailCore interprets.
enum KnownHeaderField: Int, CaseIterable {
    case date, subject, from, sender, replyTo, to, cc, bcc, messageID, inReplyTo, references
    case contentType, contentTransferEncoding, contentDisposition, contentID, contentDescription
    case contentLanguage, contentLocation, contentMD5

    /// Classifies a field name (ASCII case-insensitive) without allocating.
    static func classify(_ bytes: [UInt8], _ name: Range<Int>) -> KnownHeaderField? {
        guard let first = name.first.map({ ASCII.lowercased(bytes[$0]) }) else { return nil }
        switch first {
        case UInt8(ascii: "c"):
            if name.count == 2 { return bytes.equalsCaseInsensitive(name, "cc") ? .cc : nil }
            guard bytes.hasPrefixCaseInsensitive(name, "content-") else { return nil }
            let rest = (name.lowerBound + 8)..<name.upperBound
            switch rest.count {
            case 2: return bytes.equalsCaseInsensitive(rest, "id") ? .contentID : nil
            case 3: return bytes.equalsCaseInsensitive(rest, "md5") ? .contentMD5 : nil
            case 4: return bytes.equalsCaseInsensitive(rest, "type") ? .contentType : nil
            case 8:
                if bytes.equalsCaseInsensitive(rest, "language") { return .contentLanguage }
                if bytes.equalsCaseInsensitive(rest, "location") { return .contentLocation }
                return nil
            case 11:
                if bytes.equalsCaseInsensitive(rest, "description") { return .contentDescription }
                if bytes.equalsCaseInsensitive(rest, "disposition") { return .contentDisposition }
                return nil
            case 17: return bytes.equalsCaseInsensitive(rest, "transfer-encoding") ? .contentTransferEncoding : nil
            default: return nil
            }
        case UInt8(ascii: "d"): return bytes.equalsCaseInsensitive(name, "date") ? .date : nil
        case UInt8(ascii: "s"):
            if bytes.equalsCaseInsensitive(name, "subject") { return .subject }
            return bytes.equalsCaseInsensitive(name, "sender") ? .sender : nil
        case UInt8(ascii: "f"): return bytes.equalsCaseInsensitive(name, "from") ? .from : nil
        case UInt8(ascii: "t"): return bytes.equalsCaseInsensitive(name, "to") ? .to : nil
        case UInt8(ascii: "b"): return bytes.equalsCaseInsensitive(name, "bcc") ? .bcc : nil
        case UInt8(ascii: "r"):
            if bytes.equalsCaseInsensitive(name, "reply-to") { return .replyTo }
            return bytes.equalsCaseInsensitive(name, "references") ? .references : nil
        case UInt8(ascii: "m"): return bytes.equalsCaseInsensitive(name, "message-id") ? .messageID : nil
        case UInt8(ascii: "i"): return bytes.equalsCaseInsensitive(name, "in-reply-to") ? .inReplyTo : nil
        default: return nil
        }
    }
}

/// Where the first field of each known name is in a header.
struct KnownFieldIndex {
    private var positions: [Int]
    private let fields: [HeaderField]

    init(_ bytes: [UInt8], _ fields: [HeaderField]) {
        self.fields = fields
        var positions = [Int](repeating: -1, count: KnownHeaderField.allCases.count)
        for (position, field) in fields.enumerated() {
            if let known = KnownHeaderField.classify(bytes, field.nameRange), positions[known.rawValue] < 0 {
                positions[known.rawValue] = position
            }
        }
        self.positions = positions
    }

    /// The first field with this name (RFC 5322 allows these at most once; later ones are ignored).
    subscript(_ known: KnownHeaderField) -> HeaderField? {
        let position = positions[known.rawValue]
        return position >= 0 ? fields[position] : nil
    }
}
