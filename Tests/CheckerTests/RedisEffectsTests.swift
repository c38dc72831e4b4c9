import Language
import Testing
@testable import Checker

private let readCommands = """
    GET MGET EXISTS TTL PTTL TYPE KEYS SCAN HGET HGETALL HMGET HEXISTS HLEN HKEYS HVALS LRANGE LLEN LINDEX \
    SMEMBERS SISMEMBER SCARD ZRANGE ZRANGEBYSCORE ZCARD ZSCORE XLEN XRANGE INFO PING ECHO DBSIZE TIME \
    STRLEN GETRANGE LPOS SRANDMEMBER ZRANK ZCOUNT XREAD XPENDING PFCOUNT DUMP RANDOMKEY LASTSAVE ROLE \
    MULTI EXEC WATCH SELECT AUTH SUBSCRIBE EVAL_RO SORT_RO GEOPOS
    """.split(separator: " ").map(String.init)

private let writeCommands = """
    SET SETEX SETNX PSETEX MSET EXPIRE PEXPIRE PERSIST INCR DECR INCRBY APPEND HSET HMSET HINCRBY LPUSH \
    RPUSH LPOP RPOP BLPOP SPOP ZPOPMIN LMOVE RPOPLPUSH SADD ZADD XADD XACK PUBLISH RENAME COPY RESTORE \
    GETSET GETEX SETRANGE BITOP PFADD EVAL EVALSHA FCALL SAVE BGSAVE SINTERSTORE ZUNIONSTORE
    """.split(separator: " ").map(String.init)

private let destructiveCommands = """
    DEL UNLINK FLUSHDB FLUSHALL HDEL SREM ZREM ZREMRANGEBYSCORE ZREMRANGEBYRANK LTRIM LREM XDEL XTRIM GETDEL \
    SHUTDOWN SWAPDB
    """.split(separator: " ").map(String.init)

@Suite struct RedisEffectsTests {
    @Test(arguments: readCommands) func readCommandsAreRead(_ name: String) {
        #expect(RedisEffects.effect(ofCommand: name) == .read)
    }

    @Test(arguments: writeCommands) func writeCommandsAreWrite(_ name: String) {
        #expect(RedisEffects.effect(ofCommand: name) == .write)
    }

    @Test(arguments: destructiveCommands) func destructiveCommandsAreDestructive(_ name: String) {
        #expect(RedisEffects.effect(ofCommand: name) == .destructive)
    }

    @Test func tableIsLarge() {
        #expect(RedisCommandTable.flat.count >= 150)
        #expect(readCommands.count + writeCommands.count + destructiveCommands.count >= 60)
    }

    /// Names are case-insensitive; containers take a subcommand.
    @Test(arguments: [
        ("get", Effect?.some(.read)), ("FlushDb", .destructive), ("lrange", .read),
        ("CONFIG GET", .read), ("config set", .write), ("CONFIG", .write), ("CONFIG RESETSTAT", .write),
        ("CLIENT LIST", .read), ("client kill", .write), ("CLIENT", .write),
        ("MEMORY USAGE", .read), ("MEMORY PURGE", .write), ("XINFO", .read), ("XINFO GROUPS", .read),
        ("OBJECT ENCODING", .read), ("XGROUP DESTROY", .destructive), ("XGROUP CREATE", .write),
        ("FUNCTION FLUSH", .destructive), ("ACL DELUSER", .destructive), ("ACL WHOAMI", .read),
        ("CLUSTER RESET", .destructive), ("CLUSTER INFO", .read), ("SLOWLOG RESET", .write),
        ("DEBUG OBJECT", .read), ("DEBUG SEGFAULT", .destructive), ("COMMAND", .read),
        ("FROBNICATE", nil), ("CONFIG BOGUS", nil), ("", nil), ("  ", nil),
    ])
    func namesAndSubcommands(_ name: String, _ effect: Effect?) {
        #expect(RedisEffects.effect(ofCommand: name) == effect)
        #expect(RedisEffects.isKnown(name) == (effect != nil))
    }

    /// Whole argv: modifiers that change the effect.
    @Test(arguments: [
        (["SET", "k", "v", "EX", "3600"], Effect?.some(.write)),
        (["DEL", "bull:notifications:failed"], .destructive),
        (["RESTORE", "k", "0", "payload"], .write),
        (["RESTORE", "k", "0", "payload", "replace"], .destructive),
        (["RESTORE", "replace", "0", "payload"], .write),   // a key named "replace" is not the modifier
        (["COPY", "a", "b"], .write),
        (["COPY", "a", "b", "REPLACE"], .destructive),
        (["MIGRATE", "host", "6379", "k", "0", "5000"], .destructive),
        (["MIGRATE", "host", "6379", "k", "0", "5000", "COPY"], .write),
        (["SORT", "list"], .read),
        (["SORT", "list", "STORE", "dest"], .write),
        (["GEORADIUS", "g", "1", "2", "3", "km", "STOREDIST", "d"], .write),
        (["REPLICAOF", "primary.example", "6379"], .destructive),
        (["replicaof", "no", "one"], .write),
        (["CLIENT", "KILL", "ID", "7"], .write),
        (["CONFIG", "SET", "maxmemory", "1gb"], .write),
        (["FUNCTION", "RESTORE", "payload", "FLUSH"], .destructive),
        (["EVAL", "return redis.call('GET', KEYS[1])", "1", "k"], .write),
        (["EVAL", "return redis.call( \"del\", KEYS[1])", "1", "k"], .destructive),
        (["EVAL", "redis.pcall('FLUSHALL')", "0"], .destructive),
        (["EVAL", "redis.call(KEYS[1])", "0"], .write),
        (["NOPE", "x"], nil),
        ([], nil),
    ])
    func argumentsAndModifiers(_ argv: [String], _ effect: Effect?) {
        #expect(RedisEffects.effect(ofArguments: argv) == effect)
    }

    @Test(arguments: [
        (["FLUSHDB"], "FLUSHDB deletes every key in the selected database"),
        (["del", "k"], "DEL deletes keys"),
        (["GET", "k"], "GET only reads"),
        (["INCR", "k"], "INCR changes data or server state"),
        (["REPLICAOF", "h", "1"], "REPLICAOF makes this server a replica, discarding its data"),
        (["EVAL", "redis.call('DEL', 'k')", "0"], "the EVAL script calls DEL: DEL deletes keys"),
    ])
    func reasons(_ argv: [String], _ reason: String) {
        #expect(RedisEffects.classify(argv)?.reason == reason)
    }
}
