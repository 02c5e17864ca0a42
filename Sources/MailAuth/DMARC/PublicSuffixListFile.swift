import Foundation

/// The one file MailAuth reads: the Public Suffix List.
enum PublicSuffixListFile {
    static func read(path: String, maximumSize: Int) throws(PublicSuffixListError) -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch { throw .unreadable(path: path) }
        if let size = (attributes[.size] as? NSNumber)?.intValue, size > maximumSize {
            throw .tooLarge(path: path, size: size)
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        guard data.count <= maximumSize else { throw .tooLarge(path: path, size: data.count) }
        return [UInt8](data)
    }
}
