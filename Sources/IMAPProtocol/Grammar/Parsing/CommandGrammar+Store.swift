/// STORE (RFC 9051 §6.4.6; UNCHANGEDSINCE from RFC 7162 §3.1.3).
extension CommandGrammar {
    /// `STORE SP sequence-set [SP "(" store-modifier ")"] SP store-att-flags`.
    mutating func readStore(usesUIDs: Bool) throws(GrammarError) -> StoreCommand {
        try reader.expectSpace()
        let set = try reader.readSequenceSet()
        try reader.expectSpace()
        var unchangedSince: UInt64?
        if reader.next == IMAPCharacters.openParenthesis {
            _ = try reader.readList { (reader: inout GrammarReader) throws(GrammarError) in
                let name = try reader.readAtom().uppercased()
                guard name == "UNCHANGEDSINCE" else { throw GrammarError("unknown STORE modifier \(name.prefix(32))") }
                try reader.expectSpace()
                unchangedSince = try reader.readModSequence(allowZero: true)
            }
            try reader.expectSpace()
        }
        var operation = StoreCommand.Operation.replace
        if reader.consume(IMAPCharacters.plus) {
            operation = .add
        } else if reader.consume(IMAPCharacters.minus) {
            operation = .remove
        }
        let item = try reader.readKeyword()
        guard item == "FLAGS" || item == "FLAGS.SILENT" else { throw GrammarError("expected FLAGS or FLAGS.SILENT") }
        try reader.expectSpace()
        var flags = [Flag]()
        if reader.next == IMAPCharacters.openParenthesis {
            flags = try reader.readFlagList()
        } else {
            repeat {
                flags.append(try reader.readFlag())
            } while reader.consume(IMAPCharacters.space)
        }
        return StoreCommand(sequenceSet: set, unchangedSince: unchangedSince, operation: operation,
                            silent: item == "FLAGS.SILENT", flags: flags, usesUIDs: usesUIDs)
    }
}
