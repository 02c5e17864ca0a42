import MailCore

/// Reads the parts of an APPEND (RFC 9051 §6.3.12, MULTIAPPEND RFC 3502 §6) that come
/// before each message literal, so the framer can stream the message instead of holding it.
enum AppendGrammar {
    /// What the literal announced at the end of a command prefix is.
    enum Prefix: Equatable {
        /// The command is not APPEND: an ordinary literal.
        case notAppend
        /// An APPEND whose announced literal is an argument (its mailbox), not the message.
        case argumentLiteral
        /// The literal is the first message of an APPEND.
        case message(tag: String, mailbox: EncodedMailboxName, flags: [Flag], internalDate: MessageDate?)
    }

    /// Examines `bytes`, a command's wire octets up to and including a literal announcement
    /// (`{n}`, `{n+}` or `~{n}`, without the line break after it).
    static func examine(_ bytes: [UInt8]) throws(GrammarError) -> Prefix {
        var grammar = CommandGrammar(bytes, maximumNestingDepth: 1)
        guard let tag = try? grammar.readTag(), grammar.reader.consume(IMAPCharacters.space),
              grammar.reader.consumeKeyword("APPEND") else { return .notAppend }
        try grammar.reader.expectSpace()
        let mailbox: EncodedMailboxName
        do {
            mailbox = try grammar.reader.readMailbox()
        } catch where error == .incomplete {
            return .argumentLiteral
        }
        var reader = grammar.reader
        let (flags, date) = try readMessageOptions(&reader)
        return .message(tag: tag, mailbox: mailbox, flags: flags, internalDate: date)
    }

    /// Reads what follows a message literal when another message comes next:
    /// `SP [flag-list SP] [date-time SP]` and the announcement.
    static func nextMessage(_ line: [UInt8]) throws(GrammarError) -> (flags: [Flag], internalDate: MessageDate?) {
        var reader = GrammarReader(line)
        return try readMessageOptions(&reader)
    }

    /// `SP [flag-list SP] [date-time SP] literal-announcement` to the end.
    private static func readMessageOptions(_ reader: inout GrammarReader) throws(GrammarError) -> ([Flag], MessageDate?) {
        try reader.expectSpace()
        var flags = [Flag]()
        var date: MessageDate?
        if reader.next == IMAPCharacters.openParenthesis {
            flags = try reader.readFlagList()
            try reader.expectSpace()
        }
        if reader.next == IMAPCharacters.quote {
            date = try reader.readDateTime()
            try reader.expectSpace()
        }
        // What remains must be the announcement alone, which the framer has already read.
        guard reader.remainderIsLiteralAnnouncement else { throw reader.unexpected("the message literal") }
        return (flags, date)
    }
}
