/// Read-only subcommands of multi-command tools: `git log`, `docker logs`, `kubectl get`, …
extension ShellReadOnlyRules {
    /// Tool → subcommands that only read. A nested set under a subcommand lists its own read verbs.
    static let readSubcommands: [String: Set<String>] = [
        "git": [
            "log", "status", "show", "diff", "rev-parse", "describe", "shortlog", "blame", "ls-files", "ls-tree",
            "ls-remote", "cat-file", "grep", "whatchanged", "name-rev", "merge-base", "rev-list", "count-objects",
            "version", "help", "var", "show-ref", "show-branch", "for-each-ref", "cherry", "fsck",
        ],
        "docker": [
            "logs", "ps", "inspect", "images", "stats", "top", "version", "info", "port", "diff", "history", "events",
            "search",
        ],
        "podman": [
            "logs", "ps", "inspect", "images", "stats", "top", "version", "info", "port", "diff", "history", "events",
        ],
        "docker-compose": ["ps", "logs", "config", "images", "top", "ls", "version", "events"],
        "kubectl": [
            "get", "describe", "logs", "top", "explain", "version", "api-resources", "api-versions",
            "cluster-info", "diff", "events", "wait",
        ],
        "oc": [
            "get", "describe", "logs", "top", "explain", "version", "api-resources", "whoami", "status", "projects",
        ],
        "helm": ["list", "ls", "status", "get", "history", "show", "template", "search", "version", "lint", "env"],
        "pm2": ["logs", "list", "ls", "l", "status", "show", "info", "describe", "jlist", "prettylist", "monit"],
        "systemctl": [
            "status", "is-active", "is-enabled", "is-failed", "is-system-running", "list-units",
            "list-unit-files", "list-timers", "list-sockets", "list-dependencies", "list-jobs", "show", "cat",
            "get-default",
        ],
        "aws": [], "gcloud": [], "service": [], "nft": ["list"], "ufw": ["status"],
    ]

    /// Management commands whose second word decides: `docker container ls`, `kubectl config view`.
    static let readSecondWords: [String: Set<String>] = [
        "docker container": ["ls", "list", "ps", "inspect", "logs", "top", "stats", "port", "diff"],
        "docker image": ["ls", "list", "inspect", "history"],
        "docker volume": ["ls", "list", "inspect"],
        "docker network": ["ls", "list", "inspect"],
        "docker system": ["df", "info", "events"],
        "docker context": ["ls", "list", "inspect", "show"],
        "docker compose": ["ps", "logs", "config", "images", "top", "ls", "version", "events"],
        "kubectl config": ["view", "get-contexts", "current-context", "get-clusters", "get-users"],
        "kubectl auth": ["can-i", "whoami"],
        "kubectl rollout": ["status", "history"],
        "git stash": ["list", "show"],
        "git worktree": ["list"],
        "git submodule": ["status"],
        "git notes": ["list", "show"],
    ]

    /// Options taking a value before each tool's subcommand.
    static let globalValueOptions: [String: Set<String>] = [
        "git": ShellDestructiveRules.gitGlobalValueOptions,
        "kubectl": ShellDestructiveRules.kubectlGlobalValueOptions,
        "oc": ShellDestructiveRules.kubectlGlobalValueOptions,
        "docker": ShellDestructiveRules.dockerGlobalValueOptions,
        "podman": ShellDestructiveRules.dockerGlobalValueOptions,
        "docker-compose": ShellDestructiveRules.dockerGlobalValueOptions,
        "helm": ["-n", "--namespace", "--kube-context", "--kubeconfig"],
        "aws": ["--region", "--profile", "--output", "--endpoint-url", "--query", "--color"],
        "gcloud": ["--project", "--format", "--account", "--configuration"],
    ]

    /// The verdict for a tool of `readSubcommands`; nil for other commands.
    static func toolVerdict(_ name: String, _ arguments: ShellArguments) -> Verdict? {
        guard let reads = readSubcommands[name] else { return nil }
        let valueOptions = globalValueOptions[name] ?? []
        let (sub, rest) = ShellDestructiveRules.subcommand(arguments, valueOptions: valueOptions)
        guard let sub else {
            // `systemctl` alone lists units; `git`, `docker`, … alone print help.
            return .read
        }
        let display = "\(name) \(sub)"
        let write = Verdict.write(
            pattern: display, reason: "'\(display)' is not a known read-only command (assumed write)")
        if reads.contains(sub) { return .read }
        if let second = readSecondWords[display] {
            return second.contains(rest.operands(valueOptions: valueOptions).first ?? "") ? .read : write
        }
        switch (name, sub) {
        case ("git", "branch"):
            let listing: Set<String> = [
                "-a", "-r", "-v", "-vv", "--list", "-l", "--show-current", "--contains", "--merged",
                "--no-merged", "--all", "--remotes", "--verbose", "--no-color", "--color",
            ]
            return rest.operands().isEmpty || rest.containsAny(["--list", "-l", "--show-current"])
                ? (rest.options.allSatisfy {
                    listing.contains($0) || $0.hasPrefix("--format") || $0.hasPrefix("--sort")
                } ? .read : write)
                : write
        case ("git", "tag"):
            return rest.operands().isEmpty || rest.containsAny(["-l", "--list"]) ? .read : write
        case ("git", "remote"):
            let verb = rest.operands().first
            return verb == nil || verb == "show" || verb == "get-url" ? .read : write
        case ("git", "config"):
            return rest.containsAny(["--get", "--get-all", "--get-regexp", "--list", "-l"]) ? .read : write
        case ("git", "reflog"):
            return [nil, "show"].contains(rest.operands().first) ? .read : write
        case ("service", _):
            return rest.operands().first == "status" || sub == "--status-all" ? .read : write
        case ("aws", _):
            let operation = rest.operands().first ?? ""
            let reads =
                ["describe-", "list-", "get-"].contains { operation.hasPrefix($0) }
                || (sub == "s3" && operation == "ls")
            return reads ? .read : write
        case ("gcloud", _):
            return arguments.operands().contains { $0 == "list" || $0 == "describe" } ? .read : write
        default:
            return write
        }
    }
}
