import MailCore

/// `HEADER field-name string` (RFC 9051 §6.4.4): the message has a field of that name whose
/// value contains the string, compared case-insensitively after unfolding and decoding
/// encoded words; an empty string matches every message that has the field.
enum HeaderMatcher {
    /// Matching against the value the envelope keeps for a field.
    static func matches(_ field: SearchNode.EnvelopeField, _ folded: String, in envelope: Envelope) -> Bool {
        let value: String? = switch field {
        case .subject: envelope.subject.map(EncodedWordDecoder.decode)
        case .messageID: envelope.messageID
        case .inReplyTo: envelope.inReplyTo
        case .date: envelope.date
        }
        guard let value else { return false }
        return contains(value, folded)
    }

    /// Matching against every field of that (folded) name in a parsed header.
    static func matches(_ foldedName: String, _ folded: String, in header: MessageHeader) -> Bool {
        for field in header.fields(named: foldedName) where contains(header.decodedValue(of: field), folded) {
            return true
        }
        return false
    }

    /// Whether `text` contains `folded` (already lower-cased), ignoring case.
    static func contains(_ text: String, _ folded: String) -> Bool {
        guard !folded.isEmpty else { return true }
        let haystack = Array(text.lowercased().utf8)
        let needle = Array(folded.utf8)
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var start = 0
        let lastStart = haystack.count - needle.count
        while start <= lastStart {
            if haystack[start] == first && haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }
}
