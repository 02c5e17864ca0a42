import FuzzSupport
import MailCore
import SMTPProtocol

/// libFuzzer's entry point: SMTP input from a hostile peer.
///
/// Each line goes to `SMTPCommandParser` (with and without SMTPUTF8 recipients); the payload goes to the client's `SMTPReplyParser`
/// (a hostile server's replies); and the payload, in pieces, drives a whole
/// `SMTPServerSession` (framer, DATA and BDAT, AUTH, STARTTLS) whose questions are answered
/// at once. Option bits: 0–1 the listener (MX, submission, implicit TLS, submission allowing
/// AUTH without TLS), 2 refuse senders, 3 refuse recipients, 4 refuse commits, 5 tight
/// limits, 6 talk before the greeting, 7 the peer closes in the middle of the payload.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    for line in input.lines {
        _ = try? SMTPCommandParser.parse(line, allowsUTF8Recipients: false)
        _ = try? SMTPCommandParser.parse(line, allowsUTF8Recipients: true)
    }
    parseReplies(input.payload)
    var driver = SMTPSessionDriver(input: input)
    driver.run()
    return 0
}

/// Feeds `bytes` to the reply parser of the SMTP client and encodes every reply it reads.
private func parseReplies(_ bytes: [UInt8]) {
    var parser = SMTPReplyParser()
    parser.recognizesEnhancedStatusCodes = true
    parser.append(bytes)
    while true {
        do {
            guard let reply = try parser.next() else { return }
            _ = reply.encoded
        } catch {
            return
        }
    }
}
