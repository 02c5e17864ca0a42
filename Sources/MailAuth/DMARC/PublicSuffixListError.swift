/// Why a Public Suffix List file could not be loaded.
public enum PublicSuffixListError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(path: String)
    /// The file is larger than any real list (``PublicSuffixList/maximumFileSize``).
    case tooLarge(path: String, size: Int)
    /// The file holds no rule at all.
    case noRules(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read the public suffix list at \(path)"
        case .tooLarge(let path, let size):
            "the public suffix list at \(path) is \(size) bytes; at most \(PublicSuffixList.maximumFileSize) are accepted"
        case .noRules(let path): "the public suffix list at \(path) contains no rules"
        }
    }
}
