import Foundation
import Testing
@testable import MailCore

/// Test messages from Tests/MailCoreTests/Messages and helpers to look into parse results.
enum Fixture {
    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "test message \(name).eml not found" }
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "eml", subdirectory: "Messages") else {
            throw Missing(name: name)
        }
        return Array(try Data(contentsOf: url))
    }

    static func parse(_ name: String, limits: MessageParserLimits = MessageParserLimits()) throws -> (bytes: [UInt8], message: ParsedMessage) {
        let bytes = try bytes(name)
        return (bytes, MessageParser(limits: limits).parse(bytes))
    }
}

extension Array where Element == UInt8 {
    /// The bytes of a range as text (nil when out of bounds).
    func text(_ range: Range<Int>?) -> String? {
        guard let range, range.lowerBound >= 0, range.upperBound <= count else { return nil }
        return String(decoding: self[range], as: UTF8.self)
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
    /// The text with LF line breaks turned into CRLF.
    var crlf: String { replacingOccurrences(of: "\n", with: "\r\n") }
    var lineFeedCount: Int { utf8.filter { $0 == 10 }.count }
}

extension ParsedMessage {
    func hasDefect(_ matches: (ParseDefect) -> Bool) -> Bool { defects.contains(where: matches) }
}
