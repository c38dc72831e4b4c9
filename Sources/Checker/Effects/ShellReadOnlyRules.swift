/// Which commands only read (language §5: a declared `read` needs every command to be one),
/// and the write reason for well-known commands that change state.
enum ShellReadOnlyRules {
    enum Verdict: Equatable {
        case read
        case write(pattern: String, reason: String)
        /// Not in any table: the analyzer assumes write.
        case unknown
    }

    /// Commands that only read or only change the shell's own state, whatever their arguments.
    /// `awk` is here by choice: its programs can write files, which the checker does not follow.
    static let alwaysRead: Set<String> = [
        "grep", "egrep", "fgrep", "rg", "zgrep", "cat", "zcat", "bzcat", "xzcat", "tac", "head", "tail", "less", "more",
        "ls", "dir", "df", "du", "ps", "pstree", "free", "uptime", "uname", "whoami", "id", "groups", "w", "who",
        "last",
        "echo", "printf", "wc", "uniq", "cut", "tr", "column", "nl", "fold", "rev", "paste", "join", "comm", "diff",
        "cmp",
        "jq", "awk", "gawk", "mawk", "nawk", "pg_isready", "sleep", "test", "[", "[[", "true", "false", ":", "stat",
        "file",
        "which", "type", "whereis", "printenv", "pwd", "basename", "dirname", "realpath", "readlink", "md5sum",
        "sha1sum",
        "sha256sum", "sha512sum", "cksum", "base64", "xxd", "od", "hexdump", "strings", "nproc", "vmstat", "iostat",
        "mpstat", "pidstat", "sar", "pidof", "pgrep", "getent", "lsof", "netstat", "ss", "dig", "nslookup", "host",
        "ping",
        "traceroute", "tracepath", "lsblk", "blkid", "findmnt", "seq", "expr", "bc", "top", "htop", "lscpu", "lsmod",
        "locale", "tput", "clear", "cd", "pushd", "popd", "dirs", "export", "local", "declare", "typeset", "readonly",
        "set", "unset", "shift", "exit", "return", "wait", "trap", "read", "mapfile", "readarray", "getopts", "alias",
        "unalias", "hash", "umask", "ulimit", "history",
    ]

    /// Well-known commands that change state, with what they do (no keyword scan of their arguments).
    static let knownWriters: [String: String] = [
        "kill": "sends signals to processes", "pkill": "sends signals to processes",
        "killall": "sends signals to processes",
        "mv": "moves or renames files", "cp": "copies files", "ln": "creates links", "mkdir": "creates directories",
        "touch": "creates or updates files", "rmdir": "removes empty directories", "chmod": "changes file permissions",
        "chown": "changes file owners", "chgrp": "changes file groups", "tar": "creates or extracts archives",
        "gzip": "compresses files", "gunzip": "decompresses files", "zip": "creates archives",
        "unzip": "extracts archives",
        "rsync": "copies files", "scp": "copies files", "rm": "deletes files", "unlink": "deletes a file",
        "reboot": "restarts the machine", "shutdown": "stops the machine", "halt": "stops the machine",
        "poweroff": "stops the machine", "logger": "writes to the system log", "wall": "messages every terminal",
        "mail": "sends mail", "iptables": "changes firewall rules", "ip6tables": "changes firewall rules",
        "pg_restore": "restores a database", "pg_dump": "writes a database dump", "redis-server": "starts a server",
    ]

