import FuzzSupport
import IMAPProtocol
import MailCore

/// libFuzzer's entry point: IMAP command input from a hostile client.
///
/// The payload, in pieces, goes to the streaming `CommandParser` (lines, synchronizing and
/// non-synchronizing literals, literal8, APPEND and MULTIAPPEND, IDLE's DONE, AUTHENTICATE
/// responses, the stop after STARTTLS and COMPRESS). Mailbox names are decoded from modified
/// UTF-7 and every refusal is written as the response the server would send. Option bits:
/// 0 tight limits, 1 LITERAL- instead of LITERAL+, 2 UTF8=ACCEPT, 3 refuse every APPEND,
/// 4 resume after STARTTLS instead of dropping what followed, 5 feed COMPRESS's buffered
/// octets back as they are.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    var driver = IMAPParserDriver(input: input)
    for chunk in input.chunks {
        guard driver.feed(chunk) else { break }
    }
    return 0
}

/// Plays the session around a `CommandParser`: pulls every event and sets the parser's mode
/// the way the session would after each command.
struct IMAPParserDriver {
    private let input: FuzzInput
    private var parser: CommandParser
    private var writer = ResponseWriter()

    init(input: FuzzInput) {
        self.input = input
        var limits = Limits.defaults
        if input.flag(0) {
            limits.maxIMAPLineLength = 1000
            limits.maxIMAPLiteralSize = 1000
            limits.maxMessageSize = 2048
        }
        var configuration = CommandParserConfiguration(
            limits: limits, nonSynchronizingLiterals: input.flag(1) ? .literalMinus : .literalPlus)
        if input.flag(0) {
            configuration.maximumMessagesPerAppend = 3
            configuration.maximumNestingDepth = 8
            configuration.appendChunkSize = 16
        }
        parser = CommandParser(configuration: configuration)
        writer = ResponseWriter(options: ResponseWriterOptions(utf8Enabled: input.flag(2)))
    }

    /// Feeds one piece of input and handles every event; false once the connection would close.
    mutating func feed(_ bytes: ArraySlice<UInt8>) -> Bool {
        parser.append(bytes)
        while let event = parser.nextEvent() {
            guard handle(event) else { return false }
        }
        _ = writer.takeBytes()
        return !parser.isClosed
    }

    private mutating func handle(_ event: CommandParserEvent) -> Bool {
        switch event {
        case .command(let tagged):
            handle(tagged)
        case .appendStart(let start):
            checkName(start.mailbox)
        case .appendMessageStart:
            if input.flag(3) {
                parser.rejectCurrentCommand()
            }
        case .continuationRequest:
            writer.writeContinuationRequest(text: "Ready for literal data")
        case .authenticationResponse:
            writer.writeContinuationRequest(challenge: Array("challenge".utf8))
        case .appendMessageBytes, .appendMessageEnd, .appendEnd, .idleDone:
            break
        case .rejected(let rejection):
            writer.write(rejection.response)
            return !rejection.closesConnection
        }
        return true
    }

    private mutating func handle(_ tagged: TaggedCommand) {
        switch tagged.command {
        case .idle:
            parser.expectIdleDone()
        case .authenticate:
            parser.expectAuthenticationResponse()
        case .startTLS:
            if input.flag(4) {
                parser.resume()
            } else {
                _ = parser.discardBufferedBytes()
            }
        case .compress:
            let rest = parser.takeBufferedBytes()
            if input.flag(5) { parser.append(rest) }
        case .select(let name, _), .examine(let name, _), .create(let name, _), .delete(let name),
             .subscribe(let name), .unsubscribe(let name), .status(let name, _), .getQuotaRoot(let name),
             .getACL(let name), .myRights(let name):
            checkName(name)
        case .rename(let from, let to):
            checkName(from)
            checkName(to)
        case .lsub(let reference, let pattern):
            checkName(reference)
            checkName(pattern)
        default:
            break
        }
        writer.write(StatusResponse(tag: tagged.tag, status: .ok, text: "done"))
    }

    /// Decodes a mailbox name or pattern as the session would, and checks that modified
    /// UTF-7 gives back every name it encodes (a name must survive LIST and SELECT).
    private func checkName(_ name: some MailboxOctets) {
        if let encoded = name as? EncodedMailboxName {
            _ = try? encoded.mailboxName(utf8Enabled: input.flag(2))
        }
        guard let text = try? name.decoded(utf8Enabled: input.flag(2)) else { return }
        let again = try? ModifiedUTF7.decode(Array(ModifiedUTF7.encode(text).utf8))
        precondition(again == text, "modified UTF-7 does not round-trip \(Array(text.unicodeScalars))")
    }
}
