// runbook-fuzz: built with `-DFUZZING` and `-sanitize=fuzzer,address` (scripts/fuzz), it hands
// control to libFuzzer, which calls LintOnce on every generated input. In the normal build it
// replays files: `runbook-fuzz FILE...` runs each through the same function and prints a line.
import FuzzHarness

#if FUZZING
import CFuzzerDriver

var argumentCount = CommandLine.argc
var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = LLVMFuzzerRunDriver(&argumentCount, &arguments) { data, size in
    guard let data else { return 0 }
    _ = LintOnce.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
Replay.exit(status)
#else
Replay.exit(Replay.main(Array(CommandLine.arguments.dropFirst())))
#endif
