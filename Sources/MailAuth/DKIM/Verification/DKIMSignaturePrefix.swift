/// The `header.b` values of RFC 6008 §4: the start of each signature, long enough to tell it
/// from the others of the same message.
enum DKIMSignaturePrefix {
    /// RFC 6008 §4: at least eight characters.
    static let minimumLength = 8

    /// For each signature text, its shortest prefix (at least ``minimumLength``) that no
    /// other text shares; a text that equals another is given whole.
    static func shortestDistinct(_ texts: [String]) -> [String] {
        texts.enumerated().map { index, text in
            let characters = Array(text)
            var length = min(minimumLength, characters.count)
            while length < characters.count {
                let prefix = String(characters[0..<length])
                let shared = texts.enumerated().contains { other, otherText in
                    other != index && otherText != text && otherText.hasPrefix(prefix)
                }
                if !shared { break }
                length += 1
            }
            return String(characters[0..<length])
        }
    }
}
