import TOMLKit

extension ConfigurationSchema {
    /// `[imap] compress`: whether IMAP offers COMPRESS=DEFLATE (RFC 4978; on by default).
    func offersIMAPCompression(_ root: TOMLTable) throws(ConfigurationError) -> Bool {
        guard let table = try reader.table("imap", in: root, at: []) else { return true }
        return try reader.boolean("compress", in: table, at: ["imap"]) ?? true
    }
}
