import Delivery
import Logging
import MailStore

/// The spam filter of `[spam]`, or nil when it is off.
enum SpamFilterSetup {
    static func filter(configuration: ServerConfiguration, store: SQLiteMailStore, logger: Logger) -> (any ContentFilter)? {
        nil
    }
}
