import Foundation

/// Finds executables built alongside the test bundle (`swift test` builds every product of
/// the package into the same folder as the test runner).
public enum BuiltProducts {
    /// The folder holding the test runner and the package's executables.
    public static var directory: URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        // On platforms where the runner sits inside a bundle (…/X.xctest/Contents/MacOS), climb out.
        while folder.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) {
            folder.deleteLastPathComponent()
        }
        return folder
    }

    /// The path of the executable product `name`, or nil when it was not built.
    public static func executable(named name: String) -> URL? {
        let candidate = directory.appendingPathComponent(name)
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }
}
