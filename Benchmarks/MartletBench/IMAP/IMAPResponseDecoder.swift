import NIOCore

/// Reads IMAP responses until the completion carrying `tag` (or, for the greeting, the
/// first response). Literals (`{n}` at a line's end, RFC 9051 §4.3) are skipped as they
/// arrive, so a large FETCH never sits whole in memory.
struct IMAPResponseDecoder: InboundFrameDecoder {
    enum Goal: Equatable, Sendable {
        case greeting
        /// The tagged completion of `tag`; with `stopAtContinuation`, a "+" ends it too.
        case completion(tag: String, stopAtContinuation: Bool)
    }

    private let goal: Goal
    private var exchange = IMAPExchange()
    /// The current response's text so far (lines before its literals).
    private var pending = ""
    private var literalRemaining = 0

    init(_ goal: Goal) {
        self.goal = goal
    }

    mutating func decode(_ buffer: inout ByteBuffer) throws(BenchError) -> IMAPExchange? {
        while true {
            if literalRemaining > 0 {
                let count = min(literalRemaining, buffer.readableBytes)
                guard count > 0 else { return nil }
                buffer.moveReaderIndex(forwardBy: count)
                literalRemaining -= count
                exchange.literalBytes += count
                continue
            }
            guard let line = try buffer.readProtocolLine(maximumLength: BenchLimits.maximumLineLength) else {
                return nil
            }
            if let length = try Self.literalLength(atEndOf: line) {
                pending += line
                guard pending.utf8.count <= BenchLimits.maximumLineLength else {
                    throw .limitExceeded("an IMAP response whose text exceeds \(BenchLimits.maximumLineLength) bytes")
                }
                literalRemaining = length
                continue
            }
            let response = pending + line
            pending = ""
            if let finished = try consume(response) { return finished }
        }
    }

    /// The literal length announced by `{n}` (or `{n+}`) at the end of `line`, if any.
    static func literalLength(atEndOf line: String) throws(BenchError) -> Int? {
        guard line.hasSuffix("}"), let open = line.lastIndex(of: "{") else { return nil }
        var digits = line[line.index(after: open)..<line.index(before: line.endIndex)]
        if digits.hasSuffix("+") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        guard digits.count <= 10, let length = Int(digits), length <= BenchLimits.maximumLiteralSize else {
            throw .limitExceeded("an IMAP literal larger than \(BenchLimits.maximumLiteralSize) bytes")
        }
        return length
    }

    private mutating func consume(_ text: String) throws(BenchError) -> IMAPExchange? {
        let response = try IMAPResponseLine(parsing: text)
        switch (goal, response) {
        case (.greeting, .untagged(let text)):
            let word = text.prefix { $0 != " " }.uppercased()
            guard ["OK", "PREAUTH", "BYE"].contains(word) else {
                throw .malformedReply("not an IMAP greeting: \(text.prefix(80))")
            }
            exchange.capabilities = IMAPResponseLine.capabilities(in: text)
            exchange.ending = .greeting(text)
            return exchange
        case (.greeting, _):
            throw .malformedReply("the server did not start with an untagged greeting")
        case (.completion(_, let stopAtContinuation), .continuation(let text)):
            guard stopAtContinuation else { throw .malformedReply("an unexpected continuation request") }
            exchange.ending = .continuation(text)
            return exchange
        case (.completion(let tag, _), .tagged(let responseTag, let status, let text)):
            guard responseTag == tag else { throw .malformedReply("a completion for unknown tag \(responseTag.prefix(40))") }
            if let capabilities = IMAPResponseLine.capabilities(in: text) { exchange.capabilities = capabilities }
            exchange.ending = .completed(status, text)
            return exchange
        case (.completion, .untagged(let text)):
            record(untagged: text)
            return nil
        }
    }

    private mutating func record(untagged text: String) {
        exchange.untaggedResponses += 1
        if let exists = IMAPResponseLine.number(in: text, keyword: "EXISTS") {
            exchange.lastExists = exists
            exchange.expungesAfterExists = 0
        } else if IMAPResponseLine.number(in: text, keyword: "EXPUNGE") != nil {
            exchange.expungesAfterExists += 1
        } else if IMAPResponseLine.number(in: text, keyword: "FETCH") != nil {
            exchange.fetchResponses += 1
        } else if let capabilities = IMAPResponseLine.capabilities(in: text) {
            exchange.capabilities = capabilities
        } else if text.uppercased().hasPrefix("BYE") {
            exchange.bye = text
        }
    }
}
