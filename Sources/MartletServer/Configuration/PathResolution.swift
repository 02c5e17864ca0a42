import Foundation

/// Turns configured paths into absolute, standardized ones.
enum PathResolution {
    /// `path` if absolute, else `path` inside `directory`; `~` is not expanded (a shell
    /// feature, not a configuration one).
    static func absolute(_ path: String, relativeTo directory: URL) -> String {
        let url = path.hasPrefix("/")
            ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: path, relativeTo: directory)
        return url.standardizedFileURL.path
    }
}
