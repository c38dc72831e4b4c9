import Language
import Testing
@testable import Checker

/// (script, expected effect). `read` also means `isReadOnly` is true.
private let effectCases: [(String, Effect)] = [
    // Reads.
    ("", .read),
    ("# rm -rf /", .read),
    ("curl http://localhost:3000/health/golive", .read),
    ("curl -s -H 'Accept: application/json' http://x/health | jq .overallHealth", .read),
    ("curl -sG -d q=1 http://x/search", .read),
    ("curl -o /dev/null -w '%{http_code}' http://x", .read),
    ("echo \"rm -rf /\"", .read),
    ("echo 'DROP TABLE users; FLUSHALL'", .read),
    ("printf '%s\\n' \"kubectl delete ns prod\"", .read),
    ("grep \"ADMIN_LOGIN_FAILED\\|login_failures\" /var/log/school-erp.log | tail -50", .read),
    ("grep login_failures /var/log/x.log | \\\n  grep -oP '\"ip\":\"[^\"]*\"' | sort | uniq -c | sort -rn | head -10", .read),
    ("ls -la /backups/ | sort -k6,7 | tail -10", .read),
    ("df -h; du -sh /var/log; ps aux | grep node", .read),
    ("pm2 logs --lines 100", .read),
    ("docker logs school-erp-server --tail 100", .read),
    ("docker compose ps", .read),
    ("systemctl status redis", .read),
    ("systemctl", .read),
    ("kubectl get pods -n prod && kubectl -n prod logs deploy/api", .read),
    ("kubectl config view", .read),
    ("git log --oneline -10", .read),
    ("git status && git diff HEAD~1 && git branch -a", .read),
    ("pg_isready -h localhost", .read),
    ("redis-cli ping", .read),
    ("redis-cli -a \"$REDIS_PASSWORD\" --no-auth-warning INFO memory", .read),
    ("redis-cli LRANGE bull:notifications:failed 0 10", .read),
    ("redis-cli --scan --pattern 'tenant:*'", .read),
    ("psql \"$DATABASE_URL\" -c \"SELECT count(*) FROM pg_stat_activity;\"", .read),
    ("psql $DATABASE_URL -c \"\\dt\"", .read),
    ("psql -l", .read),
    ("PGPASSWORD=x psql -h db -U app -c 'select 1'", .read),
    ("sleep 10", .read),
    ("date +%Y%m%d", .read),
    ("TENANT_SCHEMA=\"greenwood_high\"", .read),
    ("export A=1; set -euo pipefail; cd /tmp", .read),
    ("watch -n 5 'curl -s http://localhost:3000/health/golive | jq .overallHealth'", .read),
    ("echo \"Maintenance complete. Service restored at $(date)\"", .read),
    ("test -f /tmp/x && [ -d /var ] && [[ $a > $b ]]", .read),
    ("if [[ \"$a\" > \"$b\" ]]; then echo x; fi", .read),
    ("if [ -f x ]; then cat x; else echo none; fi", .read),
    ("for f in /var/log/*.log; do wc -l \"$f\"; done", .read),
    ("(( n > 3 )) && echo big", .read),
    ("sed -n '1,10p' file", .read),
    ("sort -o", .write),
    ("cat x > /dev/null 2>&1", .read),
    ("curl http://x &>/dev/null", .read),
    ("tee /dev/null < x", .read),
    ("find /var/log -name '*.gz' -mtime +7", .read),
    ("find . -name x -exec grep -l TODO {} \\;", .read),
    ("sudo -u postgres psql -c 'SELECT 1'", .read),
    ("timeout 5 redis-cli PING", .read),
    ("env -i PATH=/bin ls", .read),
    ("env", .read),
    ("ssh db1 'df -h'", .read),
    ("xargs -n1 echo < list", .read),
    ("docker exec -it redis redis-cli INFO", .read),
    ("kubectl exec -n prod api-0 -- cat /etc/hosts", .read),
    ("wget -qO- http://x/health", .read),
    ("pg_dump \"$DATABASE_URL\" --schema=x", .read),
    ("git -C /srv/app log -1", .read),
    ("command -v psql", .read),
    ("f() { echo hi; }; f2() { ls; }", .read),    // definitions alone run nothing
    ("f() { ls; }; f", .write),                    // a call to a shell function is an unknown command
    ("cleanup() { rm -rf /tmp/x; }", .destructive), // bodies are scanned even when never called
    // `case` patterns are not commands; the commands of each branch are.
    ("case \"$1\" in\n  start|restart) echo go ;;\n  rm|kill) echo no ;;\n  *) echo usage ;;\nesac", .read),
    ("case $x in (drop) ls;; (reboot|shutdown) ls;; esac", .read),
    ("case $x in\n  rm)\n    ls\n    ;;\nesac", .read),
    ("case $x in rm) ls\nesac; echo done", .read),                     // the last branch needs no ;;
    ("case $a in rm) ls;& kill) ls;;& *) ls;; esac", .read),           // ;& and ;;& fall through
    ("case $a in x) case $b in rm) ls;; esac;; dd) ls;; esac", .read), // nested
    ("case $x in a) ls;; b) rm -rf /tmp/x;; esac", .destructive),
    ("case $x in\n  a) systemctl restart app ;;\nesac\nrm -rf /tmp/y", .destructive),
    ("echo case x in; rm -rf /tmp/z", .destructive),                   // `case` as an argument opens nothing
    ("if true; then case $x in rm) ls;; esac; fi", .read),
    ("for f in *; do case $f in *.sql) cat \"$f\";; esac; done", .read),
    ("case $x in $(rm -rf /tmp/w)) ls;; esac", .destructive),          // a pattern's substitution runs
    // Writes.
    ("pm2 restart school-erp-server", .write),
    ("docker restart school-erp-server", .write),
    ("kill -SIGTERM <PID> && pnpm start", .write),
    ("systemctl restart redis", .write),
    ("pnpm tenant:preflight $TENANT_SCHEMA", .write),
    ("git checkout abc1234", .write),
    ("redis-cli SET \"tenant:blocked:$TENANT_SCHEMA\" \"true\" EX 3600", .write),
    ("redis-cli SET \"tenant:maintenance:message:$T\" \\\n  \"System maintenance in progress.\"", .write),
    ("redis-cli FROBNICATE x", .write),
    ("redis-cli", .write),
    ("psql $DATABASE_URL -c \"\n  UPDATE \\\"$TENANT_SCHEMA\\\".user_sessions\n  SET is_active = false\n  WHERE is_active = true;\n\"", .write),
    ("psql $DATABASE_URL -c \"SELECT pg_terminate_backend(12345);\"", .write),
    ("psql $DATABASE_URL -c \"CREATE SCHEMA \\\"$TENANT_SCHEMA\\\";\"", .write),
    ("psql $DATABASE_URL < $SNAPSHOT_FILE", .write),
    ("psql -f restore.sql", .write),
    ("psql -c 'select 1' -o /tmp/out.txt", .write),
    ("pg_dump $DATABASE_URL > /backups/emergency-$(date +%Y%m%d-%H%M%S).sql", .write),
    ("echo hi >> /var/log/notes", .write),
    ("echo hi | tee -a /tmp/x", .write),
    ("curl -X POST http://x/api/retry", .write),
    ("curl -sXPOST http://x/api/retry", .write),
    ("curl --request DELETE http://x/jobs/1", .write),
    ("curl -d '{}' http://x/api", .write),
    ("curl --json '{}' http://x/api", .write),
    ("curl -o page.html http://x", .write),
    ("wget http://x/file.tar.gz", .write),
    ("sed -i 's/a/b/' /etc/app.conf", .write),
    ("sed -ni.bak 's/a/b/p' f", .write),
    ("iptables -A INPUT -s 1.2.3.4 -j DROP", .write),
    ("iptables -L -n", .read),
    ("rm /tmp/app.lock", .write),
    ("bash deploy.sh", .write),
    ("bash", .write),
    ("$CMD --force", .write),
    ("docker pull school-erp:previous-tag && docker stop s && docker run -d --name s school-erp:previous-tag", .write),
    ("git push origin main", .write),
    ("echo 'SELECT 1' | psql", .read),
    ("echo 'INSERT INTO t VALUES (1)' | psql", .write),
    ("logger \"DROP detected on firewall\"", .write),
    ("bash -c 'echo \"rm -rf /\"'", .read),
    ("npm run build", .write),
    // Destructive.
    ("redis-cli FLUSHDB", .destructive),
    ("redis-cli -a $REDIS_PASSWORD FLUSHDB", .destructive),
    ("redis-cli -h cache -p 6380 -n 2 flushall async", .destructive),
    ("redis-cli DEL \"tenant:blocked:$TENANT_SCHEMA\"", .destructive),
    ("redis-cli DEL bull:notifications:failed", .destructive),
    ("redis-cli --scan --pattern 'sess:*' | xargs redis-cli DEL", .destructive),
    ("redis-cli --scan --pattern 'sess:*' | xargs -I{} redis-cli UNLINK {}", .destructive),
    ("echo FLUSHALL | redis-cli", .destructive),
    ("redis-cli <<EOF\nPING\nDEL a b\nEOF", .destructive),
    ("psql $DATABASE_URL -c \"DROP SCHEMA IF EXISTS \\\"$TENANT_SCHEMA\\\" CASCADE;\"", .destructive),
    ("psql -c 'TRUNCATE audit_log'", .destructive),
    ("psql --command='DELETE FROM sessions'", .destructive),
    ("psql -c'DELETE FROM sessions'", .destructive),
    ("psql \"$DATABASE_URL\" <<'SQL'\n\\set ON_ERROR_STOP on\nBEGIN;\nDELETE FROM sessions;\nCOMMIT;\nSQL", .destructive),
    ("psql \"$URL\" <<< 'DROP TABLE t'", .destructive),
    ("echo 'DROP TABLE t' | psql \"$URL\"", .destructive),
    ("cat <<EOF | psql\nTRUNCATE t;\nEOF", .destructive),
    ("mysql -u root -e 'DROP DATABASE app'", .destructive),
    ("sqlite3 app.db 'DELETE FROM jobs'", .destructive),
    ("rm -rf /tmp/x", .destructive),
    ("rm -fr build", .destructive),
    ("rm -R dir", .destructive),
    ("rm --recursive dir", .destructive),
    ("rm -v -r -f dir", .destructive),
    ("rm /backups/*.sql", .destructive),
    ("/bin/rm -rf /srv/uploads", .destructive),
    ("sudo rm -rf /var/lib/redis", .destructive),
    ("sudo -u root -E rm -rf x", .destructive),
    ("DEBUG=1 nice -n 10 rm -rf x", .destructive),
    ("env X=1 rm -rf x", .destructive),
    ("timeout 30s rm -rf x", .destructive),
    ("bash -c \"rm -rf /tmp/x\"", .destructive),
    ("sh -ec 'cd /srv && rm -rf cache'", .destructive),
    ("echo \"$(rm -rf /)\"", .destructive),
    ("echo `rm -rf /tmp/x`", .destructive),
    ("x=$(psql -c 'DROP TABLE t')", .destructive),
    ("echo 'rm -rf /' | bash", .destructive),
    ("bash <<EOF\nrm -rf /srv/x\nEOF", .destructive),
    ("eval rm -rf /tmp/x", .destructive),
    ("ssh db1 'sudo systemctl stop x && dropdb app'", .destructive),
    ("ssh -i key -p 22 admin@db1 rm -rf /data", .destructive),
    ("watch -n 60 'rm -rf /tmp/cache'", .destructive),
    ("find /backups -name \"daily-*.sql\" -mtime +7 -delete", .destructive),
    ("find . -type f -exec rm -rf {} +", .destructive),
    ("kubectl delete pod api-0", .destructive),
    ("kubectl -n prod delete deploy api", .destructive),
    ("dropdb school_erp", .destructive),
    ("docker rm -f school-erp-server", .destructive),
    ("docker rmi school-erp:old", .destructive),
    ("docker volume rm pgdata", .destructive),
    ("docker system prune -af", .destructive),
    ("docker compose down -v", .destructive),
    ("docker-compose down --volumes", .destructive),
    ("docker exec pg psql -U app -c 'DROP TABLE t'", .destructive),
    ("kubectl exec -it redis-0 -- redis-cli FLUSHALL", .destructive),
    ("git reset --hard origin/main", .destructive),
    ("git clean -fdx", .destructive),
    ("git push --force origin main", .destructive),
    ("git push origin +main", .destructive),
    ("git branch -D feature", .destructive),
    ("git stash drop", .destructive),
    ("shred -u secrets.txt", .destructive),
    ("mkfs.ext4 /dev/sdb1", .destructive),
    ("dd if=/dev/zero of=/dev/sda bs=1M", .destructive),
    ("truncate -s 0 /var/log/app.log", .destructive),
    ("iptables -F", .destructive),
    ("crontab -r", .destructive),
    ("pg_restore --clean -d app dump.bin", .destructive),
    ("pg_restore -cC -d app dump.bin", .destructive),
    ("helm uninstall api", .destructive),
    ("terraform destroy -auto-approve", .destructive),
    ("aws s3 rm s3://bucket/prefix --recursive", .destructive),
    ("some-db-tool --sql \"DROP TABLE users\"", .destructive),
    ("some-cache-tool FLUSHALL", .destructive),
    ("curl -s x; rm -rf /tmp/a && echo done", .destructive),
    ("ls&&rm -rf x", .destructive),
    ("find /tmp -name '*.lock' | xargs rm", .destructive),
    ("find /tmp -name '*.lock' -exec rm {} \\;", .destructive),
    ("find /tmp -name '*.lock' | xargs -0 -n 10 rm -f", .destructive),
    ("dd if=/dev/sda of=/dev/null bs=1M count=1", .write),   // not destructive, not a known read
    ("xargs kill < pids", .write),
    ("ls;rm -rf x", .destructive),
    ("\"rm\" -rf x", .destructive),
    ("r\\m -rf x", .destructive),
    ("nohup rm -rf x &", .destructive),
    ("cat <<EOF | bash\nrm -rf /\nEOF", .destructive),
    ("ls # ; rm -rf /", .read),
    ("echo rm -rf x", .read),
    ("cat <<'EOF'\nrm -rf /\nDROP TABLE t;\nEOF", .read),
    ("cat <<EOF > /tmp/x\nhello\nEOF", .write),
    ("psql -c '\\copy t from x.csv'", .write),
    ("redis-cli -x SET k < file", .write),
    ("git clean -n", .write),
    ("psql -c \"DELETE FROM x WHERE id = 1\"", .write),
]

