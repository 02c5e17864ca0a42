import MailAuth

/// DNS records written as zone-file lines, ready to paste.
enum DNSRecordText {
    /// A TXT record: its text cut into character-strings of at most 255 octets (RFC 1035 §3.3.14).
    static func txt(_ name: String, _ strings: [String]) -> String {
        let quoted = strings.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        return quoted.count == 1 ? "\(name). IN TXT \(quoted[0])" : "\(name). IN TXT ( \(quoted.joined(separator: " ")) )"
    }

    /// The DKIM key record at `selector._domainkey.domain` (RFC 6376 §3.6.2.1).
    static func dkim(domain: String, selector: String, key: DKIMSigningKey) -> String {
        txt("\(selector)._domainkey.\(domain)", key.dnsRecordStrings)
    }
}
