/// Command lines that destroy data (language §5): `rm -r`, `find -delete`, `dd of=`,
/// `kubectl delete`, `docker rm`, `git reset --hard`, `dropdb`, `iptables -F`, …
/// SQL and Redis clients are handled by the analyzer, which reads their statements.
enum ShellDestructiveRules {
    typealias Match = (pattern: String, reason: String)

    static func match(_ name: String, _ arguments: ShellArguments) -> Match? {
        if name == "mkfs" || name.hasPrefix("mkfs.") || ["mke2fs", "mkswap", "wipefs"].contains(name) {
            return (name, "\(name) formats or wipes a device, erasing everything on it")
        }
        switch name {
        case "rm":
            if arguments.hasShortFlag("r") || arguments.hasShortFlag("R") || arguments.hasLongOption("--recursive") {
                return ("rm -r", "rm -r deletes a directory tree")
            }
            if arguments.words.contains(where: \.hasGlob) {
                return ("rm *", "rm with a wildcard deletes every matching file")
            }
            return nil
        case "shred", "srm", "wipe":
            return (name, "\(name) destroys file contents beyond recovery")
        case "dd" where arguments.values.contains(where: isOutputFile):
            return ("dd of=", "dd writes raw bytes over its output file or device")
        case "truncate" where arguments.hasOption(prefixedBy: ["-s", "--size"]):
            return ("truncate -s", "truncate cuts files to a size, discarding their contents")
        case "find" where arguments.contains("-delete"):
            return ("find -delete", "find -delete deletes every matching file")
        case "dropdb", "dropuser", "pg_dropcluster":
            return (
                name,
                "\(name) deletes a \(name == "dropuser" ? "role" : name == "dropdb" ? "database" : "database cluster")"
            )
        case "pg_restore" where arguments.options.contains(where: isCleanOption):
            return ("pg_restore --clean", "pg_restore --clean drops database objects before recreating them")
        case "crontab" where arguments.hasShortFlag("r"):
            return ("crontab -r", "crontab -r removes every cron job")
        case "iptables", "ip6tables":
            guard arguments.containsAny(["-F", "--flush", "-X", "--delete-chain"]) else { return nil }
            return ("\(name) -F", "\(name) -F/-X removes firewall rules or chains")
        case "nft":
            let operands = arguments.operands()
            guard let verb = operands.first, verb == "flush" || verb == "delete" else { return nil }
            return ("nft \(verb)", "nft \(verb) removes firewall rules")
        case "ufw" where arguments.operands().first == "reset":
            return ("ufw reset", "ufw reset removes every firewall rule")
        case "kubectl", "oc":
            let sub = subcommand(arguments, valueOptions: kubectlGlobalValueOptions)
            guard sub.name == "delete" else { return nil }
            return ("\(name) delete", "\(name) delete removes cluster resources")
        case "helm":
            guard ["uninstall", "delete", "del", "un"].contains(arguments.operands().first ?? "") else { return nil }
            return ("helm uninstall", "helm uninstall removes a release and its resources")
        case "docker", "podman", "docker-compose":
            return dockerMatch(name, arguments)
        case "git":
            return gitMatch(arguments)
        case "aws":
            let operands = arguments.operands()
            if operands.starts(with: ["s3", "rb"]) { return ("aws s3 rb", "aws s3 rb deletes a bucket") }
            if operands.starts(with: ["s3", "rm"]), arguments.hasLongOption("--recursive") {
                return ("aws s3 rm --recursive", "aws s3 rm --recursive deletes every object under a prefix")
            }
            guard let delete = operands.first(where: { $0.hasPrefix("delete-") }) else { return nil }
            return ("aws \(delete)", "aws \(delete) deletes cloud resources")
        case "gcloud" where arguments.operands().contains("delete"):
            return ("gcloud … delete", "gcloud … delete deletes cloud resources")
        case "gsutil":
            let verb = arguments.operands().first
            if verb == "rb" || (verb == "rm" && (arguments.hasShortFlag("r") || arguments.hasShortFlag("R"))) {
                return ("gsutil \(verb ?? "")", "gsutil \(verb ?? "") deletes buckets or objects recursively")
            }
            return nil
        case "terraform", "tofu":
            let verb = arguments.operands().first
            guard verb == "destroy" || (verb == "apply" && arguments.contains("-destroy")) else { return nil }
            return ("\(name) destroy", "\(name) destroy deletes every managed resource")
        default:
            return nil
        }
    }

    /// `of=FILE` other than `/dev/null`.
    private static func isOutputFile(_ argument: String) -> Bool {
        argument.hasPrefix("of=") && !ShellVocabulary.harmlessTargets.contains(String(argument.dropFirst(3)))
    }

