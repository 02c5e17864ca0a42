import MailCore

/// SEARCH (RFC 9051 §6.4.4 with ESEARCH RFC 4731, SEARCHRES RFC 5182, CONDSTORE RFC 7162,
/// WITHIN RFC 5032, SAVEDATE RFC 8514, OBJECTID RFC 8474), SORT and THREAD (RFC 5256).
extension CommandGrammar {
    /// The charsets named in `BADCHARSET` when a search names one that cannot be read.
    static let advertisedCharsets = ["UTF-8", "US-ASCII"]

    /// `SEARCH [SP "RETURN" SP "(" ... ")"] SP ["CHARSET" SP charset SP] search-key *(SP search-key)`.
    mutating func readSearch(usesUIDs: Bool) throws(GrammarError) -> SearchCommand {
        try reader.expectSpace()
        let returnOptions = try readOptionalReturnOptions()
        var charset: (name: String, charset: Charset)?
        if reader.consumeKeyword("CHARSET") {
            try reader.expectSpace()
            charset = try readCharset()
            try reader.expectSpace()
        }
        let key = try readSearchKeys(charset: charset?.charset)
        return SearchCommand(returnOptions: returnOptions, charset: charset?.name, key: key, usesUIDs: usesUIDs)
    }

    /// `SORT [SP "RETURN" ...] SP "(" sort-criterion *(SP sort-criterion) ")" SP charset 1*(SP search-key)`.
    mutating func readSort(usesUIDs: Bool) throws(GrammarError) -> SortCommand {
        try reader.expectSpace()
        let returnOptions = try readOptionalReturnOptions()
        let criteria = try reader.readList { (reader: inout GrammarReader) throws(GrammarError) in
            var reverse = false
            var name = try reader.readAtom().uppercased()
            if name == "REVERSE" {
                reverse = true
                try reader.expectSpace()
                name = try reader.readAtom().uppercased()
            }
            guard let key = SortKey(rawValue: name) else { throw GrammarError("unknown SORT key \(name.prefix(32))") }
            return SortCriterion(key, reverse: reverse)
        }
        try reader.expectSpace()
        let charset = try readCharset()
        try reader.expectSpace()
        let key = try readSearchKeys(charset: charset.charset)
        return SortCommand(returnOptions: returnOptions, criteria: criteria, charset: charset.name, key: key, usesUIDs: usesUIDs)
    }

    /// `THREAD SP thread-alg SP charset 1*(SP search-key)`.
    mutating func readThread(usesUIDs: Bool) throws(GrammarError) -> ThreadCommand {
        try reader.expectSpace()
        let name = try reader.readAtom().uppercased()
        guard let algorithm = ThreadAlgorithm(rawValue: name) else {
            throw GrammarError("unsupported THREAD algorithm \(name.prefix(32))")
        }
        try reader.expectSpace()
        let charset = try readCharset()
        try reader.expectSpace()
        let key = try readSearchKeys(charset: charset.charset)
        return ThreadCommand(algorithm: algorithm, charset: charset.name, key: key, usesUIDs: usesUIDs)
    }

    /// `["RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")" SP]`; nil when absent.
    private mutating func readOptionalReturnOptions() throws(GrammarError) -> [SearchReturnOption]? {
        guard reader.consumeKeyword("RETURN") else { return nil }
        try reader.expectSpace()
        let options = try reader.readList(allowEmpty: true) { (reader: inout GrammarReader) throws(GrammarError) in
            let name = try reader.readAtom().uppercased()
            guard let option = SearchReturnOption(rawValue: name) else {
                throw GrammarError("unknown RETURN option \(name.prefix(32))")
            }
            return option
        }
        try reader.expectSpace()
        return options
    }

