import DNSResolver

/// The values macros expand to (RFC 7208 §7.2) during one check_host() call.
struct SPFMacroContext: Sendable {
    /// `s`: the sender, local-part@domain.
    var sender: [UInt8]
    /// `l`: the sender's local-part ("postmaster" when it had none, §4.3).
    var localPart: [UInt8]
    /// `o`: the sender's domain.
    var senderDomain: [UInt8]
    /// `d`: the domain being checked (changes with include and redirect).
    var domain: [UInt8]
    /// `i`, `c`, `v`: the client address, IPv4-mapped addresses already turned into IPv4.
    var client: IPAddress
    /// `h`: the HELO/EHLO name.
    var helo: [UInt8]
    /// `r`: the receiving host's name.
    var receiver: [UInt8]
    /// `t`: seconds since the epoch.
    var timestamp: Int64
    /// `p`: the validated name of the client, looked up only when a string uses it.
    var validatedDomain: [UInt8]?

    /// Appends the value of `letter`, before transformers, to `output`.
    func appendValue(of letter: SPFMacro.Letter, to output: inout [UInt8]) {
        switch letter {
        case .sender: output += sender
        case .localPart: output += localPart
        case .senderDomain: output += senderDomain
        case .domain: output += domain
        case .ipAddress: Self.appendDottedAddress(client, to: &output)
        case .validatedDomain: output += validatedDomain ?? Self.unknown
        case .ipVersion: output += client.family == .ipv4 ? Self.inAddr : Self.ip6
        case .helo: output += helo
        case .clientAddress: output += client.description.utf8
        case .receiver: output += receiver.isEmpty ? Self.unknown : receiver
        case .timestamp: output += String(timestamp).utf8
        }
    }

    /// `i` (§7.3): dotted decimal for IPv4, the 32 nibbles in lower-case hex separated by
    /// dots for IPv6.
    static func appendDottedAddress(_ address: IPAddress, to output: inout [UInt8]) {
        for (index, byte) in address.bytes.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ".")) }
            if address.family == .ipv4 {
                output += String(byte).utf8
            } else {
                output.append(SPFCharacter.lowerHexDigits[Int(byte >> 4)])
                output.append(UInt8(ascii: "."))
                output.append(SPFCharacter.lowerHexDigits[Int(byte & 0x0F)])
            }
        }
    }

    private static let unknown: [UInt8] = Array("unknown".utf8)
    private static let inAddr: [UInt8] = Array("in-addr".utf8)
    private static let ip6: [UInt8] = Array("ip6".utf8)
}
