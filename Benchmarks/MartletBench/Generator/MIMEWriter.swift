/// Writes a message line by line with CRLF endings: folded header fields, text parts in
/// 7bit, 8bit or quoted-printable, base64 attachments, and multipart boundaries.
struct MIMEWriter {
    /// How a text part's body is carried (RFC 2045 §6).
    enum TextEncoding: String {
        case sevenBit = "7bit"
        case eightBit = "8bit"
        case quotedPrintable = "quoted-printable"
    }

    private(set) var bytes: [UInt8] = []

    /// Appends what another writer produced (a nested part).
    mutating func append(rawLines other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    mutating func line(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(contentsOf: [13, 10])
    }

    /// A header field from words, folded before a word when the line would pass 78
    /// characters (RFC 5322 §2.2.3); a single long word stays whole (at most 998).
    mutating func header(_ name: String, _ words: [String]) {
        var current = "\(name):"
        for word in words {
            if current.utf8.count + 1 + word.utf8.count > 78, current.utf8.count > name.utf8.count + 1 {
                line(current)
                current = " \(word)"
            } else {
                current += " \(word)"
            }
        }
        line(current)
    }

    mutating func header(_ name: String, _ value: String) {
        header(name, value.split(separator: " ").map(String.init))
    }

    /// A text part: its Content-Type and Content-Transfer-Encoding, a blank line, the body.
    mutating func textPart(subtype: String, lines: [String], encoding: TextEncoding) {
        let charset = encoding == .sevenBit ? "us-ascii" : "utf-8"
        header("Content-Type", ["text/\(subtype);", "charset=\(charset)"])
        header("Content-Transfer-Encoding", encoding.rawValue)
        line("")
        for text in lines {
            if encoding == .quotedPrintable {
                for encoded in QuotedPrintable.encode(line: text) { line(encoded) }
            } else {
                line(text)
            }
        }
    }

    /// An attachment: media type, file name (RFC 2231 when not plain ASCII), base64 body.
    mutating func attachment(mediaType: String, fileName: String, content: [UInt8]) {
        let nameParameter = Self.fileNameParameter(fileName)
        header("Content-Type", ["\(mediaType);", "name\(nameParameter)"])
        header("Content-Disposition", ["attachment;", "filename\(nameParameter)"])
        header("Content-Transfer-Encoding", "base64")
        line("")
        for encoded in Base64.lines(content) { line(encoded) }
    }

    /// `="name"` for ASCII file names, `*=utf-8''percent-encoded` otherwise (RFC 2231 §4).
    static func fileNameParameter(_ fileName: String) -> String {
        let simple = fileName.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && $0 != "\"" && $0 != "\\" }
        if simple { return "=\"\(fileName)\"" }
        var encoded = ""
        for byte in fileName.utf8 {
            let isAttributeCharacter = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            if isAttributeCharacter {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return "*=utf-8''\(encoded)"
    }

    /// Writes a multipart body: each part is written by one closure, between delimiter
    /// lines, followed by the close delimiter (RFC 2046 §5.1.1).
    mutating func multipart(boundary: String, parts: [(inout MIMEWriter) -> Void]) {
        line("This is a multi-part message in MIME format.")
        for part in parts {
            line("")
            line("--\(boundary)")
            part(&self)
        }
        line("")
        line("--\(boundary)--")
    }
}
