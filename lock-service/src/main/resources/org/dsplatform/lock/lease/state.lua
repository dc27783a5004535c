-- Reads a lock without changing it. Leases past their time count as gone even before they are reaped.
-- ARGV[5] primitive, [6] name, [7] how many holders to list at most
-- Reply: {live holders, live waiters, permits (-1: not a semaphore or not defined),
--         {{owner, mode, epoch, counter, expiresAt}, ...} in order of expiry}
local l = lock(ARGV[5], ARGV[6])
local now = now_ms()
local live = redis.call('ZRANGEBYSCORE', l.leases, live_bound(now), '+inf', 'WITHSCORES', 'LIMIT', 0,
  tonumber(ARGV[7]))
local holders = {}
for i = 1, #live, 2 do
  local raw = redis.call('HGET', l.data, live[i])
  if raw then
    local v = cjson.decode(raw)
    holders[#holders + 1] = { v.o, v.m, v.e, v.c, tonumber(live[i + 1]) }
  end
end
local permits = -1
if l.p == 'semaphore' then
  permits = tonumber(redis.call('GET', l.def) or '-1')
end
return { redis.call('ZCOUNT', l.leases, live_bound(now), '+inf'),
  redis.call('ZCOUNT', l.waiters, live_bound(now), '+inf'), permits, holders }
