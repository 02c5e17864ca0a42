#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header text.
///
/// Lenient as real mail requires: whitespace between adjacent encoded words is dropped
/// (§6.2), the bytes of adjacent words in one charset are joined before conversion so a
/// character split across words survives, a language suffix (`utf-8*en`, RFC 2231 §5) is
/// ignored, words glued to other text are decoded, and malformed words are kept literally.
/// Text outside encoded words is UTF-8 if valid (RFC 6532), else Windows-1252.
public enum EncodedWordDecoder {
    /// Decodes the encoded words in an unfolded header value.
    public static func decode(_ text: String) -> String {
        guard mayContainEncodedWord(text) else { return text }
        var defects = DefectLog(limit: 1)
        return decode(Array(text.utf8)[...], defects: &defects)
    }

    /// Decodes the encoded words in raw header bytes, recording problems in `defects`.
    static func decode(_ bytes: ArraySlice<UInt8>, defects: inout DefectLog) -> String {
        // Fast path: nothing that could start an encoded word.
        guard mayContainEncodedWord(bytes) else {
            guard bytes.contains(where: { $0 == ASCII.carriageReturn || $0 == ASCII.lineFeed }) else {
                return CharsetDecoder.lenientString(bytes).text
            }
            return CharsetDecoder.lenientString(bytes).text.replacingLineBreaks()
        }
        var output = [UInt8]()
        output.reserveCapacity(bytes.count)
        var pending = [UInt8]()          // decoded bytes of adjacent words in `pendingCharset`
        var pendingCharset: ArraySlice<UInt8> = []
        var literalStart = bytes.startIndex
        var index = bytes.startIndex
        var previousWordEnd: Int? = nil

        func flushPending() {
            guard !pending.isEmpty || !pendingCharset.isEmpty else { return }
            let name = String(decoding: pendingCharset, as: UTF8.self)
            let status = CharsetDecoder.appendUTF8(pending[...], charsetNamed: name, to: &output)
            switch status {
            case .exact: break
            case .invalidBytes: defects.record(.invalidCharsetData(name))
            case .unknownCharset(let unknown): defects.record(.unknownCharset(unknown))
            }
            pending.removeAll(keepingCapacity: true)
            pendingCharset = []
        }

        while index + 1 < bytes.endIndex {
            guard bytes[index] == ASCII.equals, bytes[index + 1] == ASCII.questionMark,
                  let word = parseWord(bytes, at: index) else {
                index += 1
                continue
            }
            // Text between two encoded words that is only whitespace is dropped (§6.2).
            let between = bytes[literalStart..<index]
            let onlyWhitespace = between.allSatisfy(ASCII.isWhitespaceOrLineBreak)
            if !(previousWordEnd != nil && onlyWhitespace) && !between.isEmpty {
                flushPending()
                _ = CharsetDecoder.appendLenient(between, to: &output)
            }
            if !pendingCharset.elementsEqual(word.charset, by: { ASCII.lowercased($0) == ASCII.lowercased($1) }) {
                flushPending()
                pendingCharset = word.charset
            }
            let clean: Bool
            if word.isBase64 {
                clean = Base64.decode(word.text, appendingTo: &pending)
                if !clean { defects.record(.invalidBase64) }
            } else {
                clean = decodeQ(word.text, appendingTo: &pending)
                if !clean { defects.record(.invalidQuotedPrintable) }
            }
            index = word.end
            literalStart = word.end
            previousWordEnd = word.end
        }
        flushPending()
        if literalStart < bytes.endIndex {
            _ = CharsetDecoder.appendLenient(bytes[literalStart...], to: &output)
        }
        return String(decoding: output, as: UTF8.self).replacingLineBreaks()
    }

    struct Word {
        var charset: ArraySlice<UInt8>
        var isBase64: Bool
        var text: ArraySlice<UInt8>
        var end: Int
    }

    /// Parses `=?charset[*lang]?B|Q?text?=` at `start`; nil if it is not a well-formed word.
    static func parseWord(_ bytes: ArraySlice<UInt8>, at start: Int) -> Word? {
        var index = start + 2
        let charsetStart = index
        while index < bytes.endIndex, bytes[index] != ASCII.questionMark {
            let byte = bytes[index]
            guard byte > 32, byte < 127 else { return nil }
            index += 1
        }
        guard index < bytes.endIndex, index > charsetStart else { return nil }
        var charset = bytes[charsetStart..<index]
        if let star = charset.firstIndex(of: ASCII.asterisk) { charset = charset[..<star] }
        guard !charset.isEmpty, index + 2 < bytes.endIndex, bytes[index + 2] == ASCII.questionMark else { return nil }
        let encoding = ASCII.lowercased(bytes[index + 1])
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let textStart = index + 3
        index = textStart
        while index + 1 < bytes.endIndex {
            let byte = bytes[index]
            if byte == ASCII.questionMark && bytes[index + 1] == ASCII.equals {
                return Word(charset: charset, isBase64: encoding == UInt8(ascii: "b"),
                            text: bytes[textStart..<index], end: index + 2)
            }
            // Encoded text has no whitespace (§5); a space means this is not a word.
            guard byte > 32, byte != 127 else { return nil }
            index += 1
        }
        return nil
    }

    /// The "Q" encoding (§4.2): `_` is a space, `=XX` a byte.
    static func decodeQ(_ text: ArraySlice<UInt8>, appendingTo output: inout [UInt8]) -> Bool {
        var clean = true
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == ASCII.underscore {
                output.append(ASCII.space)
            } else if byte == ASCII.equals {
                if let decoded = ASCII.escapedByte(text, at: index) {
                    output.append(decoded)
                    index += 3
                    continue
                }
                clean = false
                output.append(byte)
            } else {
                output.append(byte)
            }
            index += 1
        }
        return clean
    }

    /// Whether the bytes hold `=?`, the start of an encoded word.
    static func mayContainEncodedWord<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        if let found = bytes.withContiguousStorageIfAvailable(mayContainEncodedWord) { return found }
        var previous: UInt8 = 0
        for byte in bytes {
            if previous == ASCII.equals && byte == ASCII.questionMark { return true }
            previous = byte
        }
        return false
    }

    /// Whether the text holds `=?`, the start of an encoded word.
    static func mayContainEncodedWord(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(mayContainEncodedWord)
    }

    static func mayContainEncodedWord(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress, buffer.count >= 2 else { return false }
        var start = 0
        let last = buffer.count - 1
        while start < last, let found = memchr(base + start, Int32(ASCII.equals), last - start) {
            let equals = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if base[equals + 1] == ASCII.questionMark { return true }
            start = equals + 1
        }
        return false
    }
}

extension String {
    /// The text with CR and LF (which cannot appear in one header value once decoded) as spaces.
    func replacingLineBreaks() -> String {
        guard utf8.contains(where: { $0 == ASCII.carriageReturn || $0 == ASCII.lineFeed }) else { return self }
        return String(decoding: utf8.map { $0 == ASCII.carriageReturn || $0 == ASCII.lineFeed ? ASCII.space : $0 }, as: UTF8.self)
    }
}
