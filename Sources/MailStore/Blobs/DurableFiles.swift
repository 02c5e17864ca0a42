#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations the store needs, with the fsyncs that make them durable.
/// Every failure becomes `MailStoreError.storageFailure` naming the operation and the path.
enum DurableFiles {
    /// Creates `path` (which must not exist), writes `bytes`, fsyncs and closes it.
    static func writeNewFile(_ path: String, bytes: [UInt8]) throws(MailStoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("create", path) }
        var closed = false
        defer { if !closed { close(descriptor) } }
        try writeAll(bytes, to: descriptor, path: path)
        guard fsync(descriptor) == 0 else { throw failure("fsync", path) }
        closed = true
        guard close(descriptor) == 0 else { throw failure("close", path) }
    }

    /// Appends `bytes` to an existing file, without syncing it (a spool file being filled).
    static func append(_ bytes: [UInt8], to path: String) throws(MailStoreError) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw failure("open", path) }
        var closed = false
        defer { if !closed { close(descriptor) } }
        try writeAll(bytes, to: descriptor, path: path)
        closed = true
        guard close(descriptor) == 0 else { throw failure("close", path) }
    }

    /// Writes all of `bytes` to `descriptor` (retrying short writes and EINTR).
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(MailStoreError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("write", path)
            }
            offset += written
        }
    }

    /// Creates an empty file (which must not exist), without syncing it.
    static func createEmptyFile(_ path: String) throws(MailStoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("create", path) }
        close(descriptor)
    }

    /// Fsyncs an existing file (a spool file the caller wrote).
    static func syncFile(_ path: String) throws(MailStoreError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw failure("open", path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("fsync", path) }
    }

    /// Fsyncs a directory, making the names created or renamed in it durable.
    static func syncDirectory(_ path: String) throws(MailStoreError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open directory", path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("fsync directory", path) }
    }

    /// Renames within one file system (atomic).
    static func renameFile(_ source: String, to destination: String) throws(MailStoreError) {
        guard rename(source, destination) == 0 else { throw failure("rename to \(destination)", source) }
    }

    /// Removes a file; a missing file is not an error.
    static func removeFile(_ path: String) throws(MailStoreError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure("unlink", path) }
    }

    /// Creates a directory if it does not exist.
    static func makeDirectory(_ path: String) throws(MailStoreError) {
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw failure("mkdir", path) }
    }

    /// The size and modification time of a regular file (symbolic links are not followed),
    /// or nil if there is no regular file at `path`.
    static func regularFileInfo(_ path: String) -> (size: Int, modified: Int)? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let modified = Int(info.st_mtimespec.tv_sec)
        #else
        let modified = Int(info.st_mtim.tv_sec)
        #endif
        return (Int(info.st_size), modified)
    }

    /// Reads a whole regular file of at most `limit` octets.
    static func readFile(_ path: String, limit: Int) throws(MailStoreError) -> [UInt8] {
        try readRegularFile(path) { size throws(MailStoreError) in
            guard size <= limit else { throw .messageTooLarge(size: size, limit: limit) }
            return size
        }
    }

    /// Reads the first `count` octets of a regular file (all of it when it is shorter).
    static func readPrefix(_ path: String, count: Int) throws(MailStoreError) -> [UInt8] {
        try readRegularFile(path) { size in min(size, max(count, 0)) }
    }

    /// Reads as many octets from the start of a regular file as `length` makes of its size.
    private static func readRegularFile(_ path: String, length: (Int) throws(MailStoreError) -> Int) throws(MailStoreError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw failure("open", path) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure("stat", path) }
        let size = try length(Int(info.st_size))
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress.map { $0 + offset }, size - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("read", path)
            }
            if count == 0 { break }
            offset += count
        }
        guard offset == size else { throw .storageFailure("\(path) shrank while it was read") }
        return bytes
    }

    /// The names in a directory, without `.` and `..`.
    static func names(in directory: String) throws(MailStoreError) -> [String] {
        guard let stream = opendir(directory) else { throw failure("opendir", directory) }
        defer { closedir(stream) }
        var result: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { result.append(name) }
        }
        return result
    }

    private static func failure(_ operation: String, _ path: String) -> MailStoreError {
        let code = errno
        let reason = String(cString: strerror(code))
        return .storageFailure("\(operation) \(path): \(reason)")
    }
}
