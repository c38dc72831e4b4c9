/// A command's arguments (after its name) with the option-parsing helpers the rules share.
struct ShellArguments: Sendable {
    let words: [ShellWord]
    /// Unquoted values of `words`.
    let values: [String]

    init<Words: Collection>(_ words: Words) where Words.Element == ShellWord {
        self.words = Array(words)
        values = self.words.map(\.text)
    }

    var isEmpty: Bool { values.isEmpty }

    /// Options: words before a bare `--` that start with `-` (a lone `-` is an operand).
    var options: [String] {
        var result: [String] = []
        for value in values {
            if value == "--" { break }
            if value.count > 1, value.hasPrefix("-") { result.append(value) }
        }
        return result
    }

    func contains(_ value: String) -> Bool { values.contains(value) }

    func containsAny(_ candidates: Set<String>) -> Bool { values.contains { candidates.contains($0) } }

    /// `-x` alone or inside a cluster such as `-rfx` (single-dash options only).
    func hasShortFlag(_ letter: Character) -> Bool {
        options.contains { !$0.hasPrefix("--") && $0.dropFirst().contains(letter) }
    }

    /// `--name` or `--name=value`.
    func hasLongOption(_ name: String) -> Bool {
        options.contains { $0 == name || $0.hasPrefix(name + "=") }
    }

    /// Whether any option starts with one of `prefixes` (e.g. `-X`, `--request`, `-d`).
    func hasOption(prefixedBy prefixes: [String]) -> Bool {
        options.contains { option in prefixes.contains { option.hasPrefix($0) } }
    }

    /// The value of `-o value`, `-ovalue`, `--long value` or `--long=value` for the first match.
    func value(of names: [String]) -> String? {
        var index = 0
        while index < values.count, values[index] != "--" {
            let value = values[index]
            for name in names {
                if value == name { return index + 1 < values.count ? values[index + 1] : nil }
                if name.hasPrefix("--"), value.hasPrefix(name + "=") { return String(value.dropFirst(name.count + 1)) }
                if !name.hasPrefix("--"), name.count == 2, value.hasPrefix(name), value.count > 2,
                    !value.hasPrefix("--")
                {
                    return String(value.dropFirst(2))
                }
            }
            index += 1
        }
        return nil
    }

    /// Index of the first operand: skips options, the values of `valueOptions`, and a `--`.
    func firstOperand(valueOptions: Set<String> = []) -> Int {
        var index = 0
        while index < values.count {
            let value = values[index]
            if value == "--" { return index + 1 }
            guard value.count > 1, value.hasPrefix("-") else { return index }
            index += valueOptions.contains(value) ? 2 : 1
        }
        return values.count
    }

    /// Operand values, in order, skipping options and the values of `valueOptions`.
    func operands(valueOptions: Set<String> = []) -> [String] {
        var result: [String] = []
        var index = 0
        var optionsEnded = false
        while index < values.count {
            let value = values[index]
            if !optionsEnded, value == "--" {
                optionsEnded = true
            } else if !optionsEnded, value.count > 1, value.hasPrefix("-") {
                if valueOptions.contains(value) { index += 1 }
            } else {
                result.append(value)
            }
            index += 1
        }
        return result
    }

    /// The words from `index` on.
    func words(from index: Int) -> ArraySlice<ShellWord> {
        words[min(max(0, index), words.count)...]
    }

    /// Options as `(name, value)`, short clusters split (`-sXPOST` → `-s`, `-X POST`): letters in
    /// `shortValueLetters` take the rest of the cluster or the next word; long options take
    /// `=value`, or the next word when listed in `longValueOptions`.
    func parsedOptions(
        shortValueLetters: Set<Character>, longValueOptions: Set<String> = []
    ) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var index = 0
        while index < values.count {
            let value = values[index]
            let next = index + 1 < values.count ? values[index + 1] : ""
            if value == "--" { break }
            if value.hasPrefix("--") {
                if let equals = value.firstIndex(of: "=") {
                    result.append((String(value[..<equals]), String(value[value.index(after: equals)...])))
                } else if longValueOptions.contains(value) {
                    result.append((value, next))
                    index += 1
                } else {
                    result.append((value, ""))
                }
            } else if value.count > 1, value.hasPrefix("-") {
                var rest = value.dropFirst()
                while let letter = rest.first {
                    rest = rest.dropFirst()
                    guard shortValueLetters.contains(letter) else {
                        result.append(("-\(letter)", ""))
                        continue
                    }
                    if rest.isEmpty {
                        result.append(("-\(letter)", next))
                        index += 1
                    } else {
                        result.append(("-\(letter)", String(rest)))
                    }
                    break
                }
            }
            index += 1
        }
        return result
    }
}
