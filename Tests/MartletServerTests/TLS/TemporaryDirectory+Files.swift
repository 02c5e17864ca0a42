import Foundation
import TestSupport

extension TemporaryDirectory {
    /// Writes `text` to `name` inside the folder and returns the file's path.
    func write(_ text: String, to name: String) throws -> String {
        let target = appending(name)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }
}
