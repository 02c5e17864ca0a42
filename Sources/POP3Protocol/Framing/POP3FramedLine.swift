/// One unit of client input, as ``POP3LineFramer`` cuts it.
enum POP3FramedLine: Sendable, Equatable {
    /// A command line or an AUTH response line, without its line ending.
    case line([UInt8])
    /// A line longer than the limit ended here; its bytes were dropped as they arrived.
    case overlongLine
}
