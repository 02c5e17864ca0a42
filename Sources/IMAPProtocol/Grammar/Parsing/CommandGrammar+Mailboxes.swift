/// Commands on mailboxes: SELECT/EXAMINE parameters, CREATE, LIST, STATUS.
extension CommandGrammar {
    /// `[SP "(" select-param *(SP select-param) ")"]` (RFC 7162 §3.1.8, §3.2.5.1).
    mutating func readSelectParameters() throws(GrammarError) -> SelectParameters {
        var parameters = SelectParameters()
        guard reader.consume(IMAPCharacters.space) else { return parameters }
        _ = try reader.readList { (reader: inout GrammarReader) throws(GrammarError) in
            let name = try reader.readAtom().uppercased()
            switch name {
            case "CONDSTORE":
                parameters.condStore = true
            case "QRESYNC":
                try reader.expectSpace()
                parameters.qresync = try Self.readQResync(&reader)
            default:
                throw GrammarError("unknown SELECT parameter \(name.prefix(32))")
            }
        }
        return parameters
    }

    /// `"(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"`.
    private static func readQResync(_ reader: inout GrammarReader) throws(GrammarError) -> QResyncParameters {
        try reader.expect(IMAPCharacters.openParenthesis, "'(' starting QRESYNC data")
        let validity = try reader.readNonZeroNumber()
        try reader.expectSpace()
        var parameters = QResyncParameters(uidValidity: validity, modSeq: try reader.readModSequence())
        if reader.consume(IMAPCharacters.space) {
            if reader.next != IMAPCharacters.openParenthesis {
                parameters.knownUIDs = try reader.readSequenceSet(allowLast: false)
                guard parameters.knownUIDs != .lastResult else { throw GrammarError("'$' is not allowed in QRESYNC") }
                if reader.consume(IMAPCharacters.space) { parameters.sequenceMatch = try readSequenceMatch(&reader) }
            } else {
                parameters.sequenceMatch = try readSequenceMatch(&reader)
            }
        }
        try reader.expect(IMAPCharacters.closeParenthesis, "')' ending QRESYNC data")
        return parameters
    }

    private static func readSequenceMatch(_ reader: inout GrammarReader) throws(GrammarError) -> SequenceMatch {
        try reader.expect(IMAPCharacters.openParenthesis, "'(' starting sequence match data")
        let numbers = try reader.readSequenceSet(allowLast: false)
        try reader.expectSpace()
        let uids = try reader.readSequenceSet(allowLast: false)
        try reader.expect(IMAPCharacters.closeParenthesis, "')' ending sequence match data")
        guard numbers != .lastResult, uids != .lastResult else { throw GrammarError("'$' is not allowed in QRESYNC") }
        return SequenceMatch(sequenceNumbers: numbers, uids: uids)
    }

    /// `CREATE SP mailbox [SP "(" "USE" SP "(" [use-attr *(SP use-attr)] ")" ")"]` (RFC 6154 §3).
    mutating func readCreate() throws(GrammarError) -> IMAPCommand {
        let mailbox = try readMailboxArgument()
        var attributes = [UseAttribute]()
        if reader.consume(IMAPCharacters.space) {
            _ = try reader.readList { (reader: inout GrammarReader) throws(GrammarError) in
                let name = try reader.readAtom().uppercased()
                guard name == "USE" else { throw GrammarError("unknown CREATE parameter \(name.prefix(32))") }
                try reader.expectSpace()
                attributes += try reader.readList(allowEmpty: true) { (reader: inout GrammarReader) throws(GrammarError) in
                    try reader.expect(IMAPCharacters.backslash, "a special-use attribute such as \\Drafts")
                    return UseAttribute(name: try reader.readAtom())
                }
            }
        }
        return .create(mailbox, useAttributes: attributes)
    }

    /// `LIST [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]` (RFC 5258 §6).
    mutating func readList() throws(GrammarError) -> ListCommand {
        try reader.expectSpace()
        var isExtended = false
        var selection = [ListSelectionOption]()
        if reader.next == IMAPCharacters.openParenthesis {
            isExtended = true
            selection = try reader.readList(allowEmpty: true) { (reader: inout GrammarReader) throws(GrammarError) in
                let name = try reader.readAtom().uppercased()
                switch name {
                case "SUBSCRIBED": return ListSelectionOption.subscribed
                case "REMOTE": return .remote
                case "RECURSIVEMATCH": return .recursiveMatch
                case "SPECIAL-USE": return .specialUse
                default: throw GrammarError("unknown LIST selection option \(name.prefix(32))")
                }
            }
            // RFC 5258 §3.1: RECURSIVEMATCH needs another option that is not REMOTE.
            if selection.contains(.recursiveMatch),
               !selection.contains(where: { $0 != .recursiveMatch && $0 != .remote }) {
                throw GrammarError("RECURSIVEMATCH needs another selection option")
            }
            try reader.expectSpace()
        }
        let reference = try reader.readMailbox()
        try reader.expectSpace()
        var patterns: [MailboxPattern]
        if reader.next == IMAPCharacters.openParenthesis {
            isExtended = true
            patterns = try reader.readList { (reader: inout GrammarReader) throws(GrammarError) in
                try Self.readListMailbox(&reader)
            }
        } else {
            patterns = [try readListMailbox()]
        }
        var returns = [ListReturnOption]()
        if reader.consume(IMAPCharacters.space) {
            guard reader.consumeKeyword("RETURN") else { throw reader.unexpected("RETURN") }
            isExtended = true
            try reader.expectSpace()
            returns = try reader.readList(allowEmpty: true) { (reader: inout GrammarReader) throws(GrammarError) in
                let name = try reader.readAtom().uppercased()
                switch name {
                case "SUBSCRIBED": return ListReturnOption.subscribed
                case "CHILDREN": return .children
                case "SPECIAL-USE": return .specialUse
                case "STATUS":
                    try reader.expectSpace()
                    return .status(try Self.readStatusAttributes(&reader))
                default: throw GrammarError("unknown LIST return option \(name.prefix(32))")
                }
            }
        }
        return ListCommand(selectionOptions: selection, reference: reference, patterns: patterns, returnOptions: returns,
                           isExtended: isExtended)
    }

    /// `list-mailbox`: 1*list-char or a string.
    mutating func readListMailbox() throws(GrammarError) -> MailboxPattern {
        try Self.readListMailbox(&reader)
    }

    private static func readListMailbox(_ reader: inout GrammarReader) throws(GrammarError) -> MailboxPattern {
        if reader.next == IMAPCharacters.quote || reader.isAtLiteral { return MailboxPattern(try reader.readString()) }
        return MailboxPattern(Array(try reader.readRun("a mailbox pattern", while: IMAPCharacters.isListCharacter)))
    }

    /// `STATUS SP mailbox SP "(" status-att *(SP status-att) ")"`.
    mutating func readStatus() throws(GrammarError) -> IMAPCommand {
        let mailbox = try readMailboxArgument()
        try reader.expectSpace()
        return .status(mailbox, try Self.readStatusAttributes(&reader))
    }

    static func readStatusAttributes(_ reader: inout GrammarReader) throws(GrammarError) -> [StatusAttribute] {
        try reader.readList { (reader: inout GrammarReader) throws(GrammarError) in
            let name = try reader.readAtom().uppercased()
            guard let attribute = StatusAttribute(rawValue: name) else {
                throw GrammarError("unknown STATUS item \(name.prefix(32))")
            }
            return attribute
        }
    }
}
