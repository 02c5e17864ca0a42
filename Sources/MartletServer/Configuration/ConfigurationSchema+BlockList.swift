import AbuseDefense
import DNSResolver
import TOMLKit

extension ConfigurationSchema {
    /// `[dnsbl]` (see ``BlockListSettings``).
    func blockLists(_ root: TOMLTable) throws(ConfigurationError) -> BlockListSettings {
        var settings = BlockListSettings()
        guard let table = try reader.table("dnsbl", in: root, at: []) else { return settings }
        let names = try reader.strings("zones", in: table, at: ["dnsbl"]) ?? []
        var codes: [String: [IPAddress: String]] = [:]
        for entry in try reader.strings("return_codes", in: table, at: ["dnsbl"]) ?? [] {
            let (zone, address, meaning) = try returnCode(entry, zones: names)
            codes[zone, default: [:]][address] = meaning
        }
        var seen: Set<String> = []
        settings.zones = try names.map { text throws(ConfigurationError) in
            guard let zone = BlockListZone(text, returnCodes: codes[text.lowercased()] ?? [:]) else {
                throw invalid(["dnsbl", "zones"], "\"\(text)\" is not a domain name")
            }
            guard seen.insert(zone.displayName).inserted else { throw invalid(["dnsbl", "zones"], "\"\(text)\" is listed twice") }
            return zone
        }
        settings.rejectsListedClients = try reader.boolean("reject", in: table, at: ["dnsbl"]) ?? true
        if let timeout = try reader.integer("timeout_milliseconds", in: table, at: ["dnsbl"]) {
            guard (10...60_000).contains(timeout) else { throw invalid(["dnsbl", "timeout_milliseconds"], "must be 10...60000") }
            settings.timeoutMilliseconds = timeout
        }
        return settings
    }

    /// One `zone=127.0.0.x:meaning` entry of `return_codes`, for a zone of `zones`.
    private func returnCode(_ entry: String, zones: [String]) throws(ConfigurationError) -> (String, IPAddress, String) {
        let path = ["dnsbl", "return_codes"]
        guard let equals = entry.firstIndex(of: "="), let colon = entry[equals...].firstIndex(of: ":") else {
            throw invalid(path, "\"\(entry)\" is not zone=address:meaning")
        }
        let zone = entry[..<equals].lowercased()
        guard zones.contains(where: { $0.lowercased() == zone }) else {
            throw invalid(path, "\"\(zone)\" is not one of the zones")
        }
        guard let address = IPAddress(String(entry[entry.index(after: equals)..<colon])), address.family == .ipv4,
              address.bytes[0] == 127 else {
            throw invalid(path, "\"\(entry)\": the answer must be an address in 127.0.0.0/8")
        }
        let meaning = entry[entry.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !meaning.isEmpty else { throw invalid(path, "\"\(entry)\" gives no meaning") }
        return (zone, address, meaning)
    }
}
