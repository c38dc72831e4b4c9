import Diagnostics

/// Rule ids of the structural errors the parser reports; each is documented in docs/lint-rules.md.
public enum LanguageRules {
    public static let unknownField: RuleID = "unknown-field"
    public static let missingField: RuleID = "missing-field"
    public static let wrongKind: RuleID = "wrong-kind"
    public static let invalidValue: RuleID = "invalid-value"
    public static let duplicateStepID: RuleID = "duplicate-step-id"
    public static let stepKind: RuleID = "step-kind"
    public static let unsupportedVersion: RuleID = "unsupported-version"
    public static let unsupportedTag: RuleID = "unsupported-tag"
    public static let mergeKey: RuleID = "merge-key"
    public static let invalidID: RuleID = "invalid-id"

    public static let all: [RuleID] = [
        unknownField, missingField, wrongKind, invalidValue, duplicateStepID,
        stepKind, unsupportedVersion, unsupportedTag, mergeKey, invalidID,
    ]
}
