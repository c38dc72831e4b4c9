-- The school-ERP sandbox's Redis data, loaded into an empty database (the sandbox's is db 1):
--
--   redis-cli -h 127.0.0.1 -p 63799 -a runbook-test-pw --no-auth-warning -n 1 --eval Sandbox/seed.lua
--
-- Cache entries, and two Bull-style queues with job hashes. No tenant:* flag is set: every
-- school starts open. Counts are fixed (Sandbox/README.md lists them). Returns the key count.

local base = 1771405200000 -- 2026-02-18T09:00:00Z in milliseconds, as Bull stores times
local tenants = { 'greenwood_high', 'riverside_academy' }

-- The cache. cache:version is the namespace counter level 1 bumps (INCR) to invalidate the rest.
redis.call('SET', 'cache:version', '1')
redis.call('SET', 'cache:settings', '{"academicYear":"2025-26","pilotMode":true}', 'EX', 86400)
for _, tenant in ipairs(tenants) do
  redis.call('SET', 'cache:timetable:' .. tenant, '{"tenant":"' .. tenant .. '","periods":8,"days":5}', 'EX', 86400)
  redis.call('SET', 'cache:dashboard:' .. tenant, '{"tenant":"' .. tenant .. '","stale":false}', 'EX', 86400)
end

-- A queue: ids 1..waiting wait in the list, then the failed ids, then the completed ids; each
-- job has its hash bull:<queue>:<id>, as Bull keeps them.
local function seed_queue(queue, job_name, waiting, failed, completed)
  local prefix = 'bull:' .. queue .. ':'
  local id = 0
  local function job(extra)
    id = id + 1
    local tenant = tenants[1 + id % 2]
    local key = prefix .. id
    redis.call('HSET', key, 'name', job_name, 'data', '{"tenant":"' .. tenant .. '","recipient":' .. id .. '}',
      'timestamp', tostring(base + id * 1000), 'attemptsMade', '0')
    for field, value in pairs(extra) do redis.call('HSET', key, field, value) end
    return id
  end
  for _ = 1, waiting do
    redis.call('LPUSH', prefix .. 'wait', job({}))
  end
  for _ = 1, failed do
    local jid = job({ attemptsMade = '3', failedReason = 'SMTP connection timed out' })
    redis.call('ZADD', prefix .. 'failed', base + jid * 1000, jid)
    redis.call('HSET', prefix .. jid, 'finishedOn', tostring(base + jid * 1000 + 500))
  end
  for _ = 1, completed do
    local jid = job({ attemptsMade = '1', returnvalue = '{"delivered":true}' })
    redis.call('ZADD', prefix .. 'completed', base + jid * 1000, jid)
    redis.call('HSET', prefix .. jid, 'finishedOn', tostring(base + jid * 1000 + 500))
  end
  redis.call('SET', prefix .. 'id', tostring(id))
end

seed_queue('notifications', 'send-notification', 4, 3, 12)
seed_queue('emails', 'send-email', 2, 2, 8)

return redis.call('DBSIZE')
