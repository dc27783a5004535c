-- Grants a lease if the lock has room and no earlier fair waiter is owed it; otherwise registers the caller
-- as a waiter and says how long the first blocking lease has left.
-- ARGV[5] primitive, [6] name, [7] leaseId (also the waiter id), [8] owner, [9] mode (x, r, w, p),
-- [10] lease ms, [11] fair (1 or 0), [12] how long to keep the waiter registered (ms, 0: do not register)
-- Replies: {'OK', epoch, counter, expiresAt, reaped} | {'WAIT', ttl, holder owner, holder expiresAt,
-- waiters, reaped} | {'EPOCH', reaped} (no epoch for this Redis run) | {'NOSEM', reaped} (no such semaphore)
local l = lock(ARGV[5], ARGV[6])
local id, owner, mode = ARGV[7], ARGV[8], ARGV[9]
local lease_ms, fair, register_ms = tonumber(ARGV[10]), ARGV[11] == '1', tonumber(ARGV[12])
local now = now_ms()
local reaped = reap(l, now)
clean_waiters(l, now)

-- The same request again (its answer was lost, or a waiter retried after it was granted): same lease.
local held = redis.call('ZSCORE', l.leases, id)
if held then
  local v = cjson.decode(redis.call('HGET', l.data, id))
  return { 'OK', v.e, v.c, tonumber(held), reaped }
end

local holders = redis.call('ZCARD', l.leases)
local free
if l.p == 'semaphore' then
  local permits = redis.call('GET', l.def)
  if not permits then
    if reaped > 0 then
      touch(l, now)
    end
    return { 'NOSEM', reaped }
  end
  free = tonumber(permits) - holders
elseif mode == 'r' then
  if (tonumber(redis.call('HGET', l.data, '#w')) or 0) > 0 then
    free = 0
  else
    free = 2147483647
  end
elseif holders == 0 then
  free = 1
else
  free = 0
end

-- Fair waiters are served in arrival order; anyone else only when no fair waiter is queued.
local grant = free > 0
if grant and redis.call('ZCARD', l.queue) > 0 then
  if fair then
    local rank = redis.call('ZRANK', l.queue, id)
    grant = rank ~= false and rank < free
  else
    grant = false
  end
end

if grant then
  local epoch = current_epoch()
  if not epoch then
    if reaped > 0 then
      touch(l, now)
    end
    return { 'EPOCH', reaped }
  end
  local counter = redis.call('INCR', l.fence)
  if counter > MAX_COUNTER then
    -- The counter field is full: start again under a new epoch, which keeps tokens growing.
    redis.call('SET', l.fence, 0)
    redis.call('DEL', EPOCH_KEY)
    return { 'EPOCH', reaped }
  end
  local expires = now + lease_ms
  local v = { o = owner, m = mode, e = epoch, c = counter }
  redis.call('ZADD', l.leases, expires, id)
  redis.call('HSET', l.data, id, cjson.encode(v))
  if mode == 'w' then
    redis.call('HINCRBY', l.data, '#w', 1)
  end
  redis.call('ZREM', l.queue, id)
  redis.call('ZREM', l.waiters, id)
  emit(l, 'GRANTED', v, now)
  touch(l, now)
  return { 'OK', epoch, counter, expires, reaped }
end

if register_ms > 0 then
  redis.call('ZADD', l.waiters, now + register_ms, id)
  if fair and not redis.call('ZSCORE', l.queue, id) then
    redis.call('ZADD', l.queue, redis.call('HINCRBY', l.data, '#seq', 1), id)
  end
end
if reaped > 0 or register_ms > 0 then
  touch(l, now)
end
local ttl, holder, holder_expires = -1, '', -1
local first = redis.call('ZRANGE', l.leases, 0, 0, 'WITHSCORES')
if first[1] then
  local raw = redis.call('HGET', l.data, first[1])
  if raw then
    holder = cjson.decode(raw).o
  end
  holder_expires = tonumber(first[2])
  ttl = holder_expires - now
end
return { 'WAIT', ttl, holder, holder_expires, redis.call('ZCARD', l.waiters), reaped }
