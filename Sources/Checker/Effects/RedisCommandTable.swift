import Language

/// The Redis command table behind `RedisEffects`: every command's effect, keyed by its
/// upper-cased name, and for container commands (`CONFIG`, `CLIENT`, …) by subcommand.
///
/// Judgment calls: pops (`LPOP`, `RPOP`, `SPOP`, `ZPOPMIN`, `BLPOP`, `LMOVE`, …) are `write`:
/// they hand the element to the caller, the normal way to consume a queue, whereas commands
/// whose purpose is to discard data (`DEL`, `HDEL`, `LREM`, `LTRIM`, `XTRIM`, `GETDEL`, …) are
/// `destructive`. `EXPIRE` is `write` (language §5) although the key later disappears.
/// `MULTI`/`EXEC`/`WATCH` are `read`: they change nothing alone.
enum RedisCommandTable {
    static let flat: [String: Effect] = {
        var table: [String: Effect] = [:]
        for name in readCommands.split(separator: " ") { table[String(name)] = .read }
        for name in writeCommands.split(separator: " ") { table[String(name)] = .write }
        for name in destructiveCommands.split(separator: " ") { table[String(name)] = .destructive }
        return table
    }()

    private static let readCommands = """
        GET MGET EXISTS TTL PTTL EXPIRETIME PEXPIRETIME TYPE KEYS SCAN RANDOMKEY DUMP STRLEN GETRANGE SUBSTR \
        GETBIT BITCOUNT BITPOS BITFIELD_RO LCS HGET HGETALL HMGET HEXISTS HLEN HKEYS HVALS HSTRLEN HRANDFIELD \
        HSCAN HTTL HPTTL HEXPIRETIME HPEXPIRETIME LRANGE LLEN LINDEX LPOS SMEMBERS SISMEMBER SMISMEMBER SCARD \
        SRANDMEMBER SSCAN SINTER SUNION SDIFF SINTERCARD ZRANGE ZRANGEBYSCORE ZRANGEBYLEX ZREVRANGE \
        ZREVRANGEBYSCORE ZREVRANGEBYLEX ZCARD ZSCORE ZMSCORE ZRANK ZREVRANK ZCOUNT ZLEXCOUNT ZRANDMEMBER ZSCAN \
        ZDIFF ZINTER ZUNION ZINTERCARD XLEN XRANGE XREVRANGE XREAD XPENDING GEODIST GEOHASH GEOPOS GEOSEARCH \
        GEORADIUS_RO GEORADIUSBYMEMBER_RO PFCOUNT SORT_RO SORT GEORADIUS GEORADIUSBYMEMBER INFO PING ECHO \
        DBSIZE TIME LASTSAVE ROLE LOLWUT MONITOR SELECT AUTH HELLO QUIT RESET MULTI EXEC DISCARD WATCH UNWATCH \
        SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE SSUBSCRIBE SUNSUBSCRIBE WAIT WAITAOF TOUCH EVAL_RO \
        EVALSHA_RO FCALL_RO READONLY READWRITE ASKING
        """

    private static let writeCommands = """
        SET SETEX SETNX PSETEX MSET MSETNX GETSET GETEX SETRANGE APPEND INCR DECR INCRBY DECRBY INCRBYFLOAT \
        SETBIT BITFIELD BITOP EXPIRE PEXPIRE EXPIREAT PEXPIREAT PERSIST RENAME RENAMENX MOVE COPY RESTORE \
        HSET HSETNX HMSET HINCRBY HINCRBYFLOAT HEXPIRE HPEXPIRE HEXPIREAT HPEXPIREAT HPERSIST HGETEX HSETEX \
        LPUSH RPUSH LPUSHX RPUSHX LINSERT LSET LPOP RPOP BLPOP BRPOP LMPOP BLMPOP RPOPLPUSH BRPOPLPUSH LMOVE \
        BLMOVE SADD SPOP SMOVE SINTERSTORE SUNIONSTORE SDIFFSTORE ZADD ZINCRBY ZPOPMIN ZPOPMAX BZPOPMIN \
        BZPOPMAX ZMPOP BZMPOP ZRANGESTORE ZDIFFSTORE ZINTERSTORE ZUNIONSTORE XADD XACK XCLAIM XAUTOCLAIM \
        XREADGROUP XSETID GEOADD GEOSEARCHSTORE PFADD PFMERGE PUBLISH SPUBLISH EVAL EVALSHA FCALL SAVE BGSAVE \
        BGREWRITEAOF FAILOVER REPLICAOF SLAVEOF MIGRATE
        """

    private static let destructiveCommands = """
        DEL UNLINK FLUSHDB FLUSHALL GETDEL HDEL HGETDEL SREM ZREM ZREMRANGEBYSCORE ZREMRANGEBYRANK \
        ZREMRANGEBYLEX LTRIM LREM XDEL XTRIM SHUTDOWN SWAPDB
        """

