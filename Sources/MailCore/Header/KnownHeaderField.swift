/// The header fields MailCore interprets.
enum KnownHeaderField: Int, CaseIterable {
    case date, subject, from, sender, replyTo, to, cc, bcc, messageID, inReplyTo, references
    case contentType, contentTransferEncoding, contentDisposition, contentID, contentDescription
    case contentLanguage, contentLocation, contentMD5

    /// Classifies a field name (ASCII case-insensitive) without allocating.
    static func classify(_ bytes: UnsafePointer<UInt8>, _ name: Range<Int>) -> KnownHeaderField? {
        guard let first = name.first.map({ ASCII.lowercased(bytes[$0]) }) else { return nil }
        switch first {
        case UInt8(ascii: "c"):
            if name.count == 2 { return ASCII.equalsCaseInsensitive(bytes, name, "cc") ? .cc : nil }
            guard name.count >= 8 && ASCII.equalsCaseInsensitive(bytes, name.lowerBound..<(name.lowerBound + 8), "content-") else { return nil }
            let rest = (name.lowerBound + 8)..<name.upperBound
            switch rest.count {
            case 2: return ASCII.equalsCaseInsensitive(bytes, rest, "id") ? .contentID : nil
            case 3: return ASCII.equalsCaseInsensitive(bytes, rest, "md5") ? .contentMD5 : nil
            case 4: return ASCII.equalsCaseInsensitive(bytes, rest, "type") ? .contentType : nil
            case 8:
                if ASCII.equalsCaseInsensitive(bytes, rest, "language") { return .contentLanguage }
                if ASCII.equalsCaseInsensitive(bytes, rest, "location") { return .contentLocation }
                return nil
            case 11:
                if ASCII.equalsCaseInsensitive(bytes, rest, "description") { return .contentDescription }
                if ASCII.equalsCaseInsensitive(bytes, rest, "disposition") { return .contentDisposition }
                return nil
            case 17: return ASCII.equalsCaseInsensitive(bytes, rest, "transfer-encoding") ? .contentTransferEncoding : nil
            default: return nil
            }
        case UInt8(ascii: "d"): return ASCII.equalsCaseInsensitive(bytes, name, "date") ? .date : nil
        case UInt8(ascii: "s"):
            if ASCII.equalsCaseInsensitive(bytes, name, "subject") { return .subject }
            return ASCII.equalsCaseInsensitive(bytes, name, "sender") ? .sender : nil
        case UInt8(ascii: "f"): return ASCII.equalsCaseInsensitive(bytes, name, "from") ? .from : nil
        case UInt8(ascii: "t"): return ASCII.equalsCaseInsensitive(bytes, name, "to") ? .to : nil
        case UInt8(ascii: "b"): return ASCII.equalsCaseInsensitive(bytes, name, "bcc") ? .bcc : nil
        case UInt8(ascii: "r"):
            if ASCII.equalsCaseInsensitive(bytes, name, "reply-to") { return .replyTo }
            return ASCII.equalsCaseInsensitive(bytes, name, "references") ? .references : nil
        case UInt8(ascii: "m"): return ASCII.equalsCaseInsensitive(bytes, name, "message-id") ? .messageID : nil
        case UInt8(ascii: "i"): return ASCII.equalsCaseInsensitive(bytes, name, "in-reply-to") ? .inReplyTo : nil
        default: return nil
        }
    }
}

/// Where the first field of each known name is in a header.
struct KnownFieldIndex {
    /// One more than the position in `fields` of the first field of each known name; 0 when absent.
    private var positions = SIMD32<Int32>()
    private(set) var fields: [HeaderField] = []

    init() {}

    init(_ bytes: [UInt8], _ fields: [HeaderField]) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for (position, field) in fields.enumerated() where field.nameRange.upperBound <= buffer.count {
                if let known = KnownHeaderField.classify(base, field.nameRange) { note(known, at: position) }
            }
        }
        self.fields = fields
    }

    /// Notes that the field at `position` has a known name (kept if it is the first).
    mutating func note(_ known: KnownHeaderField, at position: Int) {
        if positions[known.rawValue] == 0 && position < Int(Int32.max) { positions[known.rawValue] = Int32(position + 1) }
    }

    /// The index for these fields (the ones `note` was given positions in).
    func with(fields: [HeaderField]) -> KnownFieldIndex {
        var index = self
        index.fields = fields
        return index
    }

    /// The first field with this name (RFC 5322 allows these at most once; later ones are ignored).
    subscript(_ known: KnownHeaderField) -> HeaderField? {
        let position = Int(positions[known.rawValue]) - 1
        return position >= 0 && position < fields.count ? fields[position] : nil
    }
}
