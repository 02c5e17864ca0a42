import AbuseDefense
import Delivery
import Foundation
import Logging
import MailStore
import NIOPosix
import SMTPProtocol

/// The virus scanner as a content filter: every message, whatever the listener, goes to
/// clamd before it is stored. Infected: refused for good. No verdict: deferred, so the
/// client retries later (RFC 5321 §4.2.5), or accepted if the operator chose to fail open.
struct VirusScanFilter: ContentFilter {
    let scanner: any VirusScanner
    let failsOpen: Bool
    /// Larger messages are accepted unscanned (clamd would refuse them).
    let maximumScanSize: Int
    let logger: Logger

    func examine(_ message: FilteredMessage) async -> ContentFilterVerdict {
        let client = message.envelope.remoteAddress
        if let size = await Self.size(of: message.content.source), size > maximumScanSize {
            logger.info("message not scanned for viruses: larger than max_scan_size",
                        metadata: ["client": "\(client)", "size": "\(size)", "max_scan_size": "\(maximumScanSize)"])
            return .acceptUnchanged
        }
        let failure: String
        do {
            switch try await scanner.scan(message.content.source) {
            case .clean:
                return .acceptUnchanged
            case .infected(let signature):
                logger.notice("virus found; message refused", metadata: [
                    "signature": "\(signature)", "client": "\(client)",
                    "sender": "\(message.envelope.sender)", "listener": "\(message.envelope.listenerKind)",
                ])
                return .reject(Self.infected(signature: signature))
            case .scanFailed(let reason):
                failure = "clamd could not scan the message: \(reason)"
            }
        } catch {
            failure = error.description
        }
        if failsOpen {
            logger.warning("message accepted unscanned (fail_open): \(failure)", metadata: ["client": "\(client)"])
            return .acceptUnchanged
        }
        logger.warning("message deferred: \(failure)", metadata: ["client": "\(client)"])
        return .reject(Self.scannerUnavailable)
    }

    /// 554 5.7.1 naming the signature (RFC 3463 §3.8: delivery not authorized, message refused).
    static func infected(signature: String) -> SMTPReply {
        SMTPReply(554, SMTPEnhancedStatusCode(5, 7, 1), "Message refused: virus found (\(signature))")
    }

    /// 451 4.7.0: a transient security failure; the client keeps the message and retries.
    static let scannerUnavailable = SMTPReply(
        451, SMTPEnhancedStatusCode(4, 7, 0), "Message deferred: virus scanner unavailable, try again later")

    /// The message's size in octets; a spool file's is read off the event loops.
    private static func size(of source: IncomingMessage.Source) async -> Int? {
        switch source {
        case .bytes(let bytes):
            return bytes.count
        case .spooled(let file):
            return try? await NIOThreadPool.singleton.runIfActive {
                (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue
            }
        }
    }
}
