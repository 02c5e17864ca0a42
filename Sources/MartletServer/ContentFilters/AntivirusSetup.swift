import Delivery
import Logging
import NIOCore

/// The virus scanner of `[antivirus]`, or nil when it is off.
enum AntivirusSetup {
    static func filter(configuration: ServerConfiguration, eventLoopGroup: any EventLoopGroup,
                       logger: Logger) -> (any ContentFilter)? {
        let settings = configuration.antivirus
        guard settings.isEnabled else { return nil }
        logger.info("virus scanning through clamd", metadata: [
            "address": "\(settings.address)", "fail_open": "\(settings.failsOpen)",
            "max_scan_size": "\(settings.maximumScanSize)",
        ])
        let client = ClamdClient(address: settings.address, timeout: settings.timeout, eventLoopGroup: eventLoopGroup)
        return VirusScanFilter(scanner: client, failsOpen: settings.failsOpen, maximumScanSize: settings.maximumScanSize,
                               logger: logger)
    }
}