    /// `charset` (atom or quoted), upper-cased; refused with `NO [BADCHARSET]` (RFC 9051
    /// §6.4.4) when MailCore cannot convert it.
    private mutating func readCharset() throws(GrammarError) -> (name: String, charset: Charset) {
        let bytes = reader.next == IMAPCharacters.quote ? try reader.readQuoted() : Array(try reader.readAtom().utf8)
        let name = String(decoding: bytes, as: UTF8.self).uppercased()
        guard let charset = Charset(named: name) else {
            throw GrammarError("unsupported charset \(name.prefix(40))", status: .no, code: .badCharset(Self.advertisedCharsets))
        }
        return (name, charset)
    }

    /// `search-key *(SP search-key)` to the end of the command, combined with AND.
    private mutating func readSearchKeys(charset: Charset?) throws(GrammarError) -> SearchKey {
        var keys = [try readSearchKey(charset: charset)]
        while reader.consume(IMAPCharacters.space) {
            keys.append(try readSearchKey(charset: charset))
        }
        return keys.count == 1 ? keys[0] : .and(keys)
    }

    /// One `search-key`.
    private mutating func readSearchKey(charset: Charset?) throws(GrammarError) -> SearchKey {
        try enterNesting()
        defer { leaveNesting() }
        if reader.consume(IMAPCharacters.openParenthesis) {
            var keys = [try readSearchKey(charset: charset)]
            while reader.consume(IMAPCharacters.space) {
                keys.append(try readSearchKey(charset: charset))
            }
            try reader.expect(IMAPCharacters.closeParenthesis, "')' ending a search key list")
            return keys.count == 1 ? keys[0] : .and(keys)
        }
        if let byte = reader.next, IMAPCharacters.isDigit(byte) || byte == IMAPCharacters.asterisk || byte == IMAPCharacters.dollar {
            return .sequenceSet(try reader.readSequenceSet())
        }
        let start = reader.position
        let name = try reader.readAtom().uppercased()
        switch name {
        case "ALL": return .all
        case "ANSWERED": return .answered
        case "DELETED": return .deleted
        case "DRAFT": return .draft
        case "FLAGGED": return .flagged
        case "SEEN": return .seen
        case "UNANSWERED": return .unanswered
        case "UNDELETED": return .undeleted
        case "UNDRAFT": return .undraft
        case "UNFLAGGED": return .unflagged
        case "UNSEEN": return .unseen
        case "NEW": return .new
        case "OLD": return .old
        case "RECENT": return .recent
        case "SAVEDATESUPPORTED": return .saveDateSupported
        case "KEYWORD": return .keyword(try readSpaceThen { (reader: inout GrammarReader) throws(GrammarError) in try reader.readAtom() })
        case "UNKEYWORD": return .unkeyword(try readSpaceThen { (reader: inout GrammarReader) throws(GrammarError) in try reader.readAtom() })
        case "BCC": return .bcc(try readSearchString(charset: charset))
        case "CC": return .cc(try readSearchString(charset: charset))
        case "FROM": return .from(try readSearchString(charset: charset))
        case "TO": return .to(try readSearchString(charset: charset))
        case "SUBJECT": return .subject(try readSearchString(charset: charset))
        case "BODY": return .body(try readSearchString(charset: charset))
        case "TEXT": return .text(try readSearchString(charset: charset))
        case "HEADER":
            let field = try readAStringArgument("a header field name")
            return .header(field, try readSearchString(charset: charset))
        case "BEFORE": return .before(try readDateArgument())
        case "ON": return .on(try readDateArgument())
        case "SINCE": return .since(try readDateArgument())
        case "SENTBEFORE": return .sentBefore(try readDateArgument())
        case "SENTON": return .sentOn(try readDateArgument())
        case "SENTSINCE": return .sentSince(try readDateArgument())
        case "SAVEDBEFORE": return .savedBefore(try readDateArgument())
        case "SAVEDON": return .savedOn(try readDateArgument())
        case "SAVEDSINCE": return .savedSince(try readDateArgument())
        case "LARGER": return .larger(try readSpaceThen { (reader: inout GrammarReader) throws(GrammarError) in try reader.readNumber64() })
        case "SMALLER": return .smaller(try readSpaceThen { (reader: inout GrammarReader) throws(GrammarError) in try reader.readNumber64() })
        case "OLDER": return .older(try readSpaceThen { (reader: inout GrammarReader) throws(GrammarError) in try reader.readNonZeroNumber() })
        case "YOUNGER": return .younger(try readSpaceThen { (reader: inout GrammarReader) throws(GrammarError) in try reader.readNonZeroNumber() })
        case "UID": return .uid(try readSpaceThen { (reader: inout GrammarReader) throws(GrammarError) in try reader.readSequenceSet() })
        case "EMAILID": return .emailID(try readSpaceThen(Self.readObjectID))
        case "THREADID": return .threadID(try readSpaceThen(Self.readObjectID))
        case "MODSEQ": return .modSeq(try readSearchModSeq())
        case "NOT":
            try reader.expectSpace()
            return .not(try readSearchKey(charset: charset))
        case "OR":
            try reader.expectSpace()
            let first = try readSearchKey(charset: charset)
            try reader.expectSpace()
            return .or(first, try readSearchKey(charset: charset))
        default:
            reader.rewind(to: start)
            throw GrammarError("unknown search key \(name.prefix(32))")
        }
    }

