/// A message's spam score: the rules that matched and their sum.
public struct SpamScore: Sendable, Hashable {
    /// The matched rules, in the order they were evaluated.
    public var hits: [SpamRuleHit]

    public init(hits: [SpamRuleHit]) { self.hits = hits }

    /// The sum of the hits' points.
    public var total: Double { hits.reduce(0) { $0 + $1.score } }

    /// `X-Spam-Status:` and `X-Spam-Score:` (SpamAssassin's layout, which mail clients'
    /// filters know), folded at the list of tests, CRLF-terminated.
    public func headerFields(junkThreshold: Double) -> [UInt8] {
        let verdict = total >= junkThreshold ? "Yes" : "No"
        var lines: [String] = []
        var line = "X-Spam-Status: \(verdict), score=\(Self.format(total)) required=\(Self.format(junkThreshold))"
        let names = hits.map(\.name).sorted()
        if !names.isEmpty {
            line += " tests="
            for (index, name) in names.enumerated() {
                let piece = name + (index < names.count - 1 ? "," : "")
                if line.count + piece.count > 76, !line.hasSuffix("tests=") {
                    lines.append(line)
                    line = "\t"
                }
                line += piece
            }
        }
        lines.append(line)
        let text = lines.joined(separator: "\r\n") + "\r\nX-Spam-Score: \(Self.format(total))\r\n"
        return Array(text.utf8)
    }

    /// A score with one decimal: `7.3`, `-0.5`.
    public static func format(_ score: Double) -> String {
        let tenths = Int((score * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
