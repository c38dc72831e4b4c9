import Diagnostics
import Language

/// The policy a fuzzed playbook is checked against when the input is not itself a policy:
/// a copy of `playbooks/runbook.policy.yaml`, held in memory so no file is read per input.
enum BuiltinPolicy {
    static let text = """
        runbook: 1
        roles:
          on_call: { description: Engineering on-call. }
          senior_engineer: { includes: [on_call] }
          tech_lead: { includes: [senior_engineer] }
          cto: { includes: [tech_lead] }
          incident_commander: { includes: [on_call] }
        levels:
          1: { title: Service restart and cache flush, executor: on_call }
          2: { title: Tenant isolation, executor: senior_engineer }
          3: { title: Deployment rollback and DB restore, executor: tech_lead, approvals: [cto] }
          4: { title: Tenant maintenance mode, executor: cto }
        effects:
          destructive: { min_level: 3, approvals: [incident_commander] }

        """

    /// Its own path, so notes that point into it are never quoted from the input's text.
    static let path = "/dev/null/builtin/runbook.policy.yaml"

    static let source = SourceFile(path: path, text: text)

    /// Parsed once; nil only if the text above stops parsing, which the regression tests would catch.
    static let policy: Policy? = Frontend.parsePolicy(source).policy
}
