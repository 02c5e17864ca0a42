/// Parses one complete command — its wire octets with literals inline, without the final
/// line break — into a ``TaggedCommand`` (RFC 9051 §9 `command`).
struct CommandGrammar {
    var reader: GrammarReader
    /// How deeply search keys may nest (parentheses, NOT, OR).
    let maximumNestingDepth: Int
    var depth = 0

    init(_ bytes: [UInt8], maximumNestingDepth: Int) {
        reader = GrammarReader(bytes)
        self.maximumNestingDepth = maximumNestingDepth
    }

    /// Parses a whole command.
    static func parse(_ bytes: [UInt8], maximumNestingDepth: Int) throws(GrammarError) -> TaggedCommand {
        var grammar = CommandGrammar(bytes, maximumNestingDepth: maximumNestingDepth)
        let tag = try grammar.readTag()
        try grammar.reader.expectSpace()
        let command = try grammar.readCommand()
        try grammar.reader.expectEnd()
        return TaggedCommand(tag: tag, command: command)
    }

    /// The tag a command starts with, if it starts with a well-formed tag and a space
    /// (used to address a refusal; RFC 9051 §7.1.3 answers an unreadable tag with `* BAD`).
    static func tag(of bytes: some Collection<UInt8>) -> String? {
        var tag = [UInt8]()
        for byte in bytes {
            if byte == IMAPCharacters.space { return tag.isEmpty ? nil : String(decoding: tag, as: UTF8.self) }
            guard IMAPCharacters.isTagCharacter(byte), tag.count < 256 else { return nil }
            tag.append(byte)
        }
        return nil
    }

    /// Reads `tag`: 1*<ASTRING-CHAR except "+">.
    mutating func readTag() throws(GrammarError) -> String {
        String(decoding: try reader.readRun("a tag", while: IMAPCharacters.isTagCharacter), as: UTF8.self)
    }

    /// Reads the command name and its arguments.
    mutating func readCommand() throws(GrammarError) -> IMAPCommand {
        let start = reader.position
        let name = try reader.readKeyword()
        switch name {
        case "CAPABILITY": return .capability
        case "NOOP": return .noop
        case "LOGOUT": return .logout
        case "STARTTLS": return .startTLS
        case "NAMESPACE": return .namespace
        case "IDLE": return .idle
        case "CHECK": return .check
        case "CLOSE": return .close
        case "UNSELECT": return .unselect
        case "EXPUNGE": return .expunge
        case "ID": return .id(try readIDArguments())
        case "AUTHENTICATE": return try readAuthenticate()
        case "LOGIN": return try readLogin()
        case "ENABLE": return try readEnable()
        case "SELECT", "EXAMINE":
            try reader.expectSpace()
            let mailbox = try reader.readMailbox()
            let parameters = try readSelectParameters()
            return name == "SELECT" ? .select(mailbox, parameters) : .examine(mailbox, parameters)
        case "CREATE": return try readCreate()
        case "DELETE": return .delete(try readMailboxArgument())
        case "SUBSCRIBE": return .subscribe(try readMailboxArgument())
        case "UNSUBSCRIBE": return .unsubscribe(try readMailboxArgument())
        case "RENAME":
            let from = try readMailboxArgument()
            return .rename(from: from, to: try readMailboxArgument())
        case "LIST": return .list(try readList())
        case "LSUB":
            let reference = try readMailboxArgument()
            try reader.expectSpace()
            return .lsub(reference: reference, pattern: try readListMailbox())
        case "STATUS": return try readStatus()
        case "COMPRESS":
            try reader.expectSpace()
            return .compress(algorithm: try reader.readAtom().uppercased())
        case "GETQUOTA": return .getQuota(root: try readAStringArgument("a quota root"))
        case "GETQUOTAROOT": return .getQuotaRoot(try readMailboxArgument())
        case "SETQUOTA": return try readSetQuota()
        case "SETACL": return try readSetACL()
        case "DELETEACL":
            let mailbox = try readMailboxArgument()
            return .deleteACL(mailbox, identifier: try readAStringArgument("an identifier"))
        case "GETACL": return .getACL(try readMailboxArgument())
        case "LISTRIGHTS":
            let mailbox = try readMailboxArgument()
            return .listRights(mailbox, identifier: try readAStringArgument("an identifier"))
        case "MYRIGHTS": return .myRights(try readMailboxArgument())
        case "UID": return try readUIDCommand()
        case "SEARCH": return .search(try readSearch(usesUIDs: false))
        case "FETCH": return .fetch(try readFetch(usesUIDs: false))
        case "STORE": return .store(try readStore(usesUIDs: false))
        case "COPY": return .copy(try readCopy(usesUIDs: false))
        case "MOVE": return .move(try readCopy(usesUIDs: false))
        case "SORT": return .sort(try readSort(usesUIDs: false))
        case "THREAD": return .thread(try readThread(usesUIDs: false))
        case "APPEND": throw GrammarError("APPEND needs a message literal")
        default:
            reader.rewind(to: start)
            throw GrammarError("unknown command \(name.prefix(32))")
        }
    }

    /// `UID` SP (COPY / MOVE / FETCH / SEARCH / STORE / EXPUNGE / SORT / THREAD).
    private mutating func readUIDCommand() throws(GrammarError) -> IMAPCommand {
        try reader.expectSpace()
        let name = try reader.readKeyword()
        switch name {
        case "SEARCH": return .search(try readSearch(usesUIDs: true))
        case "FETCH": return .fetch(try readFetch(usesUIDs: true))
        case "STORE": return .store(try readStore(usesUIDs: true))
        case "COPY": return .copy(try readCopy(usesUIDs: true))
        case "MOVE": return .move(try readCopy(usesUIDs: true))
        case "SORT": return .sort(try readSort(usesUIDs: true))
        case "THREAD": return .thread(try readThread(usesUIDs: true))
        case "EXPUNGE":
            try reader.expectSpace()
            return .uidExpunge(try reader.readSequenceSet())
        default: throw GrammarError("unknown UID command \(name.prefix(32))")
        }
    }

    // MARK: Shared argument shapes

    /// SP mailbox.
    mutating func readMailboxArgument() throws(GrammarError) -> EncodedMailboxName {
        try reader.expectSpace()
        return try reader.readMailbox()
    }

    /// SP astring, as UTF-8 text.
    mutating func readAStringArgument(_ description: String) throws(GrammarError) -> String {
        try reader.expectSpace()
        return try reader.readAStringText(description)
    }

    private mutating func readCopy(usesUIDs: Bool) throws(GrammarError) -> CopyCommand {
        try reader.expectSpace()
        let set = try reader.readSequenceSet()
        return CopyCommand(sequenceSet: set, mailbox: try readMailboxArgument(), usesUIDs: usesUIDs)
    }

    /// Counts one more level of nesting; throws past the limit.
    mutating func enterNesting() throws(GrammarError) {
        depth += 1
        guard depth <= maximumNestingDepth else { throw GrammarError("the command nests too deeply") }
    }

    mutating func leaveNesting() { depth -= 1 }
}
