import MailCore

/// The header and body rules of the spam filter and their points. Each rule counts once
/// per message.
public struct SpamRules: Sendable {
    /// This server's name: a Received field naming it that this server did not add is forged.
    public var hostname: String
    /// How many Received fields at the top of the message this server added (skipped).
    public var ownReceivedFields: Int

    /// File name endings of programs a mail client may run when opened.
    static let executableExtensions: Set<String> = [
        "exe", "scr", "pif", "com", "bat", "cmd", "cpl", "msi", "msp", "hta", "jar", "js", "jse", "vbs", "vbe",
        "wsf", "wsh", "ps1", "lnk", "reg", "dll", "iso", "img", "apk",
    ]
    /// Link shorteners, which hide where a link goes.
    static let shorteners: Set<String> = ["bit.ly", "tinyurl.com", "goo.gl", "ow.ly", "t.co", "is.gd", "buff.ly", "cutt.ly"]
    /// Ports a web link normally uses.
    static let usualPorts: Set<Int> = [80, 443, 8080, 8443]

    public init(hostname: String, ownReceivedFields: Int = 1) {
        self.hostname = hostname.lowercased()
        self.ownReceivedFields = ownReceivedFields
    }

    /// The rules `message` triggers, with those of its sender authentication `results` and a
    /// hit for each DNS block list (zone) that lists the client.
    public func hits(_ message: SpamInspection, results: SenderAuthenticationResults,
                     blockListings: [String]) -> [SpamRuleHit] {
        var hits = headerHits(message)
        hits += bodyHits(message)
        hits += results.hits
        for zone in blockListings.prefix(10) {
            let name = zone.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            hits.append(SpamRuleHit("RCVD_IN_" + name.prefix(60), 2.5))
        }
        return hits
    }

    private func headerHits(_ message: SpamInspection) -> [SpamRuleHit] {
        var hits: [SpamRuleHit] = []
        let header = message.parsed.header
        if header.firstField(named: "Date") == nil {
            hits.append(SpamRuleHit("MISSING_DATE", 1.2))
        } else if message.parsed.date == nil {
            hits.append(SpamRuleHit("INVALID_DATE", 1.0))
        }
        if header.firstField(named: "Message-ID") == nil { hits.append(SpamRuleHit("MISSING_MESSAGE_ID", 1.0)) }
        if message.parsed.from.flatMap(\.mailboxes).isEmpty { hits.append(SpamRuleHit("MISSING_FROM", 1.5)) }
        if let subject = message.subject {
            if Self.isShouted(subject) { hits.append(SpamRuleHit("SUBJECT_ALL_CAPS", 1.5)) }
        } else {
            hits.append(SpamRuleHit("MISSING_SUBJECT", 0.5))
        }
        if hasForgedReceived(header) { hits.append(SpamRuleHit("FORGED_RECEIVED", 2.0)) }
        return hits
    }

    private func bodyHits(_ message: SpamInspection) -> [SpamRuleHit] {
        var hits: [SpamRuleHit] = []
        if message.attachmentNames.contains(where: Self.isExecutable) {
            hits.append(SpamRuleHit("EXECUTABLE_ATTACHMENT", 4.0))
        }
        let urls = message.urls
        if urls.contains(where: \.hasAddressHost) { hits.append(SpamRuleHit("URL_NUMERIC_HOST", 1.5)) }
        if urls.contains(where: \.hasUserInfo) { hits.append(SpamRuleHit("URL_USERINFO", 2.0)) }
        if urls.contains(where: { $0.host.hasPrefix("xn--") || $0.host.contains(".xn--") }) {
            hits.append(SpamRuleHit("URL_PUNYCODE", 1.0))
        }
        if urls.contains(where: { $0.port.map { !Self.usualPorts.contains($0) } ?? false }) {
            hits.append(SpamRuleHit("URL_ODD_PORT", 0.5))
        }
        if urls.contains(where: { Self.shorteners.contains($0.host) }) { hits.append(SpamRuleHit("URL_SHORTENER", 0.5)) }
        if message.isHTMLOnly { hits.append(SpamRuleHit("HTML_ONLY", 0.5)) }
        return hits
    }

    /// A subject of at least ten letters, none of them lower case.
    static func isShouted(_ subject: String) -> Bool {
        var letters = 0
        for character in subject where character.isLetter {
            if character.isLowercase { return false }
            if character.isUppercase { letters += 1 }
        }
        return letters >= 10
    }

    static func isExecutable(_ fileName: String) -> Bool {
        let trimmed = fileName[...].trimmed(of: [" ", ".", "\""])
        guard let dot = trimmed.lastIndex(of: ".") else { return false }
        return executableExtensions.contains(trimmed[trimmed.index(after: dot)...].lowercased())
    }

    /// A Received field below ours that names this server as the receiving host (we did not
    /// add it), or that lacks the date every Received field ends with (RFC 5321 §4.4).
    private func hasForgedReceived(_ header: MessageHeader) -> Bool {
        for field in header.fields(named: "Received").dropFirst(ownReceivedFields).prefix(100) {
            let value = header.unfoldedValue(of: field).lowercased()
            guard value.contains(";") else { return true }
            let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if let by = words.firstIndex(of: "by"), by + 1 < words.count, !hostname.isEmpty,
               words[by + 1].trimmed(of: ["(", ")", ";"]) == hostname[...] {
                return true
            }
        }
        return false
    }
}
