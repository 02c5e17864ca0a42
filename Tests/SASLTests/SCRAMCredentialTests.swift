import Testing
@testable import SASL

@Suite("SCRAM-SHA-256 credentials")
struct SCRAMCredentialTests {
    @Test("RFC 7677 §3 password derives the StoredKey the example exchange proves")
    func rfc7677KeysMatchTheExampleProof() throws {
        let credential = try SCRAMCredential(
            password: "pencil", salt: base64("W22ZaJ0SNY7soEsUEjb6gQ=="), iterations: 4096)
        // From the example: ClientProof XOR HMAC(StoredKey, AuthMessage) = ClientKey, H(ClientKey) = StoredKey.
        let authMessage = bytes(
            "n=user,r=rOprNGfwEbeRWgbNEkqO,"
                + "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
                + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0")
        let proof = base64("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
        let signature = SCRAMSHA256Primitives.hmac(key: credential.storedKey, message: authMessage)
        let clientKey = SCRAMSHA256Primitives.exclusiveOr(proof, signature)
        #expect(SCRAMSHA256Primitives.hash(clientKey) == credential.storedKey)
        #expect(SCRAMSHA256Primitives.hmac(key: credential.serverKey, message: authMessage)
            == base64("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="))
    }

    @Test("verify accepts the password and refuses others")
    func verify() throws {
        let credential = try cheapCredential("correct horse")
        #expect(credential.verify(password: "correct horse"))
        #expect(!credential.verify(password: "correct horsf"))
        #expect(!credential.verify(password: "Correct horse"))
        #expect(!credential.verify(password: ""))
        #expect(!credential.verify(password: "correct horse\u{7}"))
    }

    @Test("verify applies SASLprep: a no-break space equals a space, a soft hyphen vanishes")
    func verifyPreparesPassword() throws {
        let credential = try cheapCredential("correct horse")
        #expect(credential.verify(password: "correct\u{00A0}horse"))
        #expect(credential.verify(password: "cor\u{00AD}rect horse"))
    }

    @Test("a generated salt is random and 16 bytes long")
    func generatedSalt() throws {
        let first = try SCRAMCredential(password: "secret", iterations: 8)
        let second = try SCRAMCredential(password: "secret", iterations: 8)
        #expect(first.salt.count == 16)
        #expect(first.salt != second.salt)
        #expect(first.storedKey != second.storedKey)
        #expect(first.verify(password: "secret") && second.verify(password: "secret"))
    }

    @Test("encode and decode round trip")
    func roundTrip() throws {
        let credential = try SCRAMCredential(
            password: "pencil", salt: base64("W22ZaJ0SNY7soEsUEjb6gQ=="), iterations: 4096)
        let encoded = credential.encoded
        #expect(encoded.hasPrefix("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"))
        let decoded = try SCRAMCredential(encoded: encoded)
        #expect(decoded == credential)
        #expect(decoded.verify(password: "pencil"))
    }

    @Test("description never shows key material")
    func descriptionHidesKeys() throws {
        let credential = try cheapCredential("pencil")
        #expect(!credential.description.contains(encodeBase64(credential.storedKey)))
        #expect(credential.description.contains("iterations: 16"))
    }

    static let validKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

    @Test("corrupt records are rejected", arguments: [
        "",
        "SCRAM-SHA-256",
        "SCRAM-SHA-1$4096:c2FsdA==$\(validKey):\(validKey)",
        "SCRAM-SHA-256$4096:c2FsdA==$\(validKey)",
        "SCRAM-SHA-256$4096$\(validKey):\(validKey)",
        "SCRAM-SHA-256$x:c2FsdA==$\(validKey):\(validKey)",
        "SCRAM-SHA-256$-1:c2FsdA==$\(validKey):\(validKey)",
        "SCRAM-SHA-256$0:c2FsdA==$\(validKey):\(validKey)",
        "SCRAM-SHA-256$10000001:c2FsdA==$\(validKey):\(validKey)",
        "SCRAM-SHA-256$99999999999999999999:c2FsdA==$\(validKey):\(validKey)",
        "SCRAM-SHA-256$4096:$\(validKey):\(validKey)",
        "SCRAM-SHA-256$4096:!!!!$\(validKey):\(validKey)",
        "SCRAM-SHA-256$4096:c2FsdA==$AAAA:\(validKey)",
        "SCRAM-SHA-256$4096:c2FsdA==$\(validKey):AAAA",
        "SCRAM-SHA-256$4096:c2FsdA==$\(validKey):\(validKey)$extra",
        "SCRAM-SHA-256$4096:c2FsdA==$\(validKey):\(validKey):extra",
        "SCRAM-SHA-256$4096:" + String(repeating: "A", count: 4000) + "$\(validKey):\(validKey)",
    ])
    func corruptRecords(record: String) {
        #expect(throws: SASLError.self) { try SCRAMCredential(encoded: record) }
    }

    @Test("the iteration bound is enforced when creating")
    func iterationBounds() {
        #expect(throws: SASLError.iterationCountOutOfRange(0)) {
            try SCRAMCredential(password: "x", iterations: 0)
        }
        #expect(throws: SASLError.iterationCountOutOfRange(SCRAMCredential.maximumIterations + 1)) {
            try SCRAMCredential(password: "x", iterations: SCRAMCredential.maximumIterations + 1)
        }
        #expect(throws: SASLError.invalidSaltLength(0)) {
            try SCRAMCredential(password: "x", salt: [], iterations: 1)
        }
    }

    @Test("passwords SASLprep refuses cannot become credentials")
    func refusedPasswords() {
        #expect(throws: SASLError.emptyAfterPreparation) { try SCRAMCredential(password: "", iterations: 1) }
        #expect(throws: SASLError.emptyAfterPreparation) { try SCRAMCredential(password: "\u{AD}", iterations: 1) }
        #expect(throws: SASLError.prohibitedCharacter(.asciiControl)) {
            try SCRAMCredential(password: "bell\u{7}", iterations: 1)
        }
        // Stored strings refuse code points unassigned in Unicode 3.2 (U+1F600 is from 6.1).
        #expect(throws: SASLError.unassignedCodePoint) { try SCRAMCredential(password: "smile\u{1F600}", iterations: 1) }
    }

    @Test("constant-time comparison compares contents and lengths")
    func constantTimeComparison() {
        #expect(constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(constantTimeEqual([], []))
    }
}
