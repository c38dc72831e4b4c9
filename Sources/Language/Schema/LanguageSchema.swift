/// JSON Schemas (draft 2020-12) of the playbook language, for editors running
/// yaml-language-server: completion, hover text and validation while a playbook is written.
///
/// Built from the parser's own enums (`ActionKind`, `ParamType`, `Effect` …) and mirroring its
/// field lists, so the schema accepts what `runbook lint` parses; `runbook lint` stays the judge.
public enum LanguageSchema {
    /// The schema of a playbook file, as JSON text with sorted keys.
    public static func playbookSchema() -> String {
        PlaybookSchema.document().rendered() + "\n"
    }

    /// The schema of `runbook.policy.yaml`, as JSON text with sorted keys.
    public static func policySchema() -> String {
        PolicySchema.document().rendered() + "\n"
    }
}
