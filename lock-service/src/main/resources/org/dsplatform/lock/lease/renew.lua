-- Extends a live lease to lease ms from now. Only the lease's own id works; an expired lease is gone.
-- ARGV[5] primitive, [6] name, [7] leaseId, [8] lease ms
-- Replies: {'OK', owner, mode, epoch, counter, expiresAt, reaped} | {'NOTHELD', reaped}
local l = lock(ARGV[5], ARGV[6])
local id, lease_ms = ARGV[7], tonumber(ARGV[8])
local now = now_ms()
local reaped = reap(l, now)
local raw = redis.call('HGET', l.data, id)
if not raw or not redis.call('ZSCORE', l.leases, id) then
  if reaped > 0 then
    touch(l, now)
  end
  return { 'NOTHELD', reaped }
end
local expires = now + lease_ms
redis.call('ZADD', l.leases, expires, id)
touch(l, now)
local v = cjson.decode(raw)
return { 'OK', v.o, v.m, v.e, v.c, expires, reaped }
