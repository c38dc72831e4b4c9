import Foundation
import Testing
@testable import ShellBackend

@Suite("Shell backend: which pids a short step's processes can have")
struct PIDWindowTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var leader: Int32
        var last: Int32
        var inside: [Int32]
        var outside: [Int32]
        var testDescription: String { "leader \(leader), last \(last)" }
    }

    @Test(arguments: [
        Case(leader: 500, last: 500, inside: [500], outside: [499, 501, 1]),
        Case(leader: 500, last: 620, inside: [500, 501, 620], outside: [499, 621, 1, 4_194_304]),
        // The counter went round pid_max: the window wraps to the low pids.
        Case(leader: 4_194_000, last: 300, inside: [4_194_000, 4_194_303, 1, 300], outside: [301, 4_193_999, 2_000_000]),
    ])
    func holdsThePidsHandedOutSinceTheLeader(_ window: Case) {
        let range = PIDWindow(leader: window.leader, last: window.last)
        for pid in window.inside { #expect(range.contains(pid), "\(pid)") }
        for pid in window.outside { #expect(!range.contains(pid), "\(pid)") }
    }

    @Test func aChildSpawnedNowIsInsideTheWindowOfAnEarlierPid() throws {
        let before = getpid()
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let window = try #require(PIDWindow(leader: before))
        #expect(window.contains(child.processIdentifier))
    }
}
