import Diagnostics
import Language

/// Resolves and types every `${{ }}` of the playbook, each in the scope of where it stands.
struct ReferenceRule: PlaybookRule {
    static let descriptors = ExpressionTyper.descriptors

    func check(_ context: CheckContext) {
        let playbook = context.playbook
        var scope = context.scope

        scope.stepsUnavailableReason = "targets are connected before any step runs"
        for target in playbook.targets {
            typeAll((target.url.map { [$0] } ?? []) + target.headers.map(\.value), scope, context)
        }
        scope.stepsUnavailableReason = "preconditions run before any step"
        for probe in playbook.preconditions { typeAll(probe.templates, scope, context) }

        scope.stepsUnavailableReason = nil
        scope.earlierSteps.reserveCapacity(playbook.steps.count)
        for step in playbook.steps {
            check(step, scope, context)
            // Copying the scope costs O(steps): only steps with rollback steps need their own.
            if !step.rollback.isEmpty {
                var rollbackScope = scope
                rollbackScope.earlierSteps[step.id.value] = step.action.kind
                for rollback in step.rollback {
                    check(rollback, rollbackScope, context)
                    rollbackScope.earlierSteps[rollback.id.value] = rollback.action.kind
                }
            }
            scope.earlierSteps[step.id.value] = step.action.kind
        }
        for probe in playbook.verify { typeAll(probe.templates, scope, context) }
    }

    private func check(_ step: Step, _ scope: Scope, _ context: CheckContext) {
        let typer = ExpressionTyper(scope: scope, context: context)
        if let condition = step.when { typer.checkCondition(condition) }
        typeAll(step.action.templates, scope, context)
    }

    private func typeAll(_ templates: [Template], _ scope: Scope, _ context: CheckContext) {
        let typer = ExpressionTyper(scope: scope, context: context)
        for template in templates {
            for expression in template.expressions { _ = typer.type(of: expression) }
        }
    }
}