    static func verdict(_ name: String, _ arguments: ShellArguments) -> Verdict {
        if alwaysRead.contains(name) { return .read }
        if let verdict = toolVerdict(name, arguments) { return verdict }
        switch name {
        case "sed":
            let options = arguments.parsedOptions(
                shortValueLetters: ["e", "f", "l"], longValueOptions: ["--expression", "--file"])
            return options.contains { $0.name == "-i" || $0.name == "--in-place" }
                ? .write(pattern: "sed -i", reason: "sed -i edits files in place") : .read
        case "yq":
            return arguments.containsAny(["-i", "--inplace"])
                ? .write(pattern: "yq -i", reason: "yq -i edits files in place") : .read
        case "sort":
            let options = arguments.parsedOptions(
                shortValueLetters: ["k", "t", "o", "S", "T"],
                longValueOptions: ["--key", "--field-separator", "--output"])
            return options.contains { $0.name == "-o" || $0.name == "--output" }
                ? .write(pattern: "sort -o", reason: "sort -o writes a file") : .read
        case "date":
            let options = arguments.parsedOptions(shortValueLetters: ["s", "d", "f", "r"], longValueOptions: ["--set"])
            return options.contains { $0.name == "-s" || $0.name == "--set" }
                ? .write(pattern: "date -s", reason: "date -s sets the system clock") : .read
        case "hostname":
            return arguments.operands().isEmpty
                ? .read : .write(pattern: "hostname", reason: "hostname NAME renames the machine")
        case "dmesg":
            return arguments.hasShortFlag("c") || arguments.hasShortFlag("C") || arguments.hasLongOption("--clear")
                ? .write(pattern: "dmesg -c", reason: "dmesg -c clears the kernel log") : .read
        case "tee":
            guard let file = arguments.operands().first(where: { !ShellVocabulary.harmlessTargets.contains($0) }) else {
                return .read
            }
            return .write(pattern: "tee", reason: "tee writes the file '\(file)'")
        case "find":
            let writers: Set<String> = ["-fprint", "-fprint0", "-fprintf", "-fls"]
            return arguments.containsAny(writers)
                ? .write(pattern: "find -fprint", reason: "find -fprint writes a file") : .read
        case "curl": return curlVerdict(arguments)
        case "wget": return wgetVerdict(arguments)
        case "pg_dump", "pg_dumpall":
            let options = arguments.parsedOptions(
                shortValueLetters: Set("fdhpUnNtTZFjES"),
                longValueOptions: ["--file"])
            guard let file = options.first(where: { $0.name == "-f" || $0.name == "--file" })?.value else {
                return .read
            }
            return .write(pattern: "\(name) -f", reason: "\(name) writes the dump file '\(file)'")
        case "crontab":
            return arguments.hasShortFlag("l")
                ? .read : .write(pattern: "crontab", reason: "crontab replaces the cron table")
        case "journalctl":
            let writes = arguments.options.contains { $0.hasPrefix("--vacuum") || $0 == "--rotate" || $0 == "--flush" }
            return writes
                ? .write(pattern: "journalctl --vacuum", reason: "journalctl --vacuum/--rotate changes journal files")
                : .read
        case "iptables", "ip6tables":
            let lists = arguments.containsAny(["-L", "--list", "-S", "--list-rules"])
            let changes = arguments.containsAny([
                "-A", "--append", "-I", "--insert", "-D", "--delete", "-R", "--replace", "-P",
                "--policy", "-N", "--new-chain", "-E", "--rename-chain", "-Z", "--zero",
            ])
            return lists && !changes ? .read : .write(pattern: name, reason: "\(name) changes firewall rules")
        case "ip":
            let verbs: Set<String> = [
                "add", "del", "delete", "set", "flush", "change", "replace", "append", "prepend", "restore",
            ]
            return arguments.operands().contains(where: verbs.contains)
                ? .write(pattern: "ip", reason: "ip changes network configuration") : .read
        case "mount":
            return arguments.isEmpty ? .read : .write(pattern: "mount", reason: "mount attaches a filesystem")
        default:
            if let does = knownWriters[name] { return .write(pattern: name, reason: "\(name) \(does)") }
            return .unknown
        }
    }

    /// `curl` reads unless it sends a body or a non-GET method, or saves to a file.
    private static func curlVerdict(_ arguments: ShellArguments) -> Verdict {
        let options = arguments.parsedOptions(
            shortValueLetters: Set("XdFToHuAebcKrmyYEwzCDPQtUx"),
            longValueOptions: [
                "--request", "--data", "--data-raw", "--data-binary", "--data-urlencode", "--data-ascii",
                "--form", "--form-string", "--upload-file", "--json", "--output", "--header", "--user",
                "--user-agent", "--cookie", "--cookie-jar", "--max-time", "--connect-timeout", "--retry",
                "--config", "--range", "--write-out", "--proxy", "--cacert", "--cert", "--key", "--url",
            ])
        let names = Set(options.map(\.name))
        if let method = options.last(where: { $0.name == "-X" || $0.name == "--request" })?.value.uppercased(),
            !["GET", "HEAD", "OPTIONS"].contains(method)
        {
            return .write(
                pattern: "curl -X \(method)", reason: "curl -X \(method) sends a request that can change the server")
        }
        let bodies: Set<String> = [
            "-d", "-F", "-T", "--data", "--data-raw", "--data-binary", "--data-urlencode", "--data-ascii",
            "--form", "--form-string", "--upload-file", "--json",
        ]
        if !names.isDisjoint(with: bodies), !names.contains("-G"), !names.contains("--get") {
            return .write(
                pattern: "curl --data", reason: "curl with a request body sends a POST that can change the server")
        }
        if let file = options.first(where: { $0.name == "-o" || $0.name == "--output" })?.value,
            !ShellVocabulary.harmlessTargets.contains(file)
        {
            return .write(pattern: "curl -o", reason: "curl -o writes the file '\(file)'")
        }
        if !names.isDisjoint(with: ["-O", "--remote-name", "--remote-name-all", "-c", "--cookie-jar"]) {
            return .write(pattern: "curl -O", reason: "curl -O/-c writes a file")
        }
        return .read
    }

    /// `wget` saves files unless told to print (`-O -`) or only check (`--spider`).
    private static func wgetVerdict(_ arguments: ShellArguments) -> Verdict {
        let options = arguments.parsedOptions(
            shortValueLetters: Set("OoaeTtwQPUiBlARDIX"),
            longValueOptions: ["--output-document", "--post-data", "--post-file", "--method"])
        if options.contains(where: { ["--post-data", "--post-file", "--body-data", "--body-file"].contains($0.name) })
            || options.contains(where: { $0.name == "--method" && !["GET", "HEAD"].contains($0.value.uppercased()) })
        {
            return .write(pattern: "wget --post-data", reason: "wget sends a request that can change the server")
        }
        if options.contains(where: { $0.name == "--spider" }) { return .read }
        if let document = options.last(where: { $0.name == "-O" || $0.name == "--output-document" })?.value,
            ShellVocabulary.harmlessTargets.contains(document)
        {
            return .read
        }
        return .write(pattern: "wget", reason: "wget saves downloads to files")
    }
}
