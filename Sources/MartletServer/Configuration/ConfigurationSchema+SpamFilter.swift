import TOMLKit

extension ConfigurationSchema {
    /// `[spam]`.
    func spamFilter(_ root: TOMLTable) throws(ConfigurationError) -> SpamFilterSettings {
        var settings = SpamFilterSettings()
        guard let table = try reader.table("spam", in: root, at: []) else { return settings }
        settings.enabled = try reader.boolean("enabled", in: table, at: ["spam"]) ?? settings.enabled
        settings.usesBayes = try reader.boolean("bayes", in: table, at: ["spam"]) ?? settings.usesBayes
        if let threshold = try reader.number("junk_threshold", in: table, at: ["spam"]) {
            settings.junkThreshold = threshold
        }
        if let threshold = try reader.number("reject_threshold", in: table, at: ["spam"]) {
            settings.rejectThreshold = threshold
        }
        guard settings.rejectThreshold >= settings.junkThreshold else {
            throw invalid(["spam", "reject_threshold"],
                          "\(settings.rejectThreshold) is below junk_threshold (\(settings.junkThreshold))")
        }
        if let count = try reader.integer("min_training_messages", in: table, at: ["spam"]) {
            guard (1...1_000_000).contains(count) else {
                throw invalid(["spam", "min_training_messages"], "must be 1...1000000")
            }
            settings.minimumTrainingMessages = count
        }
        return settings
    }
}
