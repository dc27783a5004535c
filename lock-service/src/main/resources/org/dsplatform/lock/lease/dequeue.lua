-- A waiter gives up: it leaves the queue, and the others are woken in case it stood at the head.
-- ARGV[5] primitive, [6] name, [7] leaseId (the waiter id)
local l = lock(ARGV[5], ARGV[6])
local id = ARGV[7]
local removed = redis.call('ZREM', l.waiters, id) + redis.call('ZREM', l.queue, id)
if removed > 0 then
  wake(l)
  touch(l, now_ms())
end
return { removed }
