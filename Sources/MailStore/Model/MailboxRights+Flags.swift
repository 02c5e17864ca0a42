/// Which rights flags need (RFC 4314 §4: `s` for `\Seen`, `t` for `\Deleted`, `w` for every
/// other flag and keyword).
extension MailboxRights {
    /// The rights a STORE of `change` needs. Replacing the flags can change any flag, so it
    /// needs all three.
    public init(toChange change: FlagChange) {
        switch change {
        case .add(let flags), .remove(let flags): self = Self.needed(toSet: flags)
        case .replace: self = [.keepSeen, .write, .deleteMessages]
        }
    }

    /// The flags of `flags` these rights allow a new message to carry (APPEND, RFC 4314 §4:
    /// the others are left off, not refused).
    public func permitted(_ flags: MessageFlags) -> MessageFlags {
        var system = flags.system
        if !contains(.keepSeen) { system.remove(.seen) }
        if !contains(.deleteMessages) { system.remove(.deleted) }
        if !contains(.write) { system.formIntersection([.seen, .deleted]) }
        return MessageFlags(system: system, keywords: contains(.write) ? flags.keywords : [])
    }

    private static func needed(toSet flags: MessageFlags) -> MailboxRights {
        var rights = MailboxRights()
        if flags.system.contains(.seen) { rights.insert(.keepSeen) }
        if flags.system.contains(.deleted) { rights.insert(.deleteMessages) }
        if !flags.keywords.isEmpty || !flags.system.subtracting([.seen, .deleted]).isEmpty { rights.insert(.write) }
        return rights
    }
}
