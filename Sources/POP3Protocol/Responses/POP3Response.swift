/// A response line the server sends, possibly followed by the lines of a multi-line response
/// (RFC 1939 §3).
public struct POP3Response: Sendable, Equatable {
    /// The status indicator that opens the line.
    public enum Status: Sendable, Equatable {
        /// `+OK`.
        case ok
        /// `-ERR`.
        case error
        /// `+ `: an AUTH challenge (RFC 5034 §4); the text is base64.
        case continuation
    }

    /// The status indicator.
    public var status: Status
    /// The extended response code, sent in brackets after `-ERR` (RFC 2449 §8).
    public var code: POP3ResponseCode?
    /// The text after the status (and code). Line breaks and NULs are sent as spaces.
    public var text: String
    /// The lines of a multi-line response, without line endings; `nil` for a single line.
    /// Encoding byte-stuffs them and adds the terminating `.` line.
    public var lines: [String]?

    /// Creates a response.
    public init(status: Status, code: POP3ResponseCode? = nil, text: String, lines: [String]? = nil) {
        self.status = status
        self.code = code
        self.text = text
        self.lines = lines
    }

    /// `+OK text`, multi-line when `lines` is given.
    public static func ok(_ text: String, lines: [String]? = nil) -> POP3Response {
        POP3Response(status: .ok, text: text, lines: lines)
    }

    /// `-ERR [code] text`.
    public static func error(_ code: POP3ResponseCode?, _ text: String) -> POP3Response {
        POP3Response(status: .error, code: code, text: text)
    }

    /// `-ERR text`, without a response code.
    public static func error(_ text: String) -> POP3Response {
        POP3Response(status: .error, text: text)
    }

    /// `+ base64`: an AUTH challenge.
    public static func continuation(_ base64: String) -> POP3Response {
        POP3Response(status: .continuation, text: base64)
    }

    /// Whether this is a `+OK` response.
    public var isPositive: Bool { status == .ok }

    /// The octets on the wire: the status line with CRLF, then for a multi-line response its
    /// byte-stuffed lines and the terminating `.` line.
    public var encoded: [UInt8] {
        var line: String
        switch status {
        case .ok: line = "+OK"
        case .error: line = "-ERR"
        case .continuation: line = "+"
        }
        if let code { line += " [\(code.rawValue)]" }
        // RFC 5034 §4: a challenge is "+" SP [base64], so the space is there even when empty.
        if !text.isEmpty || status == .continuation { line += " " + text }
        var output = Self.singleLine(line)
        if let lines {
            var encoder = POP3MultilineEncoder()
            for line in lines { output += encoder.encode(Self.singleLine(line)) }
            output += encoder.finish()
        }
        return output
    }

    /// `text` with CR, LF and NUL replaced by spaces, then CRLF.
    private static func singleLine(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        for index in bytes.indices where bytes[index] == 13 || bytes[index] == 10 || bytes[index] == 0 {
            bytes[index] = UInt8(ascii: " ")
        }
        return bytes + [13, 10]
    }
}