    /// Container commands: subcommand → effect. A bare container counts as its strongest subcommand.
    static let containers: [String: [String: Effect]] = [
        "CONFIG": subcommands(read: "GET HELP", write: "SET RESETSTAT REWRITE"),
        "CLIENT": subcommands(
            read: "LIST INFO GETNAME ID GETREDIR TRACKINGINFO HELP",
            write: "KILL SETNAME SETINFO PAUSE UNPAUSE REPLY TRACKING CACHING UNBLOCK NO-EVICT NO-TOUCH"),
        "MEMORY": subcommands(read: "USAGE STATS DOCTOR MALLOC-STATS HELP", write: "PURGE"),
        "OBJECT": subcommands(read: "ENCODING FREQ IDLETIME REFCOUNT HELP"),
        "XINFO": subcommands(read: "STREAM GROUPS CONSUMERS HELP"),
        "XGROUP": subcommands(read: "HELP", write: "CREATE CREATECONSUMER SETID", destructive: "DESTROY DELCONSUMER"),
        "SCRIPT": subcommands(read: "EXISTS HELP", write: "LOAD FLUSH KILL DEBUG"),
        "FUNCTION": subcommands(read: "LIST DUMP STATS HELP", write: "LOAD RESTORE KILL", destructive: "DELETE FLUSH"),
        "CLUSTER": subcommands(
            read: """
                INFO NODES SLOTS SHARDS MYID MYSHARDID KEYSLOT COUNTKEYSINSLOT GETKEYSINSLOT \
                COUNT-FAILURE-REPORTS LINKS REPLICAS SLAVES HELP
                """,
            write: """
                ADDSLOTS ADDSLOTSRANGE DELSLOTS DELSLOTSRANGE FAILOVER FORGET MEET REPLICATE SAVECONFIG \
                SET-CONFIG-EPOCH SETSLOT BUMPEPOCH
                """,
            destructive: "RESET FLUSHSLOTS"),
        "ACL": subcommands(
            read: "CAT GETUSER LIST USERS WHOAMI LOG GENPASS DRYRUN HELP",
            write: "SETUSER LOAD SAVE", destructive: "DELUSER"),
        "SLOWLOG": subcommands(read: "GET LEN HELP", write: "RESET"),
        "LATENCY": subcommands(read: "LATEST HISTORY DOCTOR GRAPH HISTOGRAM HELP", write: "RESET"),
        "COMMAND": subcommands(read: "COUNT DOCS GETKEYS GETKEYSANDFLAGS INFO LIST HELP"),
        "MODULE": subcommands(read: "LIST HELP", write: "LOAD LOADEX UNLOAD"),
        "PUBSUB": subcommands(read: "CHANNELS NUMSUB NUMPAT SHARDCHANNELS SHARDNUMSUB HELP"),
        "DEBUG": subcommands(
            read: "OBJECT DIGEST DIGEST-VALUE JMAP HELP",
            write: "SLEEP RELOAD CHANGE-REPL-ID SET-ACTIVE-EXPIRE POPULATE LOG",
            destructive: "SEGFAULT RESTART CRASH-AND-RECOVER"),
    ]

    private static func subcommands(read: String, write: String = "", destructive: String = "") -> [String: Effect] {
        var table: [String: Effect] = [:]
        for (names, effect) in [(read, Effect.read), (write, .write), (destructive, .destructive)] {
            for name in names.split(separator: " ") { table[String(name)] = effect }
        }
        return table
    }

    /// What the destructive (and a few notable write) commands do, for diagnostics.
    static let descriptions: [String: String] = [
        "DEL": "deletes keys", "UNLINK": "deletes keys",
        "FLUSHDB": "deletes every key in the selected database",
        "FLUSHALL": "deletes every key in every database",
        "GETDEL": "deletes the key after reading it", "HDEL": "deletes hash fields",
        "HGETDEL": "deletes hash fields after reading them", "SREM": "removes set members",
        "ZREM": "removes sorted-set members", "ZREMRANGEBYSCORE": "removes sorted-set members",
        "ZREMRANGEBYRANK": "removes sorted-set members", "ZREMRANGEBYLEX": "removes sorted-set members",
        "LTRIM": "discards list elements outside the range", "LREM": "removes list elements",
        "XDEL": "deletes stream entries", "XTRIM": "discards stream entries",
        "SHUTDOWN": "stops the server and may lose data not yet saved",
        "SWAPDB": "swaps the contents of two databases",
        "XGROUP DESTROY": "deletes a consumer group and its pending entries",
        "XGROUP DELCONSUMER": "deletes a consumer and its pending entries",
        "FUNCTION DELETE": "deletes a function library", "FUNCTION FLUSH": "deletes every function library",
        "CLUSTER RESET": "resets the node, discarding its cluster state",
        "CLUSTER FLUSHSLOTS": "unassigns every slot of the node", "ACL DELUSER": "deletes users",
        "DEBUG SEGFAULT": "crashes the server", "DEBUG RESTART": "restarts the server",
        "DEBUG CRASH-AND-RECOVER": "crashes the server",
        "PUBLISH": "sends a message to subscribers", "SPUBLISH": "sends a message to subscribers",
        "CLIENT KILL": "disconnects clients", "CONFIG SET": "changes the server configuration",
        "EXPIRE": "sets a key to expire", "PEXPIRE": "sets a key to expire",
        "RENAME": "renames a key, replacing any key of the new name",
    ]
}
