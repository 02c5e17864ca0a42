/// Encodes header text for messages Martlet writes (RFC 2047), always in UTF-8.
public enum EncodedWordEncoder {
    /// The longest encoded word RFC 2047 §2 allows.
    static let maximumWordLength = 75
    /// The longest header line we produce (RFC 5322 §2.1.1 recommends 78).
    static let maximumLineLength = 76

    /// Encodes an unstructured value (such as Subject) for a field whose name is
    /// `fieldNameLength` octets long. Printable ASCII without `=?` is returned unchanged;
    /// otherwise the text becomes UTF-8 encoded words, folded with CRLF SP between them.
    public static func encodeUnstructured(_ text: String, fieldNameLength: Int = 0) -> String {
        if !needsEncoding(text) { return text }
        return fold(encodedWords(text, forPhrase: false), firstLineUsed: fieldNameLength + 2)
    }

    /// Encodes a display name (an RFC 5322 phrase): atoms stay as they are, other ASCII is
    /// quoted, and non-ASCII text becomes encoded words with the restricted Q alphabet of §5(3).
    public static func encodePhrase(_ text: String) -> String {
        if !needsEncoding(text) {
            let isAtoms = !text.isEmpty && text.utf8.allSatisfy { ASCII.isAtomCharacter($0) || $0 == ASCII.space }
                && text.first != " " && text.last != " "
            if isAtoms { return text }
            var quoted = "\""
            for character in text {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return quoted + "\""
        }
        return encodedWords(text, forPhrase: true).joined(separator: " ")
    }

    /// The text as UTF-8 encoded words of at most 75 octets each, never splitting a
    /// character; B or Q, whichever is shorter for this text.
    public static func encodedWords(_ text: String, forPhrase: Bool = false) -> [String] {
        let bytes = Array(text.utf8)
        let qLength = bytes.reduce(0) { $0 + (isQLiteral($1, forPhrase: forPhrase) ? 1 : 3) }
        let useBase64 = qLength > (bytes.count + 2) / 3 * 4
        let prefix = useBase64 ? "=?utf-8?b?" : "=?utf-8?q?"
        let capacity = maximumWordLength - prefix.utf8.count - 2
        var words = [String]()
        var chunk = [UInt8]()
        var chunkLength = 0
        func emit() {
            guard !chunk.isEmpty else { return }
            let body = useBase64 ? Base64.encodedString(chunk) : qEncoded(chunk, forPhrase: forPhrase)
            words.append(prefix + body + "?=")
            chunk.removeAll()
            chunkLength = 0
        }
        for scalar in text.unicodeScalars {
            var encoded = [UInt8]()
            encoded.appendUTF8(scalar: scalar.value)
            let length: Int
            if useBase64 {
                length = (chunk.count + encoded.count + 2) / 3 * 4 - chunkLength
            } else {
                length = encoded.reduce(0) { $0 + (isQLiteral($1, forPhrase: forPhrase) ? 1 : 3) }
            }
            if chunkLength + length > capacity { emit() }
            chunk.append(contentsOf: encoded)
            chunkLength = useBase64 ? (chunk.count + 2) / 3 * 4 : chunkLength + length
        }
        emit()
        return words
    }

    private static func needsEncoding(_ text: String) -> Bool {
        var previous: UInt8 = 0
        var wordLength = 0
        for byte in text.utf8 {
            if byte >= 127 || (byte < 32 && byte != ASCII.tab) { return true }
            if previous == ASCII.equals && byte == ASCII.questionMark { return true }
            wordLength = byte == ASCII.space ? 0 : wordLength + 1
            if wordLength > 900 { return true }
            previous = byte
        }
        return false
    }

    private static func isQLiteral(_ byte: UInt8, forPhrase: Bool) -> Bool {
        if ASCII.isLetter(byte) || ASCII.isDigit(byte) || byte == ASCII.space { return true }
        if forPhrase {
            // §5(3): only letters, digits, "!", "*", "+", "-", "/" in a phrase.
            return byte == 33 || byte == 42 || byte == 43 || byte == 45 || byte == 47
        }
        return byte > 32 && byte < 127 && byte != ASCII.equals && byte != ASCII.questionMark
            && byte != ASCII.underscore
    }

    private static func qEncoded(_ bytes: [UInt8], forPhrase: Bool) -> String {
        var output = [UInt8]()
        for byte in bytes {
            if byte == ASCII.space {
                output.append(ASCII.underscore)
            } else if isQLiteral(byte, forPhrase: forPhrase) {
                output.append(byte)
            } else {
                output.append(ASCII.equals)
                output.append(QuotedPrintable.hexDigits[Int(byte >> 4)])
                output.append(QuotedPrintable.hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func fold(_ words: [String], firstLineUsed: Int) -> String {
        var result = ""
        var column = firstLineUsed
        for (index, word) in words.enumerated() {
            if index > 0 {
                if column + 1 + word.utf8.count > maximumLineLength {
                    result += "\r\n "
                    column = 1
                } else {
                    result += " "
                    column += 1
                }
            }
            result += word
            column += word.utf8.count
        }
        return result
    }
}
