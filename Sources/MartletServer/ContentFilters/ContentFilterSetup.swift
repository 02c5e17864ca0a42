import Delivery
import Logging
import MailStore
import NIOCore

/// The content filters of a configuration, in the order they run at the end of DATA: the
/// virus scanner first (an infected message is refused whatever its spam score), then the
/// spam filter.
enum ContentFilterSetup {
    static func filters(configuration: ServerConfiguration, store: SQLiteMailStore, eventLoopGroup: any EventLoopGroup,
                        logger: Logger) -> [any ContentFilter] {
        var filters: [any ContentFilter] = []
        if let antivirus = AntivirusSetup.filter(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger) {
            filters.append(antivirus)
        }
        if let spam = SpamFilterSetup.filter(configuration: configuration, store: store, logger: logger) {
            filters.append(spam)
        }
        return filters
    }
}
