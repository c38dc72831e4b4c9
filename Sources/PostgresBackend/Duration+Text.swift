extension Duration {
    /// `500ms`, `2s`, `1.25s`: how a timeout reads in a message.
    var shortText: String {
        let milliseconds = PostgresRequestRunner.milliseconds(self)
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        var fraction = String(milliseconds % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(milliseconds / 1000)" + (fraction.isEmpty ? "" : "." + fraction) + "s"
    }
}
