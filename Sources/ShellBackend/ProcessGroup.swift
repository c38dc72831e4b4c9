#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Signals and inspects the process group a shell step runs in, so that stopping a step
/// stops everything it started (pipelines, `cmd &`, nested `bash -c`), not only bash.
///
/// Every call takes the group id, which is the pid of the group's leader (bash). Callers
/// use it only while that leader is unreaped, so the id cannot have been reused.
enum ProcessGroup {
    /// Sends `signal` to every process in the group; false when the group has no member.
    @discardableResult
    static func send(_ signal: Int32, to group: pid_t) -> Bool {
        group > 1 && kill(-group, signal) == 0
    }

    /// Whether the child `pid` has exited, without reaping it (swift-subprocess reaps it).
    static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == -1 {
            if errno != EINTR { return true }
        }
        return info.si_signo != 0
    }

    /// Whether a process of the group is still alive (zombies do not count). `recent`: the
    /// leader was spawned moments ago, so only pids handed out since can be members (see
    /// `PIDWindow`), which spares reading every process's stat after each short step.
    static func hasLiveMembers(_ group: pid_t, recent: Bool = false) -> Bool {
        #if os(Linux)
        return linuxHasLiveMembers(group, window: recent ? PIDWindow(leader: group) : nil)
        #else
        return kill(-group, 0) == 0
        #endif
    }

    /// SIGTERM (and SIGCONT, so stopped members see it) to the group, then SIGKILL to
    /// whatever is still alive after `grace`. Returns whether SIGKILL was needed.
    static func terminate(_ group: pid_t, grace: Duration) async -> Bool {
        send(SIGTERM, to: group)
        send(SIGCONT, to: group)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: grace)
        var pause = Duration.milliseconds(2)
        while hasLiveMembers(group) {
            let left = clock.now.duration(to: deadline)
            guard left > .zero else {
                send(SIGKILL, to: group)
                return true
            }
            try? await Task.sleep(for: min(pause, left))
            pause = min(pause * 2, .milliseconds(100))
        }
        return false
    }

    /// `SIGTERM` for 15: the name an operator recognises in "killed by SIGTERM".
    static func name(ofSignal signal: Int32) -> String {
        switch signal {
        case SIGHUP: "SIGHUP"
        case SIGINT: "SIGINT"
        case SIGQUIT: "SIGQUIT"
        case SIGILL: "SIGILL"
        case SIGTRAP: "SIGTRAP"
        case SIGABRT: "SIGABRT"
        case SIGBUS: "SIGBUS"
        case SIGFPE: "SIGFPE"
        case SIGKILL: "SIGKILL"
        case SIGUSR1: "SIGUSR1"
        case SIGSEGV: "SIGSEGV"
        case SIGUSR2: "SIGUSR2"
        case SIGPIPE: "SIGPIPE"
        case SIGALRM: "SIGALRM"
        case SIGTERM: "SIGTERM"
        case SIGCHLD: "SIGCHLD"
        case SIGCONT: "SIGCONT"
        case SIGSTOP: "SIGSTOP"
        case SIGTSTP: "SIGTSTP"
        case SIGTTIN: "SIGTTIN"
        case SIGTTOU: "SIGTTOU"
        case SIGXCPU: "SIGXCPU"
        case SIGXFSZ: "SIGXFSZ"
        case SIGSYS: "SIGSYS"
        default: "signal \(signal)"
        }
    }

    #if os(Linux)
    /// Scans `/proc/*/stat` for a non-zombie process whose process group is `group`.
    private static func linuxHasLiveMembers(_ group: pid_t, window: PIDWindow?) -> Bool {
        guard let directory = opendir("/proc") else { return kill(-group, 0) == 0 }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let pid = withUnsafeBytes(of: entry.pointee.d_name) { raw -> pid_t? in
                var value: pid_t = 0
                for byte in raw {
                    if byte == 0 { break }
                    guard byte >= 0x30, byte <= 0x39 else { return nil }
                    value = value * 10 + pid_t(byte - 0x30)
                }
                return value > 0 ? value : nil
            }
            guard let pid, window?.contains(pid) ?? true, let (state, processGroup) = stat(of: pid) else { continue }
            if processGroup == group, state != UInt8(ascii: "Z"), state != UInt8(ascii: "X") { return true }
        }
        return false
    }

    /// State letter and process group of `pid` from `/proc/PID/stat`: "pid (comm) S ppid pgrp …".
    private static func stat(of pid: pid_t) -> (state: UInt8, group: pid_t)? {
        let descriptor = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0, let paren = buffer[..<count].lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = buffer[(paren + 1)..<count].split(separator: UInt8(ascii: " "), maxSplits: 4)
        guard fields.count >= 3, let state = fields[0].first, let group = pid_t(String(decoding: fields[2], as: UTF8.self))
        else { return nil }
        return (state, group)
    }
    #endif
}
