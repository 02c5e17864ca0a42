/// The service extensions a server announced in its EHLO reply (RFC 5321 §4.1.1.1).
struct SMTPCapabilities: Equatable, Sendable {
    /// Extension keywords, upper-cased, with their parameters.
    let keywords: [String: [String]]

    /// Reads the EHLO reply: its first line is the greeting, each later line one extension.
    init(ehloReply: SMTPReply) {
        var keywords: [String: [String]] = [:]
        for line in ehloReply.lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            keywords[keyword.uppercased()] = Array(words.dropFirst())
        }
        self.keywords = keywords
    }

    func has(_ keyword: String) -> Bool { keywords[keyword.uppercased()] != nil }

    /// RFC 2920: commands may be sent in groups.
    var pipelining: Bool { has("PIPELINING") }
    /// RFC 3207.
    var startTLS: Bool { has("STARTTLS") }
    /// RFC 6152.
    var eightBitMIME: Bool { has("8BITMIME") }
    /// RFC 4954: the SASL mechanisms offered.
    var authenticationMechanisms: [String] { (keywords["AUTH"] ?? []).map { $0.uppercased() } }
}
