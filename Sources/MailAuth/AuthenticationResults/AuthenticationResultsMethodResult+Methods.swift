/// The method results Martlet reports, spelled as RFC 8601 §2.7 and its registry spell them.
extension AuthenticationResultsMethodResult {
    /// `spf=<result> smtp.mailfrom=<address>`, or `smtp.helo=<name>` when the reverse path
    /// was empty and SPF checked the HELO name (RFC 8601 §2.7.2).
    public static func spf(_ result: SPFResult, mailFrom: String?, helo: String? = nil,
                           comment: String? = nil) -> AuthenticationResultsMethodResult {
        var properties = [AuthenticationResultsProperty]()
        if let mailFrom, !mailFrom.isEmpty {
            properties.append(.smtp("mailfrom", mailFrom))
        } else if let helo {
            properties.append(.smtp("helo", helo))
        }
        return AuthenticationResultsMethodResult(method: "spf", result: result.rawValue, comment: comment, properties: properties)
    }

    /// How many characters of a signature's `b=` value identify it (RFC 6008 §4 asks for
    /// at least 8).
    public static let signaturePrefixLength = 8

    /// `dkim=<result> header.d=<domain> header.s=<selector> header.b=<first characters of b=>`
    /// (RFC 8601 §2.7.1, RFC 6008 §4); `header.i` when the signature has one.
    public static func dkim(_ result: DKIMResult, domain: String?, selector: String?, signature: String?,
                            identity: String? = nil, reason: String? = nil) -> AuthenticationResultsMethodResult {
        var properties = [AuthenticationResultsProperty]()
        if let identity { properties.append(.header("i", identity)) }
        if let domain { properties.append(.header("d", domain)) }
        if let selector { properties.append(.header("s", selector)) }
        if let signature, !signature.isEmpty {
            let compact = signature.filter { !$0.isWhitespace }
            properties.append(.header("b", String(compact.prefix(signaturePrefixLength))))
        }
        return AuthenticationResultsMethodResult(method: "dkim", result: result.rawValue, reason: reason, properties: properties)
    }

    /// `dmarc=<result> (p=<policy> dis=<disposition>) header.from=<author domain>`, the form
    /// common receivers write (RFC 7489 §11.2 registers `header.from`).
    public static func dmarc(_ evaluation: DMARCEvaluation) -> AuthenticationResultsMethodResult {
        var comment: String? = nil
        if let policy = evaluation.policyWord {
            comment = "p=\(policy) dis=\(evaluation.disposition.rawValue)"
        }
        let properties: [AuthenticationResultsProperty] =
            evaluation.authorDomain.isEmpty ? [] : [.header("from", evaluation.authorDomain)]
        return AuthenticationResultsMethodResult(method: "dmarc", result: evaluation.result.rawValue, comment: comment,
                                                 reason: evaluation.explanation, properties: properties)
    }
}
