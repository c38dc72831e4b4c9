import BackendKit
import Foundation
import RedisBackend
import Testing

struct RedisConfigurationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var url: String
        var host: String
        var port: Int
        var database: Int
        var username: String?
        var password: String?
        var testDescription: String { url }
    }

    static let valid: [Case] = [
        Case(url: "redis://127.0.0.1", host: "127.0.0.1", port: 6379, database: 0),
        Case(url: "redis://localhost:6380/2", host: "localhost", port: 6380, database: 2),
        Case(url: "redis://cache.internal/", host: "cache.internal", port: 6379, database: 0),
        Case(url: "REDIS://Cache:1/15", host: "Cache", port: 1, database: 15),
        Case(url: "redis://:s3cret@10.0.0.5:6379/0", host: "10.0.0.5", port: 6379, database: 0, password: "s3cret"),
        Case(url: "redis://alice:wonder-land@h:7000/4", host: "h", port: 7000, database: 4, username: "alice", password: "wonder-land"),
        Case(url: "redis://onlypassword@h", host: "h", port: 6379, database: 0, password: "onlypassword"),
        Case(url: "redis://:p%40ss%3Aw%2Ford%20x@h:7000/1", host: "h", port: 7000, database: 1, password: "p@ss:w/ord x"),
        Case(url: "redis://us%3Aer:pw@h", host: "h", port: 6379, database: 0, username: "us:er", password: "pw"),
        Case(url: "redis://bob:pa@ss/wo#rd@h:1/2", host: "h", port: 1, database: 2, username: "bob", password: "pa@ss/wo#rd"),
        Case(url: "redis://bob:pa:ss@h", host: "h", port: 6379, database: 0, username: "bob", password: "pa:ss"),
        Case(url: "redis://:@h", host: "h", port: 6379, database: 0),
        Case(url: "redis://carol:@h", host: "h", port: 6379, database: 0, username: "carol"),
        Case(url: "redis://[::1]:6380/3", host: "::1", port: 6380, database: 3),
        Case(url: "redis://[::1]", host: "::1", port: 6379, database: 0),
    ]

    @Test(arguments: valid)
    func parsesURL(_ item: Case) throws {
        let config = try RedisConfiguration(url: item.url)
        #expect(config.host == item.host)
        #expect(config.port == item.port)
        #expect(config.database == item.database)
        #expect(config.username == item.username)
        #expect(config.password == item.password)
    }

    static let invalid: [(url: String, reason: String)] = [
        ("127.0.0.1:6379", "must start with redis://"),
        ("http://h:6379", "must start with redis://"),
        ("rediss://:topsecret@h:6379", "TLS"),
        ("redis://", "no host"),
        ("redis://:topsecret@", "no host"),
        ("redis://:topsecret@:6379/0", "no host"),
        ("redis://h:", "port"),
        ("redis://h:0", "port"),
        ("redis://h:65536", "port"),
        ("redis://h:+80", "port"),
        ("redis://h:abc", "port"),
        ("redis://::1:6379", "brackets"),
        ("redis://[::1", "closing ]"),
        ("redis://h/x", "database"),
        ("redis://h/-1", "database"),
        ("redis://h/+1", "database"),
        ("redis://h/1/2", "database"),
        ("redis://h/0?ssl=true", "query"),
        ("redis://h/0#frag", "query"),
        ("redis://:topsecret%zz@h", "percent-encoding"),
    ]

    @Test(arguments: invalid)
    func rejectsURL(_ url: String, _ reason: String) {
        #expect {
            try RedisConfiguration(url: url)
        } throws: { error in
            guard let error = error as? BackendError else { return false }
            return error.reason == .invalidRequest && error.message.contains(reason)
                && !error.message.contains("topsecret") && !error.message.contains(url)
        }
    }

    static let secretURLs = [
        "redis://:hunter2-pw@127.0.0.1:6379/0",
        "redis://admin:hunter2-pw@cache:6380/3",
        "redis://hunter2-pw@cache",
        "redis://admin:hunter2%2Dpw@[::1]:7000/1",
    ]

    @Test(arguments: secretURLs)
    func printingNeverShowsThePassword(_ url: String) throws {
        let config = try RedisConfiguration(url: url)
        var dumped = ""
        dump(config, to: &dumped)
        for text in [config.description, config.debugDescription, "\(config)", String(reflecting: config), dumped] {
            #expect(!text.contains("hunter2"), "\(text)")
        }
        #expect(config.description == "redis://\(config.location)")
        #expect(config.debugDescription.contains("***"))
    }

    @Test func descriptionsNameTheLocationAndUser() throws {
        let config = try RedisConfiguration(url: "redis://admin:pw-123@cache:6380/3")
        #expect(config.description == "redis://cache:6380/3")
        #expect(config.debugDescription == "redis://admin:***@cache:6380/3")
        #expect(try RedisConfiguration(url: "redis://:pw-123@[::1]/2").debugDescription == "redis://:***@[::1]:6379/2")
        #expect(try RedisConfiguration(url: "redis://cache").debugDescription == "redis://cache:6379/0")
    }

    @Test func invalidURLFailsAtConnectNamingTheTargetOnly() async {
        let target = TargetSpec(name: "cache", url: "redis://:topsecret@h:99999/0")
        await #expect {
            _ = try await RedisBackend().connect(target)
        } throws: { error in
            guard let error = error as? BackendError else { return false }
            return error.reason == .invalidRequest && error.message.hasPrefix("target cache: invalid redis URL")
                && !error.message.contains("topsecret")
        }
        await #expect(throws: BackendError.self) {
            _ = try await RedisBackend().connect(TargetSpec(name: "cache", url: nil))
        }
    }

    @Test func kindIsRedis() {
        #expect(RedisBackend().kind == "redis")
    }
}
