import ArgumentParser
import Engine

/// How a run reports: `text` (a live view on a terminal, plain lines otherwise) or `json`.
enum RunOutput: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Options shared by `exec` and `resume`.
struct RunOptions: ParsableArguments {
    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter value, k=v (repeatable).", valueName: "k=v"))
    var params: [String] = []

    @Flag(help: "Run every `confirm: true` step without asking.")
    var yes = false

    @Option(name: .customLong("confirm"), help: ArgumentHelp("Pre-approve this step's confirmation or manual checklist (repeatable).", valueName: "STEP"))
    var confirm: [String] = []

    @Option(help: "Output: text (live view on a terminal) or json (one event per line).")
    var output: RunOutput = .text

    @Flag(name: .customLong("no-tty"), help: "Plain line-by-line output and no prompts, even on a terminal.")
    var noTTY = false

    @Option(name: .customLong("state-dir"), help: "Where runs are journaled (default: $RUNBOOK_STATE_DIR, else $XDG_STATE_HOME/runbook).")
    var stateDir: String?

    /// `--param k=v` pairs; a pair without `=` is a usage error.
    func parsedParams() throws -> [String: String] {
        var out: [String: String] = [:]
        for pair in params {
            guard let equals = pair.firstIndex(of: "=") else {
                throw ValidationError("--param takes k=v, got '\(pair)'")
            }
            out[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return out
    }

    var stateDirectory: StateDirectory { StateDirectory(explicit: stateDir) }

    var interactive: Bool { !noTTY && Terminal.isTTY(0) && Terminal.isTTY(1) }

    func observer() -> any RunObserver {
        switch output {
        case .json: return JSONEventView()
        case .text: return !noTTY && Terminal.isTTY(1) ? LiveView(color: Terminal.wantsColor(1)) : PlainView()
        }
    }

    func operatorIO() -> TerminalOperator {
        TerminalOperator(interactive: interactive, assumeYes: yes, confirmed: Set(confirm))
    }
}
