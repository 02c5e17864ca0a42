import MailStore

extension MessageFlags {
    /// The flags as IMAP lists them: system flags in the usual order, then keywords sorted,
    /// then `\Recent` when `recent` (IMAP4rev1 sessions only).
    public func imapFlags(recent: Bool = false) -> [Flag] {
        var flags = [Flag]()
        flags.reserveCapacity(keywords.count + 6)
        if system.contains(.answered) { flags.append(.answered) }
        if system.contains(.flagged) { flags.append(.flagged) }
        if system.contains(.deleted) { flags.append(.deleted) }
        if system.contains(.seen) { flags.append(.seen) }
        if system.contains(.draft) { flags.append(.draft) }
        for keyword in keywords.sorted() { flags.append(.keyword(keyword)) }
        if recent { flags.append(.recent) }
        return flags
    }
}
