/// Reads an Authentication-Results value (RFC 8601 §2.2) leniently: the authserv-id and
/// its optional version, then `;`-separated method results; a result that cannot be read
/// is skipped up to the next `;`.
enum AuthenticationResultsParser {
    /// More results than any real field has are not read.
    static let maximumResults = 256
    /// Versions longer than this are not numbers worth reading.
    private static let maximumVersionDigits = 9

    static func parse(_ bytes: ArraySlice<UInt8>) -> AuthenticationResultsValue? {
        var scanner = AuthenticationResultsScanner(bytes)
        guard let header = readAuthservID(&scanner) else { return nil }
        var value = AuthenticationResultsValue(authservID: header.authservID, version: header.version, results: [])
        while value.results.count < maximumResults {
            scanner.skipWhitespaceAndComments()
            if scanner.isAtEnd { break }
            guard scanner.take(UInt8(ascii: ";")) else {
                scanner.skipToSemicolon()
                continue
            }
            if let result = readResult(&scanner), !(result.method == "none" && result.result.isEmpty) {
                value.results.append(result)
            }
        }
        return value
    }

    /// The authserv-id (a `value`) and an optional version number after it, the scanner
    /// left after them. This is all the filter of forged fields needs.
    static func readAuthservID(_ scanner: inout AuthenticationResultsScanner) -> (authservID: String, version: Int?)? {
        scanner.skipWhitespaceAndComments()
        guard let authservID = scanner.readValue(), !authservID.isEmpty else { return nil }
        scanner.skipWhitespaceAndComments()
        var version: Int? = nil
        if let byte = scanner.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte),
           let digits = scanner.readToken() {
            version = digits.count <= maximumVersionDigits ? Int(digits) : nil
        }
        return (authservID, version)
    }

    /// One `resinfo` after its `;`: `method[/version] = result`, then comments, `reason=`
    /// and properties up to the next `;`. Nil (with the scanner moved to that `;`)
    /// when it is malformed. The bare word `none` comes back as method `none` with no result.
    private static func readResult(_ scanner: inout AuthenticationResultsScanner) -> AuthenticationResultsMethodResult? {
        scanner.skipWhitespaceAndComments()
        guard let method = scanner.readToken()?.lowercased() else { return malformed(&scanner) }
        scanner.skipWhitespaceAndComments()
        if method == "none" && (scanner.isAtEnd || scanner.current == UInt8(ascii: ";")) {
            return AuthenticationResultsMethodResult(method: "none", result: "")
        }
        if scanner.take(UInt8(ascii: "/")) {
            scanner.skipWhitespaceAndComments()
            _ = scanner.readToken()
            scanner.skipWhitespaceAndComments()
        }
        guard scanner.take(UInt8(ascii: "=")) else { return malformed(&scanner) }
        scanner.skipWhitespaceAndComments()
        guard let resultWord = scanner.readToken()?.lowercased() else { return malformed(&scanner) }
        var result = AuthenticationResultsMethodResult(method: method, result: resultWord)
        result.comment = scanner.skipWhitespaceAndComments()
        while !scanner.isAtEnd && scanner.current != UInt8(ascii: ";") {
            guard readProperty(&scanner, into: &result) else { return malformed(&scanner) }
            scanner.skipWhitespaceAndComments()
        }
        return result
    }

    /// `reason=value` or `ptype.property=pvalue`, added to `result`; false when malformed.
    private static func readProperty(_ scanner: inout AuthenticationResultsScanner,
                                     into result: inout AuthenticationResultsMethodResult) -> Bool {
        guard let type = scanner.readToken()?.lowercased() else { return false }
        scanner.skipWhitespaceAndComments()
        if type == "reason" && scanner.take(UInt8(ascii: "=")) {
            scanner.skipWhitespaceAndComments()
            guard let reason = scanner.readValue() else { return false }
            result.reason = reason
            return true
        }
        // A token may hold dots, so `header.d` usually arrives as one token.
        var name: String
        if let dot = type.firstIndex(of: ".") {
            name = String(type[type.index(after: dot)...])
            guard !name.isEmpty else { return false }
            return readPropertyValue(&scanner, type: String(type[..<dot]), name: name, into: &result)
        }
        guard scanner.take(UInt8(ascii: ".")) else { return false }
        scanner.skipWhitespaceAndComments()
        guard let property = scanner.readToken()?.lowercased() else { return false }
        name = property
        return readPropertyValue(&scanner, type: type, name: name, into: &result)
    }

    private static func readPropertyValue(_ scanner: inout AuthenticationResultsScanner, type: String, name: String,
                                          into result: inout AuthenticationResultsMethodResult) -> Bool {
        scanner.skipWhitespaceAndComments()
        guard scanner.take(UInt8(ascii: "=")) else { return false }
        scanner.skipWhitespaceAndComments()
        guard let value = scanner.readPropertyValue() else { return false }
        result.properties.append(AuthenticationResultsProperty(type: type, name: name, value: value))
        return true
    }

    /// Leaves the scanner at the `;` that ends a malformed result (or at the end).
    private static func malformed(_ scanner: inout AuthenticationResultsScanner) -> AuthenticationResultsMethodResult? {
        scanner.skipToSemicolon()
        return nil
    }
}
