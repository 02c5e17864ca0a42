@testable import DNSResolver

/// 127.0.0.1, where every test server listens.
let loopbackAddress = IPAddress(validatedBytes: [127, 0, 0, 1])

/// Parses a name in a test; a typo fails the test with the parser's reason.
func name(_ text: String) throws -> DNSName {
    try DNSName(text)
}

/// Parses an address in a test.
func address(_ text: String) throws -> IPAddress {
    guard let parsed = IPAddress(text) else { throw TestSetupError("\(text) is not an IP address") }
    return parsed
}

/// Octets from hex text; spaces are ignored.
func hexBytes(_ text: String) throws -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    guard digits.count % 2 == 0 else { throw TestSetupError("odd number of hex digits") }
    var bytes: [UInt8] = []
    for index in stride(from: 0, to: digits.count, by: 2) {
        guard let byte = UInt8(String(digits[index...index + 1]), radix: 16) else { throw TestSetupError("bad hex") }
        bytes.append(byte)
    }
    return bytes
}

/// A mistake in a test's own setup (not a failure of the code under test).
struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
