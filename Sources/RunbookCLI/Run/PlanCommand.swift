import ArgumentParser
import BackendKit
import Engine
import Foundation
import Language

/// `runbook plan PLAYBOOK`: what would run, rendered, with effects and authorization; contacts nothing.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Show what a playbook would do, without contacting anything.")

    @Argument(help: "The playbook.")
    var playbook: String

    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter value, k=v (repeatable).", valueName: "k=v"))
    var params: [String] = []

    @Option(help: "The policy file, instead of the nearest runbook.policy.yaml.")
    var policy: String?

    func run() throws {
        let options = try RunOptions.parse(params.flatMap { ["--param", $0] })
        guard let loaded = PlaybookLoader(policyPath: policy).load(playbook) else { throw ExitStatus.refused.exitCode }
        let environment = ProcessInfo.processInfo.environment
        let binder = ParamBinder(playbook: loaded.playbook)
        var problems: [String] = []
        let bound: ParamBinder.Bound
        switch binder.bind(try options.parsedParams(), environment: environment) {
        case .success(let value): bound = value
        case .failure(let failure):
            problems = failure.messages
            bound = Self.partial(loaded.playbook, try options.parsedParams(), environment)
        }
        let effects = loaded.effects
        let text = PlanRenderer(playbook: loaded.playbook, policy: loaded.policy, bound: bound, effects: effects).render()
        Terminal.write(TerminalText.safe(text, keepingNewlines: true))
        if !problems.isEmpty {
            Terminal.error(problems.map { "warning: \($0)\n" }.joined() + "exec would refuse to start until these are fixed\n")
        }
    }

    /// What can be bound when some values are missing: secrets still redacted, the rest shown as given.
    static func partial(_ playbook: Playbook, _ given: [String: String], _ environment: [String: String]) -> ParamBinder.Bound {
        var params: [String: Value] = [:]
        var shown: [String: String] = [:]
        var redactor = Redactor()
        for param in playbook.params {
            let value = given[param.name.value] ?? param.defaultValue?.value.description
            if param.secret, let value { redactor.add(value) }
            let text = value ?? "<\(param.name.value)?>"
            params[param.name.value] = .string(text)
            shown[param.name.value] = param.secret ? "***" : text
        }
        var env: [String: String] = [:]
        for variable in playbook.env {
            let given = environment[variable.name.value] ?? variable.defaultValue?.value
            if variable.secret, let given { redactor.add(given) }
            let value = given ?? "<\(variable.name.value) unset>"
            env[variable.name.value] = value
        }
        return ParamBinder.Bound(params: params, env: env, redactor: redactor, shownParams: shown)
    }
}
