/// The scalar keys of one mapping, to find a key given twice. Most mappings have a handful
/// of keys, so they are searched in order; past `hashedFrom` keys they are hashed, so that a
/// mapping of 100,000 keys still loads in linear time.
struct MappingKeys {
    static let hashedFrom = 16

    private var listed: [(text: String, pair: Int)] = []
    private var hashed: [String: Int] = [:]

    /// Records `text` as the key of pair `pair`; when the mapping already has that key,
    /// returns the index of the pair that has it instead.
    mutating func insert(_ text: String, pair: Int) -> Int? {
        if listed.count < Self.hashedFrom {
            for key in listed where key.text == text { return key.pair }
            if listed.isEmpty { listed.reserveCapacity(Self.hashedFrom) }
            listed.append((text, pair))
            if listed.count == Self.hashedFrom {
                hashed = Dictionary(listed.map { ($0.text, $0.pair) }, uniquingKeysWith: { first, _ in first })
            }
            return nil
        }
        if let first = hashed[text] { return first }
        hashed[text] = pair
        return nil
    }
}
