/// What a section specifier asks for within the part its number selects (RFC 9051 §6.4.5).
public enum SectionText: Sendable, Hashable {
    /// `BODY[1.2]`: the part's body; with no part number, the whole message (`BODY[]`).
    case body
    /// `BODY[HEADER]`, `BODY[2.HEADER]` and `HEADER.FIELDS`: the header of the message or of
    /// an encapsulated message (the part must be message/rfc822 or message/global).
    case header
    /// `BODY[TEXT]`, `BODY[2.TEXT]`: the body of the message or of an encapsulated message.
    case text
    /// `BODY[1.2.MIME]`: the MIME header of a part (a part number is required).
    case mime
}

extension MessageStructure {
    /// The index in `parts` of the part an IMAP section part number selects, following
    /// RFC 9051 §6.4.5: `[]` is the message; in a non-multipart message `[1]` is its body;
    /// the numbers under a message/rfc822 part count the parts of the encapsulated message.
    /// Nil when the number selects no part.
    public func partIndex(forSection path: [Int]) -> Int? {
        guard !parts.isEmpty else { return nil }
        var current = 0
        var atMessage = true    // `current` heads a message: the top or an encapsulated one
        for number in path {
            guard number >= 1 else { return nil }
            var container = current
            if !atMessage && parts[current].kind == .message {
                container = current + 1
                guard container < parts.count else { return nil }
            } else if !atMessage {
                guard parts[current].kind == .multipart else { return nil }
            }
            if parts[container].kind == .multipart {
                let children = children(of: container)
                guard number <= children.count else { return nil }
                current = children[number - 1]
            } else {
                // A non-multipart message has exactly one part: its body.
                guard number == 1 else { return nil }
                current = container
            }
            atMessage = false
        }
        return current
    }

    /// The byte range in the message that a section selects, or nil when it selects nothing.
    public func byteRange(forSection path: [Int], _ text: SectionText) -> Range<Int>? {
        if path.isEmpty {
            switch text {
            case .body: return 0..<size
            case .header: return parts.first?.headerRange
            case .text: return parts.first?.bodyRange
            case .mime: return nil
            }
        }
        guard let index = partIndex(forSection: path) else { return nil }
        let part = parts[index]
        switch text {
        case .body: return part.bodyRange
        case .mime: return part.headerRange
        case .header, .text:
            guard part.kind == .message, index + 1 < parts.count else { return nil }
            return text == .header ? parts[index + 1].headerRange : parts[index + 1].bodyRange
        }
    }
}
