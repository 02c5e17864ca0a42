extension ReceivedSPFField {
    /// Making untrusted text safe inside a header field (RFC 5322 §3.2).
    enum FieldText {
        /// The longest piece of peer-supplied text kept, so no line can near the 998 limit.
        static let maximumValueLength = 256
        /// The line length folding aims for (RFC 5322 §2.1.1).
        static let maximumLineLength = 78

        /// Printable ASCII with runs of spaces collapsed; anything else becomes "?"; cut to the maximum.
        static func printable(_ text: String) -> [UInt8] {
            var bytes: [UInt8] = []
            for byte in text.utf8.prefix(maximumValueLength) {
                let safe: UInt8 = (0x20...0x7E).contains(byte) ? byte : UInt8(ascii: "?")
                if safe == UInt8(ascii: " "), bytes.last == UInt8(ascii: " ") { continue }
                bytes.append(safe)
            }
            return bytes
        }

        /// Text for inside a comment: "(", ")" and "\" escaped as quoted-pairs.
        static func comment(_ text: String) -> String {
            var bytes: [UInt8] = []
            for byte in printable(text) {
                if byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\\") {
                    bytes.append(UInt8(ascii: "\\"))
                }
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// A key-value pair's value: as it is when it is a dot-atom, else a quoted-string.
        static func value(_ text: String) -> String {
            let bytes = printable(text)
            if isDotAtom(bytes) { return String(decoding: bytes, as: UTF8.self) }
            var quoted: [UInt8] = [UInt8(ascii: "\"")]
            for byte in bytes {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { quoted.append(UInt8(ascii: "\\")) }
                quoted.append(byte)
            }
            quoted.append(UInt8(ascii: "\""))
            return String(decoding: quoted, as: UTF8.self)
        }

        /// dot-atom-text: atext runs separated by single dots (RFC 5322 §3.2.3).
        private static func isDotAtom(_ bytes: [UInt8]) -> Bool {
            guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "."), last != UInt8(ascii: ".")
            else { return false }
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == UInt8(ascii: ".") {
                    if previous == byte { return false }
                } else if !isAtext(byte) {
                    return false
                }
                previous = byte
            }
            return true
        }

        private static func isAtext(_ byte: UInt8) -> Bool {
            SPFCharacter.isAlphanumeric(byte) || atextSymbols.contains(byte)
        }

        private static let atextSymbols: [UInt8] = Array("!#$%&'*+-/=?^_`{|}~".utf8)

        /// The field folded before words so that lines stay within 78 characters where a word
        /// allows it, each line ended by CRLF. Only single spaces between non-spaces are
        /// folding points, so no line is left blank and unfolding restores the text.
        static func fold(_ line: String) -> String {
            let bytes = Array(line.utf8)
            var output: [UInt8] = []
            var lineLength = 0
            var wordStart = 0
            func emit(_ word: ArraySlice<UInt8>) {
                if lineLength == 0 {
                    output += word
                    lineLength = word.count
                } else if lineLength + 1 + word.count <= maximumLineLength {
                    output.append(UInt8(ascii: " "))
                    output += word
                    lineLength += 1 + word.count
                } else {
                    output += [0x0D, 0x0A, UInt8(ascii: " ")]
                    output += word
                    lineLength = 1 + word.count
                }
            }
            for index in bytes.indices where bytes[index] == UInt8(ascii: " ") {
                guard index > wordStart, bytes[index - 1] != UInt8(ascii: " "),
                      index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: " ") else { continue }
                emit(bytes[wordStart..<index])
                wordStart = index + 1
            }
            emit(bytes[wordStart...])
            output += [0x0D, 0x0A]
            return String(decoding: output, as: UTF8.self)
        }
    }
}
