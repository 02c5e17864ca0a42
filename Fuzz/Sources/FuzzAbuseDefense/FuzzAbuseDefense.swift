import AbuseDefense
import DNSResolver
import FuzzSupport

/// libFuzzer's entry point: hostile input to the abuse defenses' parsers. The option bits
/// choose what the payload is: a clamd reply (fed in pieces, which must give what it gives
/// whole), DNS block list answers (the payload read as IPv4 answer addresses), a message
/// the spam filter inspects, tokenizes and scores, or configuration and address text
/// (rates, ban keys, client networks, greylist triplets, block list names).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    switch input.options % 4 {
    case 0:
        clamdReply(input)
    case 1:
        blockListAnswers(input.payload)
    case 2:
        spamMessage(input.payload)
    default:
        addressText(String(decoding: input.payload, as: UTF8.self))
    }
    return 0
}

/// A reply parsed in pieces is the reply parsed whole.
private func clamdReply(_ input: FuzzInput) {
    let whole: ClamdScanResult? = try? ClamdReplyParser.parse(input.payload)
    var parser = ClamdReplyParser()
    var early: ClamdScanResult?
    do {
        for chunk in input.chunks where early == nil { early = try parser.append(chunk) }
        let pieces = try early ?? parser.finish()
        precondition(whole == nil || whole == pieces, "a clamd reply parses differently in pieces")
    } catch {
        return
    }
}

/// Whatever a list answers, the meaning is one of its outcomes, never a crash.
private func blockListAnswers(_ payload: [UInt8]) {
    guard let zone = BlockListZone("zen.example") else { return }
    var addresses: [IPAddress] = []
    var index = 0
    while index + 4 <= payload.count, addresses.count < 32 {
        if let address = IPAddress(bytes: Array(payload[index..<index + 4])) { addresses.append(address) }
        index += 4
    }
    _ = BlockListAnswer.interpret(addresses, zone: zone)
}

/// Inspection, tokens and rules stay within their bounds on any message.
private func spamMessage(_ payload: [UInt8]) {
    let inspection = SpamInspection(message: payload)
    let tokenizer = SpamTokenizer()
    let tokens = tokenizer.tokens(of: inspection)
    precondition(tokens.count <= tokenizer.maximumTokens, "more tokens than the bound")
    _ = SpamRules(hostname: "mx.example.test").hits(inspection, results: SenderAuthenticationResults(),
                                                    blockListings: ["zen.example"])
}

/// Text an operator or a peer supplies as a rate, an address or a network.
private func addressText(_ text: String) {
    _ = RateLimit(parsing: text)
    _ = BanKey.named(text)
    _ = BanKey.of(text)
    _ = ClientNetwork.key(of: text)
    _ = BlockListZone(text)
    if let address = IPAddress(text) {
        _ = GreylistTriplet(client: address, sender: text, recipient: text)
        if let zone = try? DNSName("zen.example") { _ = try? BlockListQuery.name(for: address, in: zone) }
    }
}