    /// `-c`, `--clean`, or a cluster of pg_restore's argument-less flags containing `c` (`-cC`, not `-Fc`).
    private static func isCleanOption(_ option: String) -> Bool {
        if option == "--clean" { return true }
        guard !option.hasPrefix("--") else { return false }
        let letters = option.dropFirst()
        return letters.contains("c") && letters.allSatisfy { "acCe1Osxvwl".contains($0) }
    }

    static let kubectlGlobalValueOptions: Set<String> = [
        "-n", "--namespace", "--context", "--cluster", "--kubeconfig", "--user", "-s", "--server", "--token", "--as",
    ]

    static let dockerGlobalValueOptions: Set<String> = [
        "-H", "--host", "--context", "-c", "--config", "-l", "--log-level", "--tlscacert", "--tlscert", "--tlskey",
        "-f", "--file", "-p", "--project-name", "--project-directory", "--env-file", "--profile",
    ]

    static let gitGlobalValueOptions: Set<String> = [
        "-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path",
    ]

    /// The first operand after global options, and the arguments that follow it.
    static func subcommand(
        _ arguments: ShellArguments, valueOptions: Set<String>
    ) -> (name: String?, rest: ShellArguments) {
        let index = arguments.firstOperand(valueOptions: valueOptions)
        guard index < arguments.values.count else { return (nil, ShellArguments([ShellWord]())) }
        return (arguments.values[index], ShellArguments(arguments.words(from: index + 1)))
    }

    private static func dockerMatch(_ name: String, _ arguments: ShellArguments) -> Match? {
        var (sub, rest) = subcommand(arguments, valueOptions: dockerGlobalValueOptions)
        var prefix = name
        if name == "docker-compose" || sub == "compose" {
            if sub == "compose" {
                (sub, rest) = subcommand(rest, valueOptions: dockerGlobalValueOptions)
                prefix = "\(name) compose"
            } else {
                prefix = name
            }
            if sub == "down", rest.containsAny(["-v", "--volumes"]) || rest.hasLongOption("--rmi") {
                return ("\(prefix) down -v", "\(prefix) down -v deletes the project's volumes and their data")
            }
            if sub == "rm" { return ("\(prefix) rm", "\(prefix) rm deletes the service containers") }
            return nil
        }
        guard let sub else { return nil }
        switch sub {
        case "rm": return ("\(name) rm", "\(name) rm deletes containers and their writable data")
        case "rmi": return ("\(name) rmi", "\(name) rmi deletes images")
        case "container", "image", "volume", "network", "system", "builder", "buildx", "secret", "config":
            guard let verb = rest.operands().first, ["rm", "remove", "prune", "delete"].contains(verb) else {
                return nil
            }
            let what = sub == "system" ? "unused containers, networks and images" : "\(sub)s"
            return ("\(name) \(sub) \(verb)", "\(name) \(sub) \(verb) deletes \(what)")
        default: return nil
        }
    }

    private static func gitMatch(_ arguments: ShellArguments) -> Match? {
        let (sub, rest) = subcommand(arguments, valueOptions: gitGlobalValueOptions)
        switch sub {
        case "reset" where rest.contains("--hard"):
            return ("git reset --hard", "git reset --hard discards uncommitted changes")
        case "clean" where rest.hasShortFlag("f") || rest.hasLongOption("--force"):
            return ("git clean -f", "git clean -f deletes untracked files")
        case "push"
        where rest.hasShortFlag("f") || rest.hasLongOption("--force") || rest.hasLongOption("--force-with-lease")
            || rest.hasLongOption("--mirror") || rest.hasLongOption("--delete") || rest.hasShortFlag("d")
            || rest.operands().contains { $0.hasPrefix("+") || $0.hasPrefix(":") }:
            return ("git push --force", "git push --force/--delete rewrites or deletes remote history")
        case "branch" where rest.hasShortFlag("D") || (rest.hasLongOption("--delete") && rest.hasLongOption("--force")):
            return ("git branch -D", "git branch -D deletes a branch even if it is not merged")
        case "stash" where ["drop", "clear"].contains(rest.operands().first ?? ""):
            return ("git stash \(rest.operands().first ?? "")", "git stash drop/clear deletes stashed changes")
        case "checkout"
        where rest.hasShortFlag("f") || rest.hasLongOption("--force") || rest.contains("--")
            || rest.operands().contains("."):
            return ("git checkout -- files", "git checkout of files discards their uncommitted changes")
        case "restore" where !rest.contains("--staged") || rest.contains("--worktree"):
            return ("git restore", "git restore discards uncommitted changes in the working tree")
        default:
            return nil
        }
    }
}
