import MailCore

/// Commands about the session itself: AUTHENTICATE, LOGIN, ENABLE, ID.
extension CommandGrammar {
    /// `AUTHENTICATE SP auth-type [SP (base64 / "=")]` (RFC 9051 §6.2.2, SASL-IR RFC 4959).
    mutating func readAuthenticate() throws(GrammarError) -> IMAPCommand {
        try reader.expectSpace()
        let mechanism = try reader.readAtom().uppercased()
        guard reader.consume(IMAPCharacters.space) else {
            return .authenticate(mechanism: mechanism, initialResponse: nil)
        }
        let encoded = try reader.readRun("an initial response") { byte in
            IMAPCharacters.isAtomCharacter(byte) || byte == IMAPCharacters.equals
        }
        if encoded.count == 1, encoded.first == IMAPCharacters.equals {
            return .authenticate(mechanism: mechanism, initialResponse: [])
        }
        guard let decoded = Base64.decodeStrict(encoded) else {
            throw GrammarError("the initial response is not valid base64")
        }
        return .authenticate(mechanism: mechanism, initialResponse: decoded)
    }

    /// `LOGIN SP userid SP password`.
    mutating func readLogin() throws(GrammarError) -> IMAPCommand {
        let username = try readAStringArgument("the user name")
        let password = try readAStringArgument("the password")
        return .login(username: username, password: password)
    }

    /// `ENABLE 1*(SP capability)` (RFC 5161 §4).
    mutating func readEnable() throws(GrammarError) -> IMAPCommand {
        var names = [String]()
        repeat {
            try reader.expectSpace()
            names.append(try reader.readAtom().uppercased())
        } while !reader.isAtEnd
        return .enable(names)
    }

    /// `ID SP ("(" *(string SP nstring) ")" / NIL)` (RFC 2971 §4).
    mutating func readIDArguments() throws(GrammarError) -> [IDParameter]? {
        try reader.expectSpace()
        if reader.consumeKeyword("NIL") { return nil }
        return try reader.readList(allowEmpty: true) { (reader: inout GrammarReader) throws(GrammarError) in
            let field = try GrammarReader.text(try reader.readString(), "an ID field")
            try reader.expectSpace()
            let value = try reader.readNString().map { (bytes) throws(GrammarError) in try GrammarReader.text(bytes, "an ID value") }
            return IDParameter(field: field, value: value)
        }
    }
}
