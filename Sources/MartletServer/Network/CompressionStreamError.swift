import CZlib

/// A zlib failure on a DEFLATE stream: corrupt input from the peer, or (never expected) a
/// misused or unallocatable stream. Its description names zlib's result and message.
struct CompressionStreamError: Error, CustomStringConvertible {
    /// The zlib result code (`Z_DATA_ERROR`, `Z_MEM_ERROR`, ...).
    let code: Int32
    /// zlib's message, when it gave one.
    let message: String?

    init(code: Int32, stream: UnsafeMutablePointer<z_stream>?) {
        self.code = code
        self.message = stream?.pointee.msg.map { String(cString: $0) }
    }

    var description: String {
        let name = switch code {
        case Z_DATA_ERROR: "corrupt data"
        case Z_NEED_DICT: "a preset dictionary is required"
        case Z_MEM_ERROR: "out of memory"
        case Z_STREAM_ERROR: "inconsistent stream state"
        default: "zlib error \(code)"
        }
        return message.map { "\(name): \($0)" } ?? name
    }
}
