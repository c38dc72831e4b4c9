import Language
import Testing
@testable import Engine

/// Which steps' start lines must be on disk before they run: those that may change something.
@Suite struct StepDurabilityTests {
    @Test(arguments: [
        (#"{ id: s, shell: { run: "true" } }"#, Effect.read, false),
        (#"{ id: s, shell: { run: "rm -f /tmp/x" } }"#, Effect.write, true),
        (#"{ id: s, postgres: { target: db, sql: "delete from t" } }"#, Effect.destructive, true),
        (#"{ id: s, wait: { for: 1s } }"#, Effect.read, false),
        (#"{ id: s, message: { template: "hello" } }"#, Effect.read, false),
        (#"{ id: s, message: { template: "hello", to: /tmp/notes.md } }"#, Effect.read, true),
    ])
    func onlyStepsThatMayChangeSomethingAreSyncedFirst(_ yaml: String, _ effect: Effect, _ synced: Bool) throws {
        let step = try #require(try RunStateMachineTests.playbook("  - " + yaml).first)
        #expect(StepExecutor.changesSomething(step, effect: effect) == synced)
    }
}
