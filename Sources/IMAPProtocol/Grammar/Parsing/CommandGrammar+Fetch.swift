/// FETCH (RFC 9051 §6.4.5; CONDSTORE/QRESYNC modifiers from RFC 7162).
extension CommandGrammar {
    /// The deepest part number accepted in a section (`1.2.3...`).
    static let maximumSectionDepth = 128

    /// `FETCH SP sequence-set SP (macro / fetch-att / "(" fetch-att *(SP fetch-att) ")") [fetch-modifiers]`.
    mutating func readFetch(usesUIDs: Bool) throws(GrammarError) -> FetchCommand {
        try reader.expectSpace()
        let set = try reader.readSequenceSet()
        try reader.expectSpace()
        var attributes: [FetchAttribute]
        if reader.next == IMAPCharacters.openParenthesis {
            attributes = try reader.readList { (reader: inout GrammarReader) throws(GrammarError) in
                try Self.readFetchAttribute(&reader)
            }
        } else if reader.consumeKeyword("ALL") {
            attributes = [.flags, .internalDate, .rfc822Size, .envelope]
        } else if reader.consumeKeyword("FAST") {
            attributes = [.flags, .internalDate, .rfc822Size]
        } else if reader.consumeKeyword("FULL") {
            attributes = [.flags, .internalDate, .rfc822Size, .envelope, .body]
        } else {
            attributes = [try Self.readFetchAttribute(&reader)]
        }
        var command = FetchCommand(sequenceSet: set, attributes: attributes, usesUIDs: usesUIDs)
        if reader.consume(IMAPCharacters.space) {
            _ = try reader.readList { (reader: inout GrammarReader) throws(GrammarError) in
                let name = try reader.readAtom().uppercased()
                switch name {
                case "CHANGEDSINCE":
                    try reader.expectSpace()
                    command.changedSince = try reader.readModSequence(allowZero: true)
                case "VANISHED":
                    command.vanished = true
                default:
                    throw GrammarError("unknown FETCH modifier \(name.prefix(32))")
                }
            }
        }
        // RFC 7162 §3.2.6: VANISHED only in UID FETCH, and only with CHANGEDSINCE.
        if command.vanished && (!usesUIDs || command.changedSince == nil) {
            throw GrammarError("VANISHED needs UID FETCH with CHANGEDSINCE")
        }
        return command
    }

    /// One `fetch-att`.
    private static func readFetchAttribute(_ reader: inout GrammarReader) throws(GrammarError) -> FetchAttribute {
        let start = reader.position
        let name = try reader.readKeyword()
        switch name {
        case "ENVELOPE": return .envelope
        case "FLAGS": return .flags
        case "INTERNALDATE": return .internalDate
        case "RFC822.SIZE": return .rfc822Size
        case "RFC822": return .rfc822
        case "RFC822.HEADER": return .rfc822Header
        case "RFC822.TEXT": return .rfc822Text
        case "BODYSTRUCTURE": return .bodyStructure
        case "UID": return .uid
        case "MODSEQ": return .modSeq
        case "EMAILID": return .emailID
        case "THREADID": return .threadID
        case "SAVEDATE": return .saveDate
        case "PREVIEW": return .preview(lazy: try readPreviewModifiers(&reader))
        case "BODY", "BODY.PEEK":
            guard reader.next == IMAPCharacters.openBracket else {
                guard name == "BODY" else { throw reader.unexpected("'[' after BODY.PEEK") }
                return .body
            }
            let section = try readSection(&reader)
            return .bodySection(section, partial: try readPartial(&reader), peek: name == "BODY.PEEK")
        case "BINARY", "BINARY.PEEK":
            let part = try readBinarySection(&reader)
            return .binary(part: part, partial: try readPartial(&reader), peek: name == "BINARY.PEEK")
        case "BINARY.SIZE":
            return .binarySize(part: try readBinarySection(&reader))
        default:
            reader.rewind(to: start)
            throw GrammarError("unknown FETCH item \(name.prefix(32))")
        }
    }

