/// CAPA (RFC 2449 §5, §6): what the client may use now. USER, SASL and STLS belong to the
/// AUTHORIZATION state; after login EXPIRE and LOGIN-DELAY give the user's own values.
extension POP3ServerSession {
    /// The capability lines for the current state.
    var capabilities: [String] {
        var lines = ["TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"]
        let loggedIn = maildrop != nil
        if !loggedIn {
            if userCommandAvailable { lines.append("USER") }
            let mechanisms = usableMechanismNames
            if !mechanisms.isEmpty { lines.append((["SASL"] + mechanisms).joined(separator: " ")) }
            if stlsAvailable { lines.append("STLS") }
        }
        // RFC 2449 §6.7 and §6.5: "USER" marks a value that varies by user; it is only
        // announced before login, and the user's own value replaces it afterwards.
        if let expire = (loggedIn ? maildrop?.maildrop.expirePolicy : nil) ?? configuration.expirePolicy {
            let perUser = !loggedIn && configuration.expirePolicyVariesByUser
            lines.append("EXPIRE \(expire.argument)" + (perUser ? " USER" : ""))
        }
        if let delay = (loggedIn ? maildrop?.maildrop.loginDelaySeconds : nil) ?? configuration.loginDelaySeconds {
            let perUser = !loggedIn && configuration.loginDelayVariesByUser
            lines.append("LOGIN-DELAY \(max(0, delay))" + (perUser ? " USER" : ""))
        }
        if let implementation = configuration.implementation, !implementation.isEmpty {
            lines.append("IMPLEMENTATION \(implementation)")
        }
        return lines
    }

    mutating func sendCapabilities() {
        send(.capabilities(capabilities))
    }
}
