import Foundation
import MailStore

extension IncomingMessage {
    /// The whole message: the octets in memory, or the spool file read back (nil when it
    /// cannot be read).
    public var wholeOctets: [UInt8]? {
        switch source {
        case .bytes(let bytes): bytes
        case .spooled(let file): FileManager.default.contents(atPath: file.path).map { Array($0) }
        }
    }
}
