import MailStore

/// Why flags a client sent cannot be stored.
enum FlagConversionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A flag extension (`\Something`) this server does not define.
    case unknownSystemFlag(String)

    var description: String {
        switch self {
        case .unknownSystemFlag(let name): "Unknown system flag \(name)"
        }
    }
}

/// IMAP flags as the store keeps them.
enum FlagConversion {
    /// The store's flags for `flags`. `\Recent` is ignored (the server alone sets it, and
    /// IMAP4rev2 has none); keywords are kept as given, and checked by the store.
    static func messageFlags(_ flags: [Flag]) throws(FlagConversionError) -> MessageFlags {
        var result = MessageFlags()
        for flag in flags {
            switch flag {
            case .answered: result.system.insert(.answered)
            case .flagged: result.system.insert(.flagged)
            case .deleted: result.system.insert(.deleted)
            case .seen: result.system.insert(.seen)
            case .draft: result.system.insert(.draft)
            case .recent: break
            case .keyword(let keyword): result.keywords.insert(keyword)
            case .extension(let name): throw .unknownSystemFlag("\\" + name)
            }
        }
        return result
    }
}
