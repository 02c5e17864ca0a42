import Delivery
import Logging
import NIOCore

/// The virus scanner of `[antivirus]`, or nil when it is off.
enum AntivirusSetup {
    static func filter(configuration: ServerConfiguration, eventLoopGroup: any EventLoopGroup,
                       logger: Logger) -> (any ContentFilter)? {
        nil
    }
}
