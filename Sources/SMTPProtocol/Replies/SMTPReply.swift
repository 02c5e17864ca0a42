/// One SMTP reply (RFC 5321 §4.2): a three-digit code, an enhanced status code where RFC 2034
/// asks for one, and one or more lines of text.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    /// The three-digit reply code, e.g. 250.
    public var code: Int
    /// The enhanced status code placed before the text of every line, if any. Replies with a
    /// 3xx code, the greeting and the replies to HELO/EHLO carry none (RFC 2034 §4).
    public var enhancedCode: SMTPEnhancedStatusCode?
    /// The text lines, without line breaks. An empty array is sent as one line with no text.
    public var lines: [String]

    /// Creates a reply of several lines.
    public init(code: Int, enhancedCode: SMTPEnhancedStatusCode?, lines: [String]) {
        self.code = code
        self.enhancedCode = enhancedCode
        self.lines = lines
    }

    /// Creates a one-line reply.
    public init(_ code: Int, _ enhancedCode: SMTPEnhancedStatusCode?, _ text: String) {
        self.init(code: code, enhancedCode: enhancedCode, lines: [text])
    }

    /// Whether the reply is positive (2xx), so the command was accepted.
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// Whether the reply is positive intermediate (3xx): the server waits for more input.
    public var isPositiveIntermediate: Bool { (300..<400).contains(code) }
    /// Whether the reply is a transient (4xx) or permanent (5xx) failure.
    public var isFailure: Bool { code >= 400 }

    /// The reply as the lines sent on the wire, each ending in CRLF (see ``SMTPReplyEncoder``).
    public var encoded: [UInt8] { SMTPReplyEncoder.encode(self) }

    /// The reply as text, lines separated by CRLF (for logs and tests).
    public var description: String { String(decoding: encoded, as: UTF8.self) }
}
