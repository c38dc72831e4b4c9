import Diagnostics

/// Rule ids of the diagnostics the YAML loader reports.
public enum YAMLRules {
    public static let syntax: RuleID = "yaml-syntax"
    public static let duplicateKey: RuleID = "duplicate-key"
    public static let aliasBomb: RuleID = "yaml-alias-limit"
    public static let tooDeep: RuleID = "yaml-too-deep"
    public static let tooLarge: RuleID = "yaml-too-large"
    public static let multipleDocuments: RuleID = "yaml-multiple-documents"
    public static let emptyDocument: RuleID = "yaml-empty"
    public static let unknownAlias: RuleID = "yaml-unknown-alias"

    public static let all: [RuleID] = [
        syntax, duplicateKey, aliasBomb, tooDeep, tooLarge, multipleDocuments, emptyDocument, unknownAlias,
    ]
}
