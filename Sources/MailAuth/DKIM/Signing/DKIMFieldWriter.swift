/// Writes a header field of tag=value elements folded to lines of at most 78 characters
/// (RFC 5322 §2.1.1), continuation lines starting with a tab.
struct DKIMFieldWriter {
    static let lineLimit = 78

    private(set) var text: String
    private var column: Int

    /// Starts the field with its name and colon.
    init(name: String) {
        text = name + ":"
        column = text.utf8.count
    }

    /// Appends `token` after `separator` ("" or " "), folding before it when the line
    /// would grow too long; a fold is whitespace wherever a separator may stand.
    mutating func append(_ token: String, separator: String = " ") {
        let width = token.utf8.count
        if column + separator.utf8.count + width > Self.lineLimit, column > 1 {
            text += "\r\n\t"
            column = 1
        } else {
            text += separator
            column += separator.utf8.count
        }
        text += token
        column += width
    }

    /// Appends base64 text right after what was written, broken across lines wherever it
    /// reaches the limit (folding whitespace may stand anywhere in a base64 tag value,
    /// RFC 6376 §2.4).
    mutating func appendBase64(_ value: String) {
        var remaining = Substring(value)
        while !remaining.isEmpty {
            if column >= Self.lineLimit {
                text += "\r\n\t"
                column = 1
            }
            let room = Self.lineLimit - column
            let piece = remaining.prefix(room)
            text += piece
            column += piece.utf8.count
            remaining = remaining.dropFirst(piece.count)
        }
    }
}
