import Foundation
import MailCore
import Testing

@Suite("Limits")
struct LimitsTests {
    @Test("every limit has one configuration key, and every key reaches its own property")
    func fieldsAreComplete() {
        let keys = Limits.fields.map(\.key)
        #expect(Set(keys).count == keys.count)
        // Writing a distinct value through each key path changes exactly that field.
        var limits = Limits()
        for (offset, field) in Limits.fields.enumerated() {
            limits[keyPath: field.keyPath] = 1_000_000 + offset
        }
        let values = Limits.fields.map { limits[keyPath: $0.keyPath] }
        #expect(values == Array(1_000_000..<(1_000_000 + Limits.fields.count)))
    }

    @Test("each key is the snake_case name of its property, in declaration order")
    func keysAreSnakeCaseNames() {
        let propertyNames = Mirror(reflecting: Limits()).children.compactMap(\.label)
        #expect(propertyNames.map(Self.snakeCase) == Limits.fields.map(\.key))
    }

    /// `maxSMTPCommandLineLength` → `max_smtp_command_line_length`.
    static func snakeCase(_ name: String) -> String {
        let characters = Array(name)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase && index > 0 {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    result += "_"
                }
            }
            result += character.lowercased()
        }
        return result
    }

    @Test("defaults respect their floors and the RFC figures")
    func defaults() {
        let limits = Limits.defaults
        for field in Limits.fields {
            #expect(limits[keyPath: field.keyPath] >= field.minimum, "\(field.key)")
        }
        #expect(limits.maxSMTPCommandLineLength == 512)
        #expect(limits.maxMessageSize == 52_428_800)
        #expect(limits.maxRecipientsPerMessage >= 100)
        #expect(limits.smtpIdleTimeoutSeconds == 300)
        #expect(limits.imapIdleTimeoutSeconds == 1800)
        #expect(limits.pop3IdleTimeoutSeconds == 600)
    }

    @Test("Codable uses the snake_case keys; absent keys keep defaults")
    func codable() throws {
        var limits = Limits()
        limits.maxBadCommands = 7
        let json = try JSONEncoder().encode(limits)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Int])
        #expect(object["max_bad_commands"] == 7)
        #expect(Set(object.keys) == Set(Limits.fields.map(\.key)))
        #expect(try JSONDecoder().decode(Limits.self, from: json) == limits)
        let partial = try JSONDecoder().decode(Limits.self, from: Data(#"{"max_mime_depth": 9}"#.utf8))
        var expected = Limits()
        expected.maxMIMEDepth = 9
        #expect(partial == expected)
    }
}
