/// RFC 2047 encoded-words for non-ASCII header text (subjects, display names).
enum EncodedWord {
    /// Raw bytes per word: 45 bytes give 60 base64 characters, so "=?UTF-8?B?" + 60 + "?="
    /// stays within the 75 characters RFC 2047 §2 allows.
    private static let bytesPerWord = 45

    /// `text` as-is when it is plain ASCII, else as UTF-8 "B" encoded-words, each at most
    /// 75 characters and never splitting a Unicode scalar's bytes (RFC 2047 §5: each word
    /// must decode on its own). Words are separated by a space (callers fold there).
    static func encodeIfNeeded(_ text: String) -> [String] {
        guard !text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) else { return [text] }
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > bytesPerWord, !chunk.isEmpty {
                words.append(word(chunk))
                chunk = []
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?\(Base64.encode(bytes))?=" }
}
