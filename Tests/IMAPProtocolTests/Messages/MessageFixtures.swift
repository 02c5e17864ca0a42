import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

/// Messages and helpers shared by the tests of the message computations.
enum MessageFixtures {
    static func crlf(_ lines: [String]) -> [UInt8] {
        Array(lines.joined(separator: "\r\n").utf8)
    }

    /// A nested message: 1 multipart/alternative (1.1 quoted-printable text, 1.2 HTML),
    /// 2 base64 octets holding NUL, 3 message/rfc822 (3.1 text, 3.2 in x-uuencode),
    /// 4 8-bit text.
    static let nested = crlf([
        "From: Alice <alice@example.org>",
        "To: Bob <bob@example.org>, \"Carol C\" <carol@example.org>",
        "Cc: Dave <dave@example.org>",
        "Subject: =?utf-8?q?Caf=C3=A9?= plans",
        "Date: Mon, 7 Feb 1994 21:52:25 -0800",
        "Message-ID: <outer@example.org>",
        "X-Tag: first",
        "x-tag: second,",
        "  folded",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"outer\"",
        "",
        "preamble",
        "--outer",
        "Content-Type: multipart/alternative; boundary=\"inner\"",
        "",
        "--inner",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        "Caf=C3=A9 at noon=0D=0Asoft=",
        " break",
        "--inner",
        "Content-Type: text/html; charset=utf-8",
        "",
        "<p>Caf\u{E9}</p>",
        "--inner--",
        "",
        "--outer",
        "Content-Type: application/octet-stream",
        "Content-Transfer-Encoding: base64",
        "",
        "AAECAwQ=",
        "--outer",
        "Content-Type: message/rfc822",
        "",
        "From: Eve <eve@example.org>",
        "Subject: inner message",
        "Content-Type: multipart/mixed; boundary=\"deep\"",
        "",
        "--deep",
        "Content-Type: text/plain",
        "",
        "deep text",
        "--deep",
        "Content-Type: image/png",
        "Content-Transfer-Encoding: x-uuencode",
        "",
        "begin 644 x",
        "--deep--",
        "",
        "--outer",
        "Content-Type: text/plain; charset=iso-8859-1",
        "Content-Transfer-Encoding: 8bit",
        "",
        "na\u{EF}ve",
        "--outer--",
        "",
    ])

    /// A one-part message.
    static let simple = crlf([
        "From: Terry Gray <gray@cac.washington.edu>",
        "Subject: IMAP4rev1 WG mtg summary and minutes",
        "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)",
        "",
        "Minutes of the meeting.",
        "Second line.",
        "",
    ])

    /// A message with a header and no blank line or body.
    static let headerOnly = Array("Subject: nothing else\r\nX-A: b\r\n".utf8)

    /// A malformed message: no boundary parameter, stray 8-bit header octets, broken base64.
    static let malformed = crlf([
        "Subject: caf\u{E9} broken",
        "Content-Type: multipart/mixed",
        "Content-Transfer-Encoding: base64",
        "",
        "!!!not base64 at all",
        "",
    ])

    static func structure(_ bytes: [UInt8]) -> MessageStructure {
        MessageParser().parse(bytes, extractingSearchText: false).structure
    }

    /// A summary with the given values.
    static func summary(uid: UInt32, modSeq: UInt64 = 1, flags: MessageFlags = .none, internalDate: Int64 = 760_000_000,
                        saveDate: Int64? = nil, size: Int = 100) -> MessageSummary {
        MessageSummary(uid: UID(uid), modSequence: ModSequence(modSeq), flags: flags,
                       internalDate: Date(timeIntervalSince1970: TimeInterval(internalDate)),
                       saveDate: Date(timeIntervalSince1970: TimeInterval(saveDate ?? internalDate)), size: size)
    }

    /// A message with its content, ready for FETCH.
    static func message(_ bytes: [UInt8], uid: UInt32 = 7, flags: MessageFlags = .none) -> FetchMessage {
        FetchMessage(summary: summary(uid: uid, flags: flags, size: bytes.count), structure: structure(bytes), bytes: bytes)
    }

    /// The FETCH command a line parses to.
    static func fetchCommand(_ line: String) throws -> FetchCommand {
        guard case .fetch(let fetch)? = command(line) else {
            Issue.record("not a FETCH: \(line)")
            throw FixtureError.unparsed
        }
        return fetch
    }

    /// The text of `* 1 FETCH (...)` for the items of a FETCH line rendered over a message.
    static func fetched(_ line: String, _ message: FetchMessage, options: FetchRenderOptions = FetchRenderOptions()) throws -> String {
        let plan = FetchPlan(try fetchCommand(line))
        let outputs = try plan.render(message, options: options)
        return written { writer in
            writer.beginFetch(sequenceNumber: 1)
            for output in outputs { writer.writeFetchOutput(output, message: message.bytes ?? []) }
            writer.endFetch()
        }
    }

    /// The text between two markers of a message (the first occurrence of each after the previous).
    static func text(_ bytes: [UInt8], from start: String, to end: String) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let lower = text.range(of: start), let upper = text.range(of: end, range: lower.upperBound..<text.endIndex) else {
            return "<missing>"
        }
        return String(text[lower.upperBound..<upper.lowerBound])
    }

    enum FixtureError: Error { case unparsed }
}
