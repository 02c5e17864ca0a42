import Testing
@testable import POP3Protocol

@Suite("POP3 response encoding")
struct ResponseEncodingTests {
    private func text(_ response: POP3Response) -> String { String(decoding: response.encoded, as: UTF8.self) }

    @Test("status lines, response codes and continuations")
    func singleLines() {
        #expect(text(.ok("2 320")) == "+OK 2 320\r\n")
        #expect(text(.ok("")) == "+OK\r\n")
        #expect(text(.error("No such message")) == "-ERR No such message\r\n")
        #expect(text(.error(.inUse, "busy")) == "-ERR [IN-USE] busy\r\n")
        #expect(text(.continuation("")) == "+ \r\n")
        #expect(text(.continuation("cj1hYmM=")) == "+ cj1hYmM=\r\n")
    }

    @Test("every response code is spelt as RFC 2449 and RFC 3206 register it")
    func codes() {
        let spelt = POP3ResponseCode.allCases.map { text(.error($0, "x")) }
        #expect(spelt == [
            "-ERR [IN-USE] x\r\n", "-ERR [LOGIN-DELAY] x\r\n", "-ERR [AUTH] x\r\n", "-ERR [SYS/TEMP] x\r\n",
            "-ERR [SYS/PERM] x\r\n",
        ])
    }

    @Test("line breaks in text cannot start a new line")
    func injection() {
        #expect(text(.error("a\r\n+OK b")) == "-ERR a  +OK b\r\n")
    }

    @Test("multi-line responses are stuffed and terminated")
    func multiline() {
        #expect(text(.ok("follows", lines: ["TOP", ".hidden", ""])) == "+OK follows\r\nTOP\r\n..hidden\r\n\r\n.\r\n")
        #expect(text(.ok("empty", lines: [])) == "+OK empty\r\n.\r\n")
    }
}
