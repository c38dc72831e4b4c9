import Diagnostics

/// One check over a playbook. Each rule lives in its own file with its messages beside it.
protocol PlaybookRule: Sendable {
    /// The ids this rule reports, with what each finds.
    static var descriptors: [RuleDescriptor] { get }
    func check(_ context: CheckContext)
}
