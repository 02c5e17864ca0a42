/// One header field located in a message's bytes (RFC 5322 §2.2).
public struct HeaderField: Sendable, Hashable {
    /// The field name, without the colon and without whitespace before it.
    public var nameRange: Range<Int>
    /// The raw value: from just after the colon to the end of the field's last line,
    /// that line's ending excluded; folding line breaks inside are kept.
    public var valueRange: Range<Int>
    /// The whole field, every line ending included (what IMAP HEADER.FIELDS returns).
    public var range: Range<Int>

    public init(nameRange: Range<Int>, valueRange: Range<Int>, range: Range<Int>) {
        self.nameRange = nameRange
        self.valueRange = valueRange
        self.range = range
    }
}
