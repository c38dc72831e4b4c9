import Diagnostics
import Language
import YAMLLoader

/// Every rule `runbook lint` can report, for `docs/lint-rules.md` and SARIF's rule list.
public enum RuleCatalog {
    public static let all: [RuleDescriptor] = loader + language + checker + external

    static let loader = [
        RuleDescriptor(YAMLRules.syntax, .error, "the file is not valid YAML"),
        RuleDescriptor(YAMLRules.duplicateKey, .error, "a mapping names the same key twice"),
        RuleDescriptor(YAMLRules.aliasBomb, .error, "aliases expand past the loader's bound (an alias bomb)"),
        RuleDescriptor(YAMLRules.tooDeep, .error, "nesting deeper than the loader's bound"),
        RuleDescriptor(YAMLRules.tooLarge, .error, "a file larger than the loader accepts"),
        RuleDescriptor(YAMLRules.multipleDocuments, .error, "a second YAML document in a playbook file"),
        RuleDescriptor(YAMLRules.emptyDocument, .error, "a file with no YAML content"),
        RuleDescriptor(YAMLRules.unknownAlias, .error, "an alias with no anchor before it"),
    ]

    static let language = [
        RuleDescriptor(LanguageRules.unknownField, .error, "a field the language does not have"),
        RuleDescriptor(LanguageRules.missingField, .error, "a required field is absent"),
        RuleDescriptor(LanguageRules.wrongKind, .error, "a mapping, list or scalar where another kind was expected"),
        RuleDescriptor(LanguageRules.invalidValue, .error, "a value of the wrong form: enum, number, bool, duration, method"),
        RuleDescriptor(LanguageRules.duplicateStepID, .error, "two steps share an id"),
        RuleDescriptor(LanguageRules.stepKind, .error, "a step or probe with no action, several, or one probes cannot use"),
        RuleDescriptor(LanguageRules.unsupportedVersion, .error, "a language version this build does not know"),
        RuleDescriptor(LanguageRules.unsupportedTag, .error, "a YAML tag such as !!python/object"),
        RuleDescriptor(LanguageRules.mergeKey, .error, "a `<<` merge key"),
        RuleDescriptor(LanguageRules.invalidID, .error, "an id or name that breaks its spelling rule"),
        RuleDescriptor(ExpressionRules.syntax, .error, "a malformed `${{ … }}` expression"),
    ]

    static let checker: [RuleDescriptor] = Checker.rules.flatMap { type(of: $0).descriptors }
        + PolicyChecker.descriptors + Suppressions.descriptors

    /// Findings of external tools, named by the tool's own codes (`SC2086`).
    static let external = ShellCheckFindings.descriptors + [
        RuleDescriptor("SC", .warning, "a ShellCheck finding in a `shell.run` script, with ShellCheck's own code (SC1000–SC2999)"),
    ]

    public static func descriptor(for rule: RuleID) -> RuleDescriptor? {
        all.first { $0.id == rule }
    }
}
