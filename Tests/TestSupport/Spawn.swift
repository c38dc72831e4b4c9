import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command to its end with posix_spawn and a blocking waitpid. For scripts that leave
/// daemons behind (pg_ctl, redis-server --daemonize): Foundation's Process has been seen
/// never to notice such a script's exit, leaving it a zombie and the test waiting forever.
public enum Spawn {
    /// The exit status (128 + N when killed by signal N); output goes to /dev/null.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw Failed(description: "cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failed(description: "waitpid: \(String(cString: strerror(errno)))") }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    public struct Failed: Error, CustomStringConvertible {
        public var description: String
    }
}
