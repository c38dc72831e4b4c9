import Diagnostics
import Language
import Testing
@testable import Engine

/// The run's order, tested as a table of events and the actions they lead to, with no I/O.
@Suite struct RunStateMachineTests {
    static func playbook(_ steps: String) throws -> [Step] {
        let text = """
        runbook: 1
        id: machine
        title: Machine
        level: 1
        steps:
        \(steps)
        """
        let result = Frontend.parsePlaybook(SourceFile(path: "m.yaml", text: text))
        return try #require(result.playbook?.steps, "\(result.diagnostics)")
    }

    static let threeSteps = """
      - { id: a, shell: { run: "true" }, rollback: [{ id: undo_a, shell: { run: "true" } }] }
      - { id: b, shell: { run: "true" }, rollback: [{ id: undo_b1, shell: { run: "true" } }, { id: undo_b2, shell: { run: "true" } }] }
      - { id: c, shell: { run: "true" }, on_failure: rollback }
    """

    @Test func allStepsSucceedThenVerify() throws {
        var machine = RunStateMachine(steps: try Self.playbook(Self.threeSteps))
        #expect(machine.start() == .runPreconditions)
        #expect(machine.preconditionsFinished(passed: true) == .runStep(0))
        #expect(machine.stepFinished(.succeeded) == .runStep(1))
        #expect(machine.stepFinished(.skipped) == .runStep(2))
        #expect(machine.stepFinished(.succeeded) == .runVerify)
        #expect(machine.verifyFinished(passed: true) == .finish(.succeeded))
    }

    @Test func aFailedPreconditionRefusesBeforeAnyStep() throws {
        var machine = RunStateMachine(steps: try Self.playbook(Self.threeSteps))
        _ = machine.start()
        #expect(machine.preconditionsFinished(passed: false) == .finish(.refused))
    }

    @Test func rollbackRunsCompletedStepsRollbacksNewestFirst() throws {
        var machine = RunStateMachine(steps: try Self.playbook(Self.threeSteps))
        _ = machine.start()
        _ = machine.preconditionsFinished(passed: true)
        _ = machine.stepFinished(.succeeded)
        _ = machine.stepFinished(.succeeded)
        #expect(machine.stepFinished(.failed) == .runRollback(["undo_b1", "undo_b2", "undo_a"]))
        #expect(machine.rollbackFinished() == .finish(.failed))
    }

    @Test(arguments: [
        ("abort", RunStateMachine.Action.finish(.failed)),
        ("continue", .runStep(1)),
        ("rollback", .finish(.failed)),
    ])
    func failureActions(onFailure: String, expected: RunStateMachine.Action) throws {
        let steps = try Self.playbook("""
          - { id: a, shell: { run: "false" }, on_failure: \(onFailure) }
          - { id: b, shell: { run: "true" } }
        """)
        var machine = RunStateMachine(steps: steps)
        _ = machine.start()
        _ = machine.preconditionsFinished(passed: true)
        #expect(machine.stepFinished(.failed) == expected)
    }

    @Test func continuedFailuresLetVerifyDecide() throws {
        let steps = try Self.playbook("  - { id: a, shell: { run: \"false\" }, on_failure: continue }")
        var machine = RunStateMachine(steps: steps)
        _ = machine.start()
        _ = machine.preconditionsFinished(passed: true)
        #expect(machine.stepFinished(.failed) == .runVerify)
        #expect(machine.verifyFinished(passed: false) == .finish(.verificationFailed))
    }

    @Test func resumeSkipsFinishedStepsAndPreconditions() throws {
        var machine = RunStateMachine(steps: try Self.playbook(Self.threeSteps), alreadyDone: ["a", "b"])
        #expect(machine.start() == .runStep(2))
        #expect(machine.stepFinished(.failed) == .runRollback(["undo_b1", "undo_b2", "undo_a"]))
    }

    @Test func interruptionFinishesAsInterrupted() throws {
        var machine = RunStateMachine(steps: try Self.playbook(Self.threeSteps))
        _ = machine.start()
        _ = machine.preconditionsFinished(passed: true)
        #expect(machine.interrupted() == .finish(.interrupted))
    }
}
