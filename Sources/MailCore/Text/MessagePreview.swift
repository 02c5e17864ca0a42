/// Builds the PREVIEW text of RFC 8970: up to 256 characters (Unicode scalars) of the
/// message's text with whitespace normalized, quoted lines (`>`) left out.
enum MessagePreview {
    static let maximumCharacters = 256
    /// How much decoded text a preview is made from (whitespace runs and quoted lines may
    /// take up much of it).
    static let sourceTextLimit = 16 * 1024

    static func make(fromUTF8 text: ArraySlice<UInt8>) -> String {
        text.withUnsafeBufferPointer { input in
            String(unsafeUninitializedCapacity: maximumCharacters * 4) { output in
                var written = 0
                var characters = 0
                var lineStart = true
                var skippingLine = false
                var pendingSpace = false
                for byte in input {
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
                        let needed = pendingSpace ? 2 : 1
                        if characters + needed > maximumCharacters { break }
                        if pendingSpace {
                            output[written] = ASCII.space
                            written += 1
                            characters += 1
                            pendingSpace = false
                        }
                        characters += 1
                    }
                    guard written < output.count else { break }
                    output[written] = byte
                    written += 1
                }
                // Never end inside a scalar.
                while written > 0 && output[written - 1] & 0x80 != 0 {
                    var start = written - 1
                    while start > 0 && output[start] & 0xC0 == 0x80 { start -= 1 }
                    let lead = output[start]
                    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
                    if written - start >= length { break }
                    written = start
                }
                return written
            }
        }
    }
}