    /// SP then one value.
    private mutating func readSpaceThen<Value>(_ read: (inout GrammarReader) throws(GrammarError) -> Value) throws(GrammarError) -> Value {
        try reader.expectSpace()
        return try read(&reader)
    }

    private mutating func readDateArgument() throws(GrammarError) -> SearchDate {
        try reader.expectSpace()
        return try reader.readSearchDate()
    }

    /// SP astring, converted to text from `charset` (none: UTF-8, or Windows-1252 when the
    /// octets are not UTF-8, as MailCore reads undeclared text).
    private mutating func readSearchString(charset: Charset?) throws(GrammarError) -> String {
        try reader.expectSpace()
        let bytes = try reader.readAString()
        guard let charset else { return CharsetDecoder.decode(bytes, charsetNamed: nil).text }
        let decoded = CharsetDecoder.decode(bytes, charset: charset)
        guard decoded.status == .exact else { throw GrammarError("a search string is not valid \(charset)") }
        return decoded.text
    }

    /// `objectid`: 1*255(ALPHA / DIGIT / "_" / "-") (RFC 8474 §7).
    private static func readObjectID(_ reader: inout GrammarReader) throws(GrammarError) -> String {
        let run = try reader.readRun("an object id") { byte in
            (byte | 0x20) &- 0x61 < 26 || IMAPCharacters.isDigit(byte) || byte == 0x5F || byte == IMAPCharacters.minus
        }
        guard run.count <= 255 else { throw GrammarError("an object id is longer than 255 characters") }
        return String(decoding: run, as: UTF8.self)
    }

    /// `MODSEQ [SP entry-name SP entry-type-req] SP mod-sequence-valzer` (RFC 7162 §3.1.5).
    private mutating func readSearchModSeq() throws(GrammarError) -> SearchModSeq {
        try reader.expectSpace()
        var modSeq = SearchModSeq(value: 0)
        if reader.next == IMAPCharacters.quote {
            let name = try GrammarReader.text(try reader.readQuoted(), "a MODSEQ entry name")
            guard name.lowercased().hasPrefix("/flags/") else { throw GrammarError("a MODSEQ entry name starts with /flags/") }
            modSeq.entryName = name
            try reader.expectSpace()
            let type = try reader.readAtom().uppercased()
            guard let entryType = SearchModSeq.EntryType(rawValue: type) else {
                throw GrammarError("a MODSEQ entry type is priv, shared or all")
            }
            modSeq.entryType = entryType
            try reader.expectSpace()
        }
        modSeq.value = try reader.readModSequence(allowZero: true)
        return modSeq
    }
}
