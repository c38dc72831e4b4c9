#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The pids Linux handed out since a step's leader was spawned: the kernel allocates them
/// cyclically upwards, so every process the script started lies between the leader's pid
/// and the namespace's last pid, wrapping at `pid_max`.
///
/// Trusted only for a short step: a long one could see the counter go round past the
/// leader, and then the caller reads every process instead.
struct PIDWindow {
    /// How long after the spawn the window is used; far too short for pid_max allocations.
    static let trustedFor = Duration.milliseconds(100)

    let leader: pid_t
    let last: pid_t

    init(leader: pid_t, last: pid_t) {
        self.leader = leader
        self.last = last
    }

    /// Nil when `/proc/sys/kernel/ns_last_pid` cannot be read (then every process is read).
    init?(leader: pid_t) {
        let descriptor = open("/proc/sys/kernel/ns_last_pid", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0, let last = pid_t(String(decoding: buffer[..<count], as: UTF8.self).filter(\.isNumber)) else {
            return nil
        }
        self.init(leader: leader, last: last)
    }

    func contains(_ pid: pid_t) -> Bool {
        last >= leader ? (leader...last).contains(pid) : pid >= leader || pid <= last
    }
}