    /// `[SP "(" "LAZY" ")"]` after PREVIEW (RFC 8970 §6), told apart from fetch modifiers by
    /// its content.
    private static func readPreviewModifiers(_ reader: inout GrammarReader) throws(GrammarError) -> Bool {
        let start = reader.position
        guard reader.consume(IMAPCharacters.space), reader.consume(IMAPCharacters.openParenthesis),
              reader.consumeKeyword("LAZY") else {
            reader.rewind(to: start)
            return false
        }
        try reader.expect(IMAPCharacters.closeParenthesis, "')' after LAZY")
        return true
    }

    /// `section`: `[` [section-spec] `]`.
    private static func readSection(_ reader: inout GrammarReader) throws(GrammarError) -> SectionSpecifier {
        try reader.expect(IMAPCharacters.openBracket, "'['")
        var section = SectionSpecifier()
        if reader.consume(IMAPCharacters.closeBracket) { return section }
        if let byte = reader.next, IMAPCharacters.isDigit(byte) {
            section.part = try readPartNumbers(&reader)
            if reader.consume(IMAPCharacters.period) {
                section.kind = try readSectionText(&reader, allowMIME: true)
            }
        } else {
            section.kind = try readSectionText(&reader, allowMIME: false)
        }
        try reader.expect(IMAPCharacters.closeBracket, "']' ending the section")
        return section
    }

    /// `section-msgtext` or, after a part number, `section-text` (which adds MIME).
    private static func readSectionText(_ reader: inout GrammarReader, allowMIME: Bool) throws(GrammarError) -> SectionSpecifier.Kind {
        let name = try reader.readKeyword()
        switch name {
        case "HEADER": return .header
        case "TEXT": return .text
        case "MIME" where allowMIME: return .mime
        case "HEADER.FIELDS", "HEADER.FIELDS.NOT":
            try reader.expectSpace()
            let fields = try reader.readList { (reader: inout GrammarReader) throws(GrammarError) in
                try reader.readAStringText("a header field name")
            }
            return name == "HEADER.FIELDS" ? .headerFields(fields) : .headerFieldsNot(fields)
        default:
            throw GrammarError("unknown section \(name.prefix(32))")
        }
    }

    /// `section-part`: nz-number *("." nz-number); stops before a "." that is not followed by a digit.
    private static func readPartNumbers(_ reader: inout GrammarReader) throws(GrammarError) -> [Int] {
        var part = [Int(try reader.readNonZeroNumber())]
        while true {
            let start = reader.position
            guard reader.consume(IMAPCharacters.period), let byte = reader.next, IMAPCharacters.isDigit(byte) else {
                reader.rewind(to: start)
                return part
            }
            part.append(Int(try reader.readNonZeroNumber()))
            guard part.count <= maximumSectionDepth else { throw GrammarError("the section number is too deep") }
        }
    }

    /// `section-binary`: `[` [section-part] `]`.
    private static func readBinarySection(_ reader: inout GrammarReader) throws(GrammarError) -> [Int] {
        try reader.expect(IMAPCharacters.openBracket, "'['")
        if reader.consume(IMAPCharacters.closeBracket) { return [] }
        let part = try readPartNumbers(&reader)
        try reader.expect(IMAPCharacters.closeBracket, "']' ending the section")
        return part
    }

    /// `partial`: `<` number64 `.` nz-number64 `>`, if present.
    private static func readPartial(_ reader: inout GrammarReader) throws(GrammarError) -> PartialRange? {
        guard reader.consume(IMAPCharacters.lessThan) else { return nil }
        let offset = try reader.readNumber64()
        try reader.expect(IMAPCharacters.period, "'.' in a partial range")
        let length = try reader.readNumber64()
        guard length > 0 else { throw GrammarError("a partial range must be at least one octet long") }
        try reader.expect(IMAPCharacters.greaterThan, "'>' ending a partial range")
        return PartialRange(offset: offset, length: length)
    }
}
