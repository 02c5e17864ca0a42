/// The sender authentication results this server recorded for a message (the result words
/// of its own Authentication-Results field, RFC 8601), lower-cased; nil when not checked.
public struct SenderAuthenticationResults: Sendable, Hashable {
    public var spf: String?
    /// One result per DKIM signature.
    public var dkim: [String]
    public var dmarc: String?

    public init(spf: String? = nil, dkim: [String] = [], dmarc: String? = nil) {
        self.spf = spf?.lowercased()
        self.dkim = dkim.map { $0.lowercased() }
        self.dmarc = dmarc?.lowercased()
    }

    /// The rules these results trigger.
    var hits: [SpamRuleHit] {
        var hits: [SpamRuleHit] = []
        switch spf {
        case "pass": hits.append(SpamRuleHit("SPF_PASS", -0.5))
        case "fail": hits.append(SpamRuleHit("SPF_FAIL", 2.0))
        case "softfail": hits.append(SpamRuleHit("SPF_SOFTFAIL", 1.0))
        case "permerror": hits.append(SpamRuleHit("SPF_PERMERROR", 0.5))
        default: break
        }
        if dkim.contains("pass") {
            hits.append(SpamRuleHit("DKIM_VALID", -0.5))
        } else if dkim.contains(where: { $0 == "fail" || $0 == "permerror" }) {
            hits.append(SpamRuleHit("DKIM_INVALID", 1.0))
        }
        switch dmarc {
        case "pass": hits.append(SpamRuleHit("DMARC_PASS", -1.0))
        case "fail": hits.append(SpamRuleHit("DMARC_FAIL", 3.0))
        default: break
        }
        return hits
    }
}
