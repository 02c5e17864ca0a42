extension SMTPReply {
    /// The reply on one line, for logs and failure texts: `554 5.7.1 first line / second line`.
    public var summary: String {
        let status = "\(code)" + (enhancedCode.map { " \($0)" } ?? "")
        let text = lines.filter { !$0.isEmpty }.joined(separator: " / ")
        return text.isEmpty ? status : "\(status) \(text)"
    }
}
