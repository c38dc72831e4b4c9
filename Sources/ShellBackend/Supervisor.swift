import BackendKit
import Subprocess

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches one running script: streams and captures its output, enforces the deadline,
/// reacts to task cancellation, and leaves no process of the script's group behind.
///
/// All signalling happens before swift-subprocess reaps bash, while the group id is
/// still pinned by the (possibly zombie) leader.
struct Supervisor: Sendable {
    /// How long the group has between SIGTERM and SIGKILL.
    let grace: Duration
    let timeout: Duration?
    let sink: OutputSink

    /// What the supervision saw: the captured text and, when the script was stopped, why.
    struct Outcome: Sendable {
        var stdout = ""
        var stderr = ""
        var stop: Stop?
    }

    enum Stop: Sendable, Equatable {
        /// `escalated`: SIGTERM was not enough and the group got SIGKILL after the grace period.
        case timedOut(escalated: Bool)
        case cancelled(escalated: Bool)
    }

    private enum Event: Sendable {
        case captured(OutputStream, String)
        case deadline
        case cancelled
        case leaderExited
    }

    func supervise(
        leader: pid_t, stdout: SubprocessOutputSequence, stderr: SubprocessOutputSequence
    ) async -> Outcome {
        let clock = ContinuousClock()
        let began = clock.now
        let outcome = await withTaskGroup(of: Event.self, returning: Outcome.self) { group in
            group.addTask { await Self.pump(stdout, as: .stdout, into: sink) }
            group.addTask { await Self.pump(stderr, as: .stderr, into: sink) }
            group.addTask { await Self.watch(timeout) }
            var outcome = Outcome()
            var openStreams = 2
            var waitingForExit = false
            var leaderExited = false
            while let event = await group.next() {
                switch event {
                case .captured(.stdout, let text):
                    outcome.stdout = text
                    openStreams -= 1
                case .captured(.stderr, let text):
                    outcome.stderr = text
                    openStreams -= 1
                case .deadline:
                    guard outcome.stop == nil, !leaderExited else { break }
                    outcome.stop = .timedOut(escalated: await stopGroup(leader))
                case .cancelled:
                    guard outcome.stop == nil, !leaderExited else { break }
                    outcome.stop = .cancelled(escalated: await stopGroup(leader))
                case .leaderExited:
                    leaderExited = true
                }
                guard openStreams == 0 else { continue }
                if outcome.stop != nil || leaderExited {
                    group.cancelAll()
                    break
                }
                if !waitingForExit {
                    waitingForExit = true
                    group.addTask { await Self.waitForExit(leader) }
                }
            }
            return outcome
        }
        let recent = clock.now - began < PIDWindow.trustedFor
        if outcome.stop == nil, ProcessGroup.hasLiveMembers(leader, recent: recent) {
            // The script is done; what it left running in its group (`cmd &`) ends with it.
            _ = await stopGroup(leader)
        }
        return outcome
    }

    /// Runs the SIGTERM-grace-SIGKILL sequence outside the caller's cancellation, which
    /// would otherwise cut the grace period short.
    private func stopGroup(_ leader: pid_t) async -> Bool {
        let grace = grace
        return await Task { await ProcessGroup.terminate(leader, grace: grace) }.value
    }

    private static func pump(_ sequence: SubprocessOutputSequence, as stream: OutputStream, into sink: @escaping OutputSink) async -> Event {
        var capture = StreamCapture(stream: stream, sink: sink)
        do {
            for try await buffer in sequence {
                buffer.withUnsafeBytes { capture.append($0) }
                // Reads of a busy pipe never suspend; let the deadline and other steps' tasks run.
                await Task.yield()
            }
        } catch {
            // A failed read ends the stream like EOF; the exit status still decides the result.
        }
        return .captured(stream, capture.finish())
    }

    private static func watch(_ timeout: Duration?) async -> Event {
        do {
            if let timeout {
                try await Task.sleep(for: timeout)
                return .deadline
            }
            while true { try await Task.sleep(for: .seconds(86_400)) }
        } catch {
            return .cancelled
        }
    }

    /// Polls until bash has exited, for a script that closed its output but runs on. Bash
    /// usually exits microseconds after its output closes, so the first pauses are short.
    private static func waitForExit(_ leader: pid_t) async -> Event {
        var pause = Duration.microseconds(50)
        while !ProcessGroup.hasExited(leader) {
            do { try await Task.sleep(for: pause) } catch { return .cancelled }
            pause = min(pause * 2, .milliseconds(50))
        }
        return .leaderExited
    }
}