@Suite struct ShellEffectsTests {
    @Test(arguments: effectCases.indices)
    func classifiesScripts(_ index: Int) {
        let (script, effect) = effectCases[index]
        #expect(ShellEffects.effect(of: script) == effect, "\(script)")
        #expect(ShellEffects.isReadOnly(script) == (effect == .read), "\(script)")
        #expect(ShellEffects.destructiveFindings(in: script).isEmpty == (effect != .destructive), "\(script)")
    }

    /// Non-read results come with their pattern and a reason.
    @Test(arguments: [
        ("rm -rf /tmp/x", "rm -r", "rm -r deletes a directory tree"),
        ("redis-cli FLUSHDB", "redis-cli FLUSHDB", "FLUSHDB deletes every key in the selected database"),
        ("kubectl delete ns x", "kubectl delete", "kubectl delete removes cluster resources"),
        ("psql -c 'DELETE FROM t'", "psql DELETE", "DELETE without WHERE removes every row"),
        ("pnpm start", "pnpm", "'pnpm' is not a known read-only command (assumed write)"),
        ("echo x > out.txt", "> file", "redirects output into the file 'out.txt'"),
        ("curl -X POST http://x", "curl -X POST", "curl -X POST sends a request that can change the server"),
    ])
    func findingsExplainThemselves(_ script: String, _ pattern: String, _ reason: String) throws {
        let finding = try #require(ShellEffects.findings(in: script).max { $0.effect < $1.effect })
        #expect(finding.pattern == pattern)
        #expect(finding.reason == reason)
    }

