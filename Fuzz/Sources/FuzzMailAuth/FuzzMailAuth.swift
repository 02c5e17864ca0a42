import DNSResolver
import Dispatch
import FuzzSupport
import MailAuth

/// A key and DNS answers that are the same for every input: any `_domainkey` name has the
/// Ed25519 key below, any other TXT name the SPF record "v=spf1 a mx include:x.test -all".
private let signingKey = (try? DKIMSigningKey.generate(.ed25519))!
private struct FixedAnswers: DNSResolving {
    func resolve(_ name: DNSName, type: DNSRecordType) async throws(DNSResolverError) -> DNSLookupResult<DNSRecordSet> {
        let text = name.lowercased().description.contains("_domainkey") ? signingKey.dnsRecordText : "v=spf1 a mx include:x.test -all"
        guard type == .txt else { return .noData }
        return .found(DNSRecordSet(name: name, canonicalName: name,
                                   records: [DNSResourceRecord(name: name, timeToLive: 60, data: .text(TextRecord([text])))]))
    }
}

/// Makes the key before fuzzing starts, so that it is not taken for a leak of the first input.
func prepareFuzzing() {
    _ = signingKey.dnsRecordText
}

/// Runs an async check to its end (libFuzzer's entry point is synchronous).
private func wait(_ body: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task {
        await body()
        done.signal()
    }
    done.wait()
}

/// libFuzzer's entry point: hostile sender-authentication input. The option bits choose
/// what the payload is: an SPF record, a DMARC record, an Authentication-Results value (and a
/// header section the forged-field filter cleans), a From: header section, a message to
/// sign and verify, or a message whose own DKIM-Signature fields are verified. The DKIM
/// body hash of the payload fed in pieces must equal the one of the payload whole.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let text = String(decoding: input.payload, as: UTF8.self)
    switch input.options % 6 {
    case 0:
        _ = try? SPFRecord(parsing: text)
    case 1:
        _ = try? DMARCRecord(parsing: text)
    case 2:
        _ = AuthenticationResultsValue.parse(input.payload)
        let cleaned = AuthenticationResultsFilter.removingFieldsClaiming(authservID: "mx.example.test", from: input.payload)
        precondition(cleaned.count <= input.payload.count, "the filter added octets")
    case 3:
        _ = AuthorDomain.extract(fromHeaderSection: input.payload)
    case 4:
        let canonicalization: DKIMCanonicalization = input.flag(6) ? .relaxed : .simple
        var whole = DKIMBodyHasher(canonicalization: canonicalization, hashAlgorithm: .sha256)
        whole.update(input.payload)
        var pieces = DKIMBodyHasher(canonicalization: canonicalization, hashAlgorithm: .sha256)
        for chunk in input.chunks { pieces.update(chunk) }
        precondition(whole.finalize() == pieces.finalize(), "the body hash depends on how the body was cut")
        // What we sign must verify.
        let signer = DKIMSigner(domain: "example.test", selector: "fuzz", key: signingKey)
        if let field = try? signer.signatureField(for: input.payload, at: .init(timeIntervalSince1970: 1_800_000_000)) {
            let signed = Array(field.utf8) + input.payload
            wait {
                let results = await DKIMVerifier(resolver: FixedAnswers(), now: { .init(timeIntervalSince1970: 1_800_000_000) })
                    .verify(message: signed)
                precondition(results.first?.result == .pass, "a message we signed does not verify: \(results)")
            }
        }
    default:
        let payload = input.payload
        wait {
            _ = await DKIMVerifier(resolver: FixedAnswers()).verify(message: payload)
            _ = await ARCVerifier(resolver: FixedAnswers()).verify(message: payload)
        }
    }
    return 0
}
