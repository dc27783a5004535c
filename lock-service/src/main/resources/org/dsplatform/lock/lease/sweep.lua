-- Reaps the locks whose earliest lease has ended, so their expiry is reported (and waiters woken) even
-- when nobody touches the lock. Several nodes may sweep at once: each lease is reaped exactly once.
-- ARGV[5] how many locks to visit at most
-- Reply: {expired mutex leases, expired rw leases, expired semaphore permits}
local now = now_ms()
local due = redis.call('ZRANGEBYSCORE', EXPIRIES, '-inf', now, 'LIMIT', 0, tonumber(ARGV[5]))
local counts = { mutex = 0, rw = 0, semaphore = 0 }
for _, member in ipairs(due) do
  local p, n = string.match(member, '^([^\n]+)\n(.*)$')
  if p and counts[p] then
    local l = lock(p, n)
    counts[p] = counts[p] + reap(l, now)
    clean_waiters(l, now)
    touch(l, now)
  else
    redis.call('ZREM', EXPIRIES, member)
  end
end
return { counts.mutex, counts.rw, counts.semaphore }
