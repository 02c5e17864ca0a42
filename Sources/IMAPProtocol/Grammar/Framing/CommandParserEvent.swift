/// What the ``CommandParser`` found in the bytes fed to it.
public enum CommandParserEvent: Hashable, Sendable {
    /// A complete command other than APPEND.
    case command(TaggedCommand)
    /// The client announced a synchronizing literal that is within the limits: the caller
    /// must now send a command continuation request (`+ ...`, RFC 9051 §7.5), unless it
    /// refuses the command with ``CommandParser/rejectCurrentCommand()`` instead.
    case continuationRequest
    /// An APPEND began (RFC 9051 §6.3.12). It ends with ``appendEnd(tag:)`` or ``rejected(_:)``.
    case appendStart(AppendStart)
    /// One message of the APPEND begins; its octets follow in ``appendMessageBytes(_:)``.
    case appendMessageStart(AppendMessage)
    /// The next piece of the current message (at most `appendChunkSize` octets).
    case appendMessageBytes([UInt8])
    /// The current message is complete.
    case appendMessageEnd
    /// The APPEND command is complete (every message announced was delivered).
    case appendEnd(tag: String)
    /// `DONE` ended an IDLE (RFC 2177), after ``CommandParser/expectIdleDone()``.
    case idleDone
    /// The client's answer to a SASL challenge, after ``CommandParser/expectAuthenticationResponse()``.
    case authenticationResponse(AuthenticationResponse)
    /// Input that is refused: answer with ``CommandRejection/response`` (and close the
    /// connection if ``CommandRejection/closesConnection``). The parser has already skipped
    /// what the client sends of the refused command.
    case rejected(CommandRejection)
}