    /// Finding ranges point at the original script bytes, inside quoted arguments where relevant.
    @Test(arguments: [
        ("x; rm -rf /tmp/x", "rm -rf /tmp/x"),
        ("psql \"$URL\" -c \"SELECT 1; DROP TABLE t\"", "DROP TABLE t"),
        ("bash -c 'ls; rm -rf /a'", "rm -rf /a"),
        ("redis-cli -n 1 DEL k", "DEL k"),
        ("echo x >> /var/log/é.log", ">> /var/log/é.log"),
        ("echo \"$(rm -rf /b)\"", "rm -rf /b"),
        ("psql <<SQL\nSELECT 1;\nTRUNCATE t;\nSQL", "TRUNCATE t"),
        ("sudo rm -r x", "rm -r x"),
    ])
    func findingRangesPointIntoTheScript(_ script: String, _ expected: String) throws {
        let finding = try #require(ShellEffects.findings(in: script).max { $0.effect < $1.effect })
        let bytes = Array(script.utf8)
        #expect(String(decoding: bytes[finding.range], as: UTF8.self) == expected)
    }

    @Test func writeAndDestructiveFindingsAreSeparated() {
        let script = "pnpm build > out.log\nrm -rf dist"
        #expect(ShellEffects.writeFindings(in: script).map(\.pattern) == ["pnpm", "> file"])
        #expect(ShellEffects.destructiveFindings(in: script).map(\.pattern) == ["rm -r"])
        #expect(ShellEffects.findings(in: script).count == 3)
    }

