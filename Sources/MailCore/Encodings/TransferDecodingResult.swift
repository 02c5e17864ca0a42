/// Bytes decoded from a transfer encoding, and whether the input had to be repaired.
public struct TransferDecodingResult: Sendable, Equatable {
    /// The decoded bytes.
    public var bytes: [UInt8]
    /// Whether some input was not valid in the encoding (it was skipped or kept literally).
    public var hadInvalidInput: Bool

    public init(bytes: [UInt8], hadInvalidInput: Bool) {
        self.bytes = bytes
        self.hadInvalidInput = hadInvalidInput
    }
}
