-- Ends a live lease and wakes the waiters. Only the lease's own id works.
-- ARGV[5] primitive, [6] name, [7] leaseId
-- Replies: {'OK', owner, mode, epoch, counter, reaped} | {'NOTHELD', reaped}
local l = lock(ARGV[5], ARGV[6])
local id = ARGV[7]
local now = now_ms()
local reaped = reap(l, now)
local raw = redis.call('HGET', l.data, id)
if not raw or not redis.call('ZSCORE', l.leases, id) then
  if reaped > 0 then
    touch(l, now)
  end
  return { 'NOTHELD', reaped }
end
local v = drop(l, id, raw)
emit(l, 'RELEASED', v, now)
wake(l)
touch(l, now)
return { 'OK', v.o, v.m, v.e, v.c, reaped }