    /// The seed runbook's Level 1 script: FLUSHDB makes it destructive although the seed calls it non-destructive.
    @Test func seedLevelOneIsDestructive() {
        let script = """
        # 1. Check current health
        curl http://localhost:3000/health/golive
        pm2 logs --lines 100
        # 4. Flush Redis cache (non-destructive)
        redis-cli FLUSHDB
        pm2 restart school-erp-server
        sleep 10
        watch -n 5 'curl -s http://localhost:3000/health/golive | jq .overallHealth'
        """
        #expect(ShellEffects.effect(of: script) == .destructive)
        #expect(ShellEffects.destructiveFindings(in: script).map(\.pattern) == ["redis-cli FLUSHDB"])
        #expect(ShellEffects.writeFindings(in: script).map(\.pattern) == ["pm2 restart"])
    }

    /// Malformed input never traps.
    @Test(arguments: [
        "'", "\"", "$(", "`", "${", "$((", "<<EOF", "cat <<", "bash -c", "psql -c", "redis-cli -a", "sudo", "env -S",
        "\\", "x\\", "((", ")", "(", "|", "&&", ";;", "a |", "> ", "2>&", "$'\\", "find -exec", "docker exec", "kubectl exec",
        "echo $(echo $(echo $(echo $(echo $(echo $(echo $(echo $(echo $(echo $(rm -rf /))))))))))",
        "bash -c 'bash -c \"bash -c \\\"rm -rf /\\\"\"'", "f()", "<(rm -rf x)", "x=`", "\u{0}", "é",
    ])
    func neverCrashes(_ script: String) {
        _ = ShellEffects.findings(in: script)
        #expect(ShellEffects.findings(in: script).allSatisfy { $0.range.upperBound <= script.utf8.count && $0.effect > .read })
    }

    @Test func deepNestingStillFindsOrAssumesWrite() {
        let nested = "echo $(echo $(echo $(echo $(echo $(echo $(echo $(echo $(echo $(echo $(rm -rf /))))))))))"
        #expect(ShellEffects.effect(of: nested) >= .write)
        #expect(ShellEffects.effect(of: "bash -c 'bash -c \"bash -c \\\"rm -rf /\\\"\"'") == .destructive)
    }
}
