import FuzzSupport
import POP3Protocol

/// libFuzzer's entry point: POP3 input from a hostile client, and hostile message content.
///
/// Each line goes to `POP3CommandParser`; the payload, in pieces, drives a whole
/// `POP3ServerSession` (USER/PASS, APOP, AUTH, STLS, TRANSACTION and UPDATE) whose questions
/// are answered at once; and the payload, taken as a stored message, goes through the
/// multi-line encoder of RETR and TOP, whose output must never end early (see
/// ``checkMultiline(_:)``). Option bits: 0 implicit TLS, 1 plaintext login allowed,
/// 2 APOP offered, 3 the maildrop is in use, 4 message transfers fail, 5 tight limits (and a
/// TOP of `options >> 6` lines in the encoder check), 6 the deletion commit fails, 7 the peer
/// closes in the middle of the payload.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    for line in input.lines {
        _ = try? POP3CommandParser.parse(Array(line))
    }
    encodeMessage(input)
    var driver = POP3SessionDriver(input: input)
    driver.run()
    return 0
}

/// Encodes the payload as RETR and TOP would, whole and in pieces, and checks the results.
private func encodeMessage(_ input: FuzzInput) {
    let limit: Int? = input.flag(5) ? Int(input.options >> 6) : nil
    let whole = POP3MultilineEncoder.encodeWhole(input.payload, bodyLineLimit: limit)
    var encoder = POP3MultilineEncoder(bodyLineLimit: limit)
    var pieces: [UInt8] = []
    for chunk in input.chunks where !encoder.isComplete {
        encoder.encode(chunk, into: &pieces)
    }
    pieces += encoder.finish()
    precondition(pieces == whole, "the encoding depends on how the content was cut")
    checkMultiline(whole)
    _ = POP3TopExcerpt.cut(input.payload, bodyLineCount: limit ?? 0)
}

/// A multi-line response must end with `.` CRLF and nowhere before: every earlier line that
/// starts with a dot must have been stuffed, or a message could end the response and inject
/// responses of its own.
func checkMultiline(_ encoded: [UInt8]) {
    let terminator = POP3MultilineEncoder.terminator
    precondition(encoded.count >= terminator.count && Array(encoded.suffix(terminator.count)) == terminator,
                 "a multi-line response does not end with the terminator")
    let content = encoded.dropLast(terminator.count)
    precondition(content.isEmpty || content.last == UInt8(ascii: "\n"), "the terminator does not start a line")
    var lineStart = content.startIndex
    for index in content.indices where content[index] == UInt8(ascii: "\n") {
        let line = content[lineStart..<index]
        precondition(line.first != UInt8(ascii: ".") || line.dropFirst().first == UInt8(ascii: "."),
                     "a line starting with a dot was not stuffed")
        lineStart = index + 1
    }
}
