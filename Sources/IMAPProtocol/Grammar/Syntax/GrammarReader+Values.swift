/// Readers for the small values many commands share: sequence sets, flags, mailboxes.
extension GrammarReader {
    /// Reads `sequence-set` (RFC 9051 §9), or `$` (RFC 5182). With `allowLast` false, `*` is
    /// refused (QRESYNC known-uids, RFC 7162 §3.2.5.1).
    mutating func readSequenceSet(allowLast: Bool = true) throws(GrammarError) -> SequenceSet {
        if consume(IMAPCharacters.dollar) { return .lastResult }
        var ranges = [SequenceRange]()
        repeat {
            let first = try readSequenceBound(allowLast: allowLast)
            if consume(IMAPCharacters.colon) {
                ranges.append(SequenceRange(first, try readSequenceBound(allowLast: allowLast)))
            } else {
                ranges.append(SequenceRange(first))
            }
        } while consume(IMAPCharacters.comma)
        return .ranges(ranges)
    }

    private mutating func readSequenceBound(allowLast: Bool) throws(GrammarError) -> SequenceBound {
        if allowLast, consume(IMAPCharacters.asterisk) { return .last }
        guard let byte = next, IMAPCharacters.isDigit(byte) else { throw unexpected("a message number or '*'") }
        return .number(try readNonZeroNumber())
    }

    /// Reads `flag` (RFC 9051 §9): `\` and an atom (a system flag or flag extension), or a
    /// keyword atom.
    mutating func readFlag() throws(GrammarError) -> Flag {
        if consume(IMAPCharacters.backslash) {
            return Flag("\\" + (try readAtom()))
        }
        return .keyword(try readAtom())
    }

    /// Reads `flag-list`: `(` flags `)`, possibly empty.
    mutating func readFlagList() throws(GrammarError) -> [Flag] {
        try readList(allowEmpty: true) { (reader: inout GrammarReader) throws(GrammarError) in try reader.readFlag() }
    }

    /// Reads `mailbox` (an astring, left encoded).
    mutating func readMailbox() throws(GrammarError) -> EncodedMailboxName {
        EncodedMailboxName(try readAString())
    }

    /// Reads `mod-sequence-value` (1 to 2^63-1), or with `allowZero` `mod-sequence-valzer`.
    mutating func readModSequence(allowZero: Bool = false) throws(GrammarError) -> UInt64 {
        let value = try readNumber64()
        guard allowZero || value > 0 else { throw GrammarError("a mod-sequence must be greater than zero") }
        return value
    }
}
