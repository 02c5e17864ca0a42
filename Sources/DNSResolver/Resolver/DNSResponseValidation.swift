/// Checks that a response answers a given query (RFC 5452 §4.1 and §9.1): same ID, a
/// response to a standard query, and the same question. Returns why it does not, or nil.
enum DNSResponseValidation {
    static func problem(with response: DNSMessage, for query: DNSMessage) -> String? {
        guard response.header.id == query.header.id else { return "the answer has another ID" }
        guard response.header.isResponse else { return "the answer is not marked as a response" }
        guard response.header.opcode == query.header.opcode else { return "the answer has another opcode" }
        let code = response.responseCode
        // Some servers leave the question out of error answers; such an answer carries no
        // records that could be used, so it is accepted as the error it reports.
        if response.questions.isEmpty, code != .noError, code != .nameError { return nil }
        guard response.questions == query.questions else { return "the answer is for another question" }
        return nil
    }
}
