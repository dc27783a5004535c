-- Shared by every lock script (RedissonLockManager prepends it). All key names are derived here, from the
-- primitive and the lock name, so Java and Lua cannot disagree on them.
--
-- ARGV[1..4] are the same in every call: node id, outbox stream key, outbox max length, key grace (ms).
-- Script-specific arguments start at ARGV[5].
--
-- Per lock (P = mutex | rw | semaphore, N = name):
--   dsl:P:{N}:leases   zset  leaseId -> expiresAt (ms, Redis clock); a lease is live while now < expiresAt
--   dsl:P:{N}:data     hash  leaseId -> JSON {o: owner, m: mode, e: epoch, c: counter}; '#w' live writers;
--                            '#seq' arrival tickets of the fair queue
--   dsl:P:{N}:queue    zset  leaseId of a fair waiter -> arrival ticket (FIFO order)
--   dsl:P:{N}:waiters  zset  leaseId of any waiter -> registration deadline (ms); its size is the waiter count
--   dsl:P:{N}:def      string permits of a semaphore (never expires)
--   dsl:fence:{N}      counter of grants under the current epoch, shared by the three primitives of a name
-- Global:
--   dsl:epoch          hash {epoch, run}: the fencing epoch and the run_id of the Redis process it belongs to
--   dsl:expiries       zset "P\nN" -> earliest lease expiry of that lock, read by the sweep
--   dsl:P:held         zset (all scores 0) of names with leases, for listing by prefix
--   outbox stream      GRANTED / RELEASED / EXPIRED events waiting for the Kafka relay
local NODE, OUTBOX, OUTBOX_MAX, GRACE = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local EPOCH_KEY = 'dsl:epoch'
local EXPIRIES = 'dsl:expiries'
local CHANNEL = 'dsl:released'
local MAX_COUNTER = 4294967295

-- Redis's clock, not the caller's: every lock-service node then measures leases with the same clock.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function lock(p, n)
  local base = 'dsl:' .. p .. ':{' .. n .. '}'
  return {
    p = p, n = n, member = p .. '\n' .. n,
    leases = base .. ':leases', data = base .. ':data', queue = base .. ':queue',
    waiters = base .. ':waiters', def = base .. ':def',
    fence = 'dsl:fence:{' .. n .. '}', held = 'dsl:' .. p .. ':held'
  }
end

local function run_id()
  return string.match(redis.call('INFO', 'server'), 'run_id:(%x+)')
end

-- The epoch installed for this Redis process, or nil. A marker written before Redis last restarted does not
-- count: whatever persistence kept, the counters may have lost their last increments.
local function current_epoch()
  local marker = redis.call('HMGET', EPOCH_KEY, 'epoch', 'run')
  if not marker[1] or marker[2] ~= run_id() then
    return nil
  end
  return marker[1]
end

local function emit(l, kind, v, now)
  redis.call('XADD', OUTBOX, 'MAXLEN', '~', OUTBOX_MAX, '*', 'type', kind, 'primitive', l.p, 'name', l.n,
    'owner', v.o, 'mode', v.m, 'epoch', v.e, 'counter', v.c, 'at', now, 'node', NODE)
end

-- Tells every node that the lock may have room, if anyone waits for it: without a registered waiter nobody
-- listens, and an uncontended release then costs no message to each node. A live waiter stays registered
-- (each attempt renews its registration before the last one ends), so no waiter misses a wake-up this way.
local function wake(l)
  if redis.call('ZCARD', l.waiters) > 0 then
    redis.call('PUBLISH', CHANNEL, l.member)
  end
end

-- Removes one lease and returns its record.
local function drop(l, id, raw)
  redis.call('ZREM', l.leases, id)
  redis.call('HDEL', l.data, id)
  local v = cjson.decode(raw)
  if v.m == 'w' then
    redis.call('HINCRBY', l.data, '#w', -1)
  end
  return v
end

-- Removes the leases whose time is up, records an EXPIRED event for each and wakes the waiters.
local function reap(l, now)
  local gone = redis.call('ZRANGEBYSCORE', l.leases, '-inf', now)
  for _, id in ipairs(gone) do
    local raw = redis.call('HGET', l.data, id)
    if raw then
      emit(l, 'EXPIRED', drop(l, id, raw), now)
    else
      redis.call('ZREM', l.leases, id)
    end
  end
  if #gone > 0 then
    wake(l)
  end
  return #gone
end

-- Forgets waiters that stopped renewing their registration (their node died or their client left).
local function clean_waiters(l, now)
  local gone = redis.call('ZRANGEBYSCORE', l.waiters, '-inf', now)
  for _, id in ipairs(gone) do
    redis.call('ZREM', l.queue, id)
    redis.call('ZREM', l.waiters, id)
  end
end

-- After any change: refresh the indexes and let the lock's keys live until its last lease or waiter ends,
-- plus a grace period in which the sweep can still report the expiry.
local function touch(l, now)
  local first = redis.call('ZRANGE', l.leases, 0, 0, 'WITHSCORES')
  if first[1] then
    redis.call('ZADD', EXPIRIES, first[2], l.member)
    redis.call('ZADD', l.held, 0, l.n)
  else
    redis.call('ZREM', EXPIRIES, l.member)
    redis.call('ZREM', l.held, l.n)
  end
  local last = redis.call('ZRANGE', l.leases, -1, -1, 'WITHSCORES')
  local waiter = redis.call('ZRANGE', l.waiters, -1, -1, 'WITHSCORES')
  if not last[1] and not waiter[1] then
    redis.call('DEL', l.data, l.queue)
    return
  end
  local until_ms = now
  if last[1] then
    until_ms = math.max(until_ms, tonumber(last[2]))
  end
  if waiter[1] then
    until_ms = math.max(until_ms, tonumber(waiter[2]))
  end
  local ttl = until_ms - now + GRACE
  redis.call('PEXPIRE', l.leases, ttl)
  redis.call('PEXPIRE', l.data, ttl)
  redis.call('PEXPIRE', l.queue, ttl)
  redis.call('PEXPIRE', l.waiters, ttl)
end

local function live_bound(now)
  return string.format('(%d', now)
end
