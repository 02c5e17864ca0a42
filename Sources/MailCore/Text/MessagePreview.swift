/// Builds the PREVIEW text of RFC 8970: up to 256 characters (Unicode scalars) of the
/// message's text with whitespace normalized, quoted lines (`>`) left out.
enum MessagePreview {
    static let maximumCharacters = 256
    /// How much decoded text a preview is made from (whitespace runs and quoted lines may
    /// take up much of it).
    static let sourceTextLimit = 16 * 1024

    /// The preview of UTF-8 text whose line breaks are LF (at most `sourceTextLimit` bytes are read).
    static func make(fromUTF8 text: ArraySlice<UInt8>) -> String {
        text.withUnsafeBufferPointer { make(fromUTF8: $0).preview }
    }

    /// The preview of UTF-8 text, and how many bytes of it were looked at (the preview
    /// depends on no byte after them). CRLF and a lone CR count as one LF, as if the text had
    /// been normalized first (so message bytes need no copy); at most `sourceTextLimit` bytes
    /// of the normalized text are read.
    static func make(fromUTF8 input: UnsafeBufferPointer<UInt8>) -> (preview: String, bytesRead: Int) {
        guard let source = input.baseAddress, !input.isEmpty else { return ("", 0) }
        var bytesRead = 0
        let preview = String(unsafeUninitializedCapacity: maximumCharacters * 4) { output in
            guard let target = output.baseAddress else { return 0 }
            let capacity = output.count
            let count = input.count
            var end = Swift.min(count, sourceTextLimit)
            var index = 0
            var written = 0
            var characters = 0
            var lineStart = true
            var skippingLine = false
            var pendingSpace = false
            scan: while index < end {
                var byte = source[index]
                if !lineStart && !skippingLine && byte &- 33 < 94 {
                    // The common case, visible ASCII characters and single spaces between them:
                    // copied as they are, one character per byte.
                    let stop = written &+ Swift.min(maximumCharacters - characters, capacity - written)
                    guard written < stop else { break scan }
                    let runStart = written
                    if pendingSpace {
                        // The space is written only with the character after it.
                        guard written &+ 1 < stop else { break scan }
                        target[written] = ASCII.space
                        written &+= 1
                        pendingSpace = false
                    }
                    while written < stop {
                        target[written] = byte
                        written &+= 1
                        index &+= 1
                        guard index < end else { break }
                        byte = source[index]
                        if byte &- 33 < 94 { continue }
                        guard byte == ASCII.space, index &+ 1 < end, source[index &+ 1] &- 33 < 94, written &+ 1 < stop else { break }
                        target[written] = byte
                        written &+= 1
                        index &+= 1
                        byte = source[index]
                    }
                    characters += written - runStart
                    continue
                }
                index += 1
                if byte == ASCII.carriageReturn {
                    if index < count && source[index] == ASCII.lineFeed {
                        // The CR of a CRLF is not part of the normalized text.
                        end = Swift.min(count, end + 1)
                        continue
                    }
                    byte = ASCII.lineFeed
                }
                if byte == ASCII.lineFeed {
                    lineStart = true
                    skippingLine = false
                    pendingSpace = written > 0
                    continue
                }
                if lineStart && !ASCII.isWhitespace(byte) {
                    lineStart = false
                    skippingLine = byte == ASCII.greaterThan
                }
                if skippingLine { continue }
                if byte < 32 || byte == 127 || byte == ASCII.space {
                    pendingSpace = written > 0
                    continue
                }
                if byte & 0xC0 != 0x80 {
                    // The first byte of a scalar: is there room for it (and a space before it)?
                    if pendingSpace {
                        if characters + 2 > maximumCharacters || written >= capacity { break scan }
                        target[written] = ASCII.space
                        written += 1
                        characters += 1
                        pendingSpace = false
                    } else if characters + 1 > maximumCharacters {
                        break scan
                    }
                    characters += 1
                }
                guard written < capacity else { break }
                target[written] = byte
                written += 1
            }
            // The bytes at `index` and after it may have been looked at (to end a run, to see a CRLF).
            bytesRead = Swift.min(count, index + 2)
            // Never end inside a scalar.
            while written > 0 && target[written - 1] & 0x80 != 0 {
                var start = written - 1
                while start > 0 && target[start] & 0xC0 == 0x80 { start -= 1 }
                let lead = target[start]
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
                if written - start >= length { break }
                written = start
            }
            return written
        }
        return (preview, bytesRead)
    }
}
