import MailCore
import Foundation

/// Adds an ARC set to a message (RFC 8617 §5.1): ARC-Authentication-Results with this hop's
/// results, an ARC-Message-Signature over the message, and an ARC-Seal over the chain.
/// RFC 8617 §4.1.3 defines ARC with rsa-sha256 only: seal with an RSA key for other
/// verifiers (an Ed25519 key makes ed25519-sha256 sets that Martlet alone verifies).
public struct ARCSealer: Sendable {
    public let domain: String
    public let selector: String
    public let key: DKIMSigningKey
    /// The names the ARC-Message-Signature signs, in lower case (From always among them).
    public let signedHeaderFields: [String]

    public init(domain: String, selector: String, key: DKIMSigningKey,
                signedHeaderFields: [String] = DKIMSigner.defaultSignedHeaderFields) {
        self.domain = domain
        self.selector = selector
        self.key = key
        self.signedHeaderFields = DKIMSigner(domain: domain, selector: selector, key: key,
                                             signedHeaderFields: signedHeaderFields).signedHeaderFields
    }

    /// The three fields of the next ARC set, ARC-Seal first, each folded and ending with
    /// CRLF, to be put in front of the message unchanged.
    ///
    /// - Parameters:
    ///   - authenticationResults: this hop's results, as in an Authentication-Results field
    ///     after the version (for example "mx.example.org; dkim=pass header.d=example.com").
    ///   - chainValidation: what ``ARCVerifier`` found for the message as it arrived; a
    ///     message with a chain that is not pass is sealed with cv=fail (§5.1.2).
    public func sealFields(for message: [UInt8], authenticationResults: String, chainValidation: ARCChainResult,
                           at time: Date) throws(ARCSealingError) -> String {
        guard DKIMSignature.isDomainName(domain) else { throw .signing(.invalidDomain(domain)) }
        guard DKIMSignature.isDomainName(selector) else { throw .signing(.invalidSelector(selector)) }
        let parsed = RawMessage(message)
        guard parsed.fields.contains(where: { $0.lowercasedName == "from" }) else { throw .signing(.missingFromField) }
        let existing: [ARCSets.Set]
        do { existing = try ARCSets(parsed).sets } catch { existing = [] }
        let instance = existing.count + 1
        guard instance <= ARCLimits.maximumInstances else { throw .chainFull }
        if existing.isEmpty && chainValidation != .none || !existing.isEmpty && chainValidation == .none {
            throw .chainValidationMismatch(chainValidation)
        }
        let validation = existing.isEmpty ? "none" : chainValidation.rawValue
        let timestamp = DKIMFieldSigning.timestamp(time)

        let results = "ARC-Authentication-Results: i=\(instance); \(authenticationResults)"
        let signedNames = DKIMFieldSigning.signedNameList(signedHeaderFields, oversigned: [], in: parsed)
        let messageSignature: String
        do {
            messageSignature = try DKIMFieldSigning(key: key).field(
                name: "ARC-Message-Signature",
                leadingTags: ["i=\(instance);", "a=\(key.algorithm.rawValue);", "c=relaxed/relaxed;", "d=\(domain);",
                              "s=\(selector);", "t=\(timestamp);"],
                signedNames: signedNames, message: parsed)
        } catch {
            throw .signing(error)
        }

        var writer = DKIMFieldWriter(name: "ARC-Seal")
        for tag in ["i=\(instance);", "a=\(key.algorithm.rawValue);", "t=\(timestamp);", "cv=\(validation);",
                    "d=\(domain);", "s=\(selector);", "b="] {
            writer.append(tag)
        }
        let data = ARCSealHashInput.data(
            earlierSets: existing.map { ARCSealHashInput.fields(of: $0, in: parsed) },
            authenticationResults: ArraySlice(results.utf8),
            messageSignature: ArraySlice(messageSignature.utf8.dropLast(2)),
            unsignedSeal: ArraySlice(writer.text.utf8))
        do { writer.appendBase64(Base64.encodedString(try key.signature(forHeaderData: data))) } catch { throw .signing(error) }
        return writer.text + "\r\n" + messageSignature + results + "\r\n"
    }
}

/// Why an ARC set could not be added.
public enum ARCSealingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message already has 50 ARC sets (RFC 8617 §4.2.1).
    case chainFull
    /// The chain validation given does not fit the message: none needs a message without ARC
    /// sets, and a message without them can only be sealed with none.
    case chainValidationMismatch(ARCChainResult)
    /// The signature itself could not be made.
    case signing(DKIMSigningError)

    public var description: String {
        switch self {
        case .chainFull: "the message already has \(ARCLimits.maximumInstances) ARC sets"
        case .chainValidationMismatch(let result): "cv=\(result.rawValue) does not fit the message's ARC sets"
        case .signing(let error): error.description
        }
    }
}
