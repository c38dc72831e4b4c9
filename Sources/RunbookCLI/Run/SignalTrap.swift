import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT and SIGTERM into a cancellation of the run; a second signal exits at once.
final class SignalTrap {
    private let sources: [any DispatchSourceSignal]

    init(onFirst: @escaping @Sendable () -> Void) {
        // A parent may have started us with these signals blocked; Ctrl-C must always work.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        let count = SignalCount()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if count.increment() == 1 {
                    Terminal.error("\n\(number == SIGINT ? "Ctrl-C" : "SIGTERM"): stopping the running step; nothing new will start (again to quit at once)\n")
                    onFirst()
                } else {
                    exit(ExitStatus.interrupted.rawValue)
                }
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}

private final class SignalCount: Sendable {
    private let value = Mutex(0)
    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
}
