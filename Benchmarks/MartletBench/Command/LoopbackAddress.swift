/// An IPv4 address in 127.0.0.0/8: the only kind of address the flood workload connects
/// to or sends from, so a flood can never leave the machine.
struct LoopbackAddress: Equatable, Sendable, CustomStringConvertible {
    /// The four octets, the first always 127.
    let octets: [UInt8]

    /// Parses a dotted-quad loopback address; "localhost" stands for 127.0.0.1. Anything
    /// else (another network, a host name, IPv6) is nil.
    init?(_ text: String) {
        if text.lowercased() == "localhost" {
            octets = [127, 0, 0, 1]
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                  let value = UInt8(part)
            else { return nil }
            octets.append(value)
        }
        guard octets[0] == 127 else { return nil }
        self.octets = octets
    }

    var description: String { octets.map(String.init).joined(separator: ".") }
}
