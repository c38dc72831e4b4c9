import BackendKit
import Engine
import HTTPBackend
import PostgresBackend
import RedisBackend
import ShellBackend

/// The one place that names the backends: every other part of runbook finds them by kind.
enum Backends {
    static var registry: BackendRegistry {
        BackendRegistry([ShellBackend(), PostgresBackend(), RedisBackend(), HTTPBackend()])
    }
}
