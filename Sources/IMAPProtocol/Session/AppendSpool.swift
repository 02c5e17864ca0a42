import Foundation
import MailCore
import MailStore

/// Where the octets of one APPEND message accumulate: in memory while they are few, then in
/// a spool file of the store, so a large message is never held whole in memory while it
/// arrives (issue 5).
///
/// A spool file must hold CRLF line ends (`IncomingMessage.Source.spooled`); octets written
/// to it are normalized on the way (a bare LF becomes CRLF), across pieces. Octets kept in
/// memory are normalized by the store.
public struct AppendSpool: Sendable, Hashable {
    /// Octets not written to the file (all of them while there is no file).
    public internal(set) var memory: [UInt8] = []
    /// The spool file, once the octets outgrew memory.
    public internal(set) var file: SpoolFile?
    /// Octets received so far (before normalization).
    public internal(set) var receivedCount = 0
    /// Whether the last octet written to the file was a CR (for normalizing across pieces).
    var fileEndsWithCarriageReturn = false

    /// An empty spool.
    public init() {}

    /// Keeps `bytes` in memory.
    mutating func keep(_ bytes: [UInt8]) {
        memory += bytes
        receivedCount += bytes.count
    }

    /// The message for the store.
    func incomingMessage(internalDate: Date?) -> IncomingMessage {
        if let file {
            return .spooled(file, internalDate: internalDate)
        }
        return .bytes(memory, internalDate: internalDate)
    }

    /// `bytes` with every bare LF turned into CRLF, given whether the octet before them was a CR.
    static func normalized(_ bytes: [UInt8], afterCarriageReturn: Bool) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(bytes.count + bytes.count / 32 + 1)
        var previousIsCarriageReturn = afterCarriageReturn
        for byte in bytes {
            if byte == IMAPCharacters.lineFeed && !previousIsCarriageReturn { output.append(IMAPCharacters.carriageReturn) }
            output.append(byte)
            previousIsCarriageReturn = byte == IMAPCharacters.carriageReturn
        }
        return output
    }

    /// Writes the octets in memory and `bytes` to the spool file, making it on first use.
    mutating func write(_ bytes: [UInt8], makingFileWith store: any MailStore) async throws(MailStoreError) {
        let spoolFile: SpoolFile
        if let file {
            spoolFile = file
        } else {
            spoolFile = try await store.makeSpoolFile()
            file = spoolFile
        }
        let pending = memory + bytes
        let normalized = Self.normalized(pending, afterCarriageReturn: fileEndsWithCarriageReturn)
        try await store.appendToSpoolFile(spoolFile, normalized)
        if let last = pending.last { fileEndsWithCarriageReturn = last == IMAPCharacters.carriageReturn }
        receivedCount += bytes.count
        memory = []
    }
}
