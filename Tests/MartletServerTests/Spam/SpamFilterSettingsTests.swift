import Foundation
import Testing
@testable import MartletServer

/// The `[spam]` table: defaults, every key, and the values it refuses.
@Suite struct SpamFilterSettingsTests {
    func parse(_ spam: String) throws(ConfigurationError) -> SpamFilterSettings {
        try ServerConfiguration.parse(toml: "hostname = \"mx.example.org\"\ndata = \"/tmp/x\"\n" + spam,
                                      file: "martlet.toml", baseDirectory: URL(fileURLWithPath: "/etc/martlet")).spamFilter
    }

    @Test func defaultsAndEveryKey() throws {
        #expect(try parse("") == SpamFilterSettings())
        #expect(SpamFilterSettings().junkThreshold == 5 && SpamFilterSettings().rejectThreshold == 15)
        let settings = try parse("""
            [spam]
            enabled = true
            junk_threshold = 4.5
            reject_threshold = 10
            bayes = false
            min_training_messages = 3
            """)
        #expect(settings.junkThreshold == 4.5)
        #expect(settings.rejectThreshold == 10)
        #expect(!settings.usesBayes)
        #expect(settings.minimumTrainingMessages == 3)
        #expect(try !parse("[spam]\nenabled = false\n").enabled)
    }

    @Test(arguments: [
        ("[spam]\njunk_threshold = 9.0\nreject_threshold = 8.0\n", "reject_threshold"),
        ("[spam]\njunk_threshold = \"high\"\n", "junk_threshold"),
        ("[spam]\nmin_training_messages = 0\n", "min_training_messages"),
        ("[spam]\nthreshold = 5\n", "spam.threshold"),
    ])
    func refusedValues(text: String, key: String) {
        #expect(throws: ConfigurationError.self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(error.description.contains(key), "\(error.description)")
        }
    }
}
