/// Where the SQLite store keeps its files under its data directory. Only hashes and
/// store-made random names become file names; no account, address or mailbox name does
/// (DESIGN rule 5).
///
///     <root>/store.sqlite            the database (plus -wal and -shm)
///     <root>/blobs/<2 hex>/<64 hex>  message content larger than the inline threshold
///     <root>/spool/                  spool files and blob files being written
struct StoreLayout: Sendable {
    let root: String

    init(root: String) {
        var path = root
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.root = path
    }

    var databasePath: String { root + "/store.sqlite" }
    var blobDirectory: String { root + "/blobs" }
    var spoolDirectory: String { root + "/spool" }
    /// The shared counter every process bumps after changing the directory.
    var directoryGenerationPath: String { root + "/directory.generation" }

    /// The 256 shard directories, `00` to `ff`.
    var shardDirectories: [String] {
        (0 ..< 256).map { blobDirectory + "/" + Self.shardName($0) }
    }

    func shardDirectory(of digest: BlobDigest) -> String {
        blobDirectory + "/" + Self.shardName(Int(digest.bytes[0]))
    }

    func blobPath(of digest: BlobDigest) -> String {
        shardDirectory(of: digest) + "/" + digest.hex
    }

    /// Prefix of the spool files handed to callers.
    static let spoolFilePrefix = "spool-"
    /// Prefix of the temporary files the store writes blobs into.
    static let temporaryFilePrefix = "blob-"

    /// A fresh name in the spool directory.
    func newSpoolPath(prefix: String) -> String {
        let random = (0 ..< 2).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined(separator: "-")
        return spoolDirectory + "/" + prefix + random
    }

    /// Whether `path` names a spool file this store handed out: directly inside the spool
    /// directory, with the spool prefix, and no path tricks.
    func isSpoolFilePath(_ path: String) -> Bool {
        let prefix = spoolDirectory + "/"
        guard path.hasPrefix(prefix) else { return false }
        let name = path.dropFirst(prefix.count)
        return name.hasPrefix(Self.spoolFilePrefix) && !name.contains("/") && name.count > Self.spoolFilePrefix.count
    }

    private static func shardName(_ value: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[(value >> 4) & 0xF], digits[value & 0xF]])
    }
}
