/// An Authentication-Results header field (RFC 8601 §2.2) to add to a received message:
/// the receiver's authserv-id and one entry per method that was evaluated.
public struct AuthenticationResultsField: Sendable, Hashable {
    /// The field name.
    public static let name = "Authentication-Results"
    /// The longest line the rendering aims at (RFC 5322 §2.1.1); a single item longer than
    /// that gets a line of its own.
    public static let preferredLineLength = 78

    /// The longest comment or reason written, in characters.
    public static let maximumTextLength = 200

    /// Who made the checks: usually the receiving host's name (§2.5).
    public var authservID: String
    /// The results, in order; none renders as `none` (§2.2).
    public var results: [AuthenticationResultsMethodResult]

    public init(authservID: String, results: [AuthenticationResultsMethodResult]) {
        self.authservID = authservID
        self.results = results
    }

    /// The whole field, folded at 78 characters where possible, lines ended by CRLF
    /// (the last one too).
    public var rendered: String {
        var items = [Self.name + ":", AuthenticationResultsSyntax.value(AuthenticationResultsSyntax.withoutControls(authservID)) + ";"]
        if results.isEmpty {
            items.append("none")
        } else {
            for (position, result) in results.enumerated() {
                var resultItems = Self.items(of: result)
                if position < results.count - 1, let last = resultItems.popLast() { resultItems.append(last + ";") }
                items.append(contentsOf: resultItems)
            }
        }
        return Self.folded(items)
    }

    /// The rendered field as octets (UTF-8).
    public var bytes: [UInt8] { Array(rendered.utf8) }

    /// The parts of one result that folding must not split.
    private static func items(of result: AuthenticationResultsMethodResult) -> [String] {
        var items = [AuthenticationResultsSyntax.keyword(result.method) + "=" + AuthenticationResultsSyntax.keyword(result.result)]
        if let comment = result.comment { items.append(AuthenticationResultsSyntax.comment(bounded(comment))) }
        if let reason = result.reason { items.append("reason=" + AuthenticationResultsSyntax.value(bounded(reason))) }
        for property in result.properties {
            items.append(AuthenticationResultsSyntax.keyword(property.type) + "." + AuthenticationResultsSyntax.keyword(property.name)
                         + "=" + AuthenticationResultsSyntax.propertyValue(property.value))
        }
        return items
    }

    /// `text` cut to ``maximumTextLength`` characters, so that a comment or reason built
    /// from hostile input cannot make a line longer than RFC 5322 allows.
    private static func bounded(_ text: String) -> String {
        text.count <= maximumTextLength ? text : String(text.prefix(maximumTextLength - 3)) + "..."
    }

    /// The items separated by spaces, a line break (CRLF and a tab) put before an item that
    /// would make the line longer than ``preferredLineLength``.
    private static func folded(_ items: [String]) -> String {
        var output = ""
        var lineLength = 0
        for item in items {
            let length = item.utf8.count
            if lineLength == 0 {
                output += item
                lineLength = length
            } else if lineLength + 1 + length <= preferredLineLength {
                output += " " + item
                lineLength += 1 + length
            } else {
                output += "\r\n\t" + item
                lineLength = 1 + length
            }
        }
        return output + "\r\n"
    }
}
