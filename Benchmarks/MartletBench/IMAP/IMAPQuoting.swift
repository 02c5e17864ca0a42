/// IMAP quoted strings (RFC 9051 §4.3): `"` and `\` are escaped with `\`.
enum IMAPQuoting {
    /// `text` as a quoted string. Text with CR, LF or NUL cannot be quoted: option
    /// validation refuses such user names and passwords before any connection is made.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for character in text {
            if character == "\"" || character == "\\" { output.append("\\") }
            output.append(character)
        }
        output.append("\"")
        return output
    }

    /// Whether `text` can be sent as a quoted string.
    static func canQuote(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }
}
