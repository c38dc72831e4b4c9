import BackendKit

/// The values names resolve to during a run: params, env, step outputs and run facts.
public struct Bindings: Sendable {
    public var params: [String: Value]
    public var env: [String: String]
    /// Outputs of the steps that have finished, by step id.
    public var steps: [String: [String: Value]]
    public var run: [String: Value]

    public init(params: [String: Value] = [:], env: [String: String] = [:],
                steps: [String: [String: Value]] = [:], run: [String: Value] = [:]) {
        self.params = params
        self.env = env
        self.steps = steps
        self.run = run
    }
}
