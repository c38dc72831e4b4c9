import Foundation

/// Runs work that may hang (a query on a wedged connection) with an upper bound on the wait.
///
/// When the limit passes, the caller gets `Deadline.Exceeded` at once and the work is cancelled;
/// work that ignores cancellation finishes in the background and its result is dropped. A task
/// group would not do: it waits for every child, so a hung child would hang the caller too.
enum Deadline {
    /// The work did not finish within `limit`.
    struct Exceeded: Error, CustomStringConvertible {
        var limit: Duration
        var description: String { "no answer within \(limit)" }
    }

    static func run<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let gate = Gate<T>()
        return try await withCheckedThrowingContinuation { continuation in
            gate.arm(continuation)
            let worker = Task {
                do { gate.finish(.success(try await work())) } catch { gate.finish(.failure(error)) }
            }
            let timer = Task {
                try await Task.sleep(for: limit)
                if gate.finish(.failure(Exceeded(limit: limit))) { worker.cancel() }
            }
            gate.onFinish { timer.cancel() }
        }
    }

    /// Resumes the continuation exactly once, with whichever of work and timer comes first.
    /// `@unchecked Sendable` is safe: every stored property is touched only while holding `lock`.
    private final class Gate<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T, any Error>?
        private var finished = false
        private var cleanup: (@Sendable () -> Void)?

        func arm(_ continuation: CheckedContinuation<T, any Error>) {
            lock.withLock { self.continuation = continuation }
        }

        /// Runs `action` once the gate has finished (at once if it already has).
        func onFinish(_ action: @escaping @Sendable () -> Void) {
            let now = lock.withLock {
                if finished { return true }
                cleanup = action
                return false
            }
            if now { action() }
        }

        /// Resumes the caller; false when it had already been resumed.
        @discardableResult
        func finish(_ result: Result<T, any Error>) -> Bool {
            let (continuation, cleanup) = lock.withLock {
                guard !finished else { return (nil as CheckedContinuation<T, any Error>?, nil as (@Sendable () -> Void)?) }
                finished = true
                defer { self.continuation = nil; self.cleanup = nil }
                return (self.continuation, self.cleanup)
            }
            guard let continuation else { return false }
            continuation.resume(with: result)
            cleanup?()
            return true
        }
    }
}
