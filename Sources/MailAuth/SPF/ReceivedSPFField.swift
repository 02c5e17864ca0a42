import DNSResolver

/// The `Received-SPF:` trace header field (RFC 7208 §9.1).
public enum ReceivedSPFField {
    /// The whole field for `evaluation`: name, result, a comment for people and the key-value
    /// pairs, folded into lines of at most 78 characters, each ending in CRLF. Values that are
    /// not dot-atoms are quoted; control and non-ASCII characters from the peer become "?".
    public static func render(_ evaluation: SPFEvaluation, client: IPAddress, helo: String,
                              envelopeFrom: String, receiver: String) -> String {
        let client = client.embeddedIPv4 ?? client
        var line = "Received-SPF: " + evaluation.result.rawValue
        line += " (" + commentText(evaluation, client: client, envelopeFrom: envelopeFrom, helo: helo, receiver: receiver) + ")"
        var pairs: [(String, String)] = [
            ("client-ip", client.description), ("envelope-from", envelopeFrom), ("helo", helo),
        ]
        if let problem = evaluation.problem { pairs.append(("problem", problem)) }
        if let mechanism = evaluation.mechanism { pairs.append(("mechanism", mechanism)) }
        pairs.append(("receiver", receiver))
        pairs.append(("identity", evaluation.identity.rawValue))
        for (key, value) in pairs { line += " " + key + "=" + FieldText.value(value) + ";" }
        return FieldText.fold(line)
    }

    /// The comment of §9.1: who decided what about whom.
    private static func commentText(_ evaluation: SPFEvaluation, client: IPAddress,
                                    envelopeFrom: String, helo: String, receiver: String) -> String {
        let sender: String
        switch evaluation.identity {
        case .helo: sender = helo
        case .mailFrom: sender = envelopeFrom.isEmpty ? evaluation.sender : envelopeFrom
        }
        let who = FieldText.comment(sender)
        let problem = FieldText.comment(evaluation.problem ?? "unknown problem")
        let text = switch evaluation.result {
        case .pass: "domain of \(who) designates \(client) as permitted sender"
        case .fail: "domain of \(who) does not designate \(client) as permitted sender"
        case .softfail: "domain of transitioning \(who) does not designate \(client) as permitted sender"
        case .neutral: "\(client) is neither permitted nor denied by domain of \(who)"
        case .none: "domain of \(who) does not designate permitted sender hosts"
        case .temperror: "error in processing during lookup of \(who): \(problem)"
        case .permerror: "permanent error in processing domain of \(who): \(problem)"
        }
        return FieldText.comment(receiver) + ": " + text
    }
}
