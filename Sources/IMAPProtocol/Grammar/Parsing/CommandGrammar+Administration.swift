/// QUOTA (RFC 9208) and ACL (RFC 4314) commands.
extension CommandGrammar {
    /// `SETQUOTA SP quota-root-name SP "(" [resource-name SP limit *(SP ...)] ")"`.
    mutating func readSetQuota() throws(GrammarError) -> IMAPCommand {
        let root = try readAStringArgument("a quota root")
        try reader.expectSpace()
        let limits = try reader.readList(allowEmpty: true) { (reader: inout GrammarReader) throws(GrammarError) in
            let resource = try reader.readAtom().uppercased()
            try reader.expectSpace()
            return QuotaLimit(resource: resource, limit: try reader.readNumber64())
        }
        return .setQuota(root: root, limits: limits)
    }

    /// `SETACL SP mailbox SP identifier SP mod-rights` (RFC 4314 §3.1).
    mutating func readSetACL() throws(GrammarError) -> IMAPCommand {
        let mailbox = try readMailboxArgument()
        let identifier = try readAStringArgument("an identifier")
        var rights = try readAStringArgument("rights")
        var operation = ACLModification.Operation.replace
        if rights.hasPrefix("+") {
            operation = .add
            rights.removeFirst()
        } else if rights.hasPrefix("-") {
            operation = .remove
            rights.removeFirst()
        }
        return .setACL(mailbox, identifier: identifier, rights: ACLModification(operation: operation, rights: rights))
    }
}
