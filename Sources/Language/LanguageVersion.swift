/// Versions of the playbook language this build understands (`runbook: 1`).
public enum LanguageVersion {
    public static let supported: Set<Int> = [1]
    public static let current = 1
}
