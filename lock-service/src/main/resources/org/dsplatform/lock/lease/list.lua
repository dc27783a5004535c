-- Lists the held locks of one primitive whose names start with a prefix, in name order.
-- ARGV[5] primitive, [6] prefix ('' for all), [7] limit
-- Reply: {truncated (1 or 0), {{name, owner, mode, epoch, counter, expiresAt}, ...}}
local p, prefix, limit = ARGV[5], ARGV[6], tonumber(ARGV[7])
local held = 'dsl:' .. p .. ':held'
local min, max = '-', '+'
if prefix ~= '' then
  -- 0xFF never occurs in UTF-8, so it sorts after every name with this prefix.
  min, max = '[' .. prefix, '[' .. prefix .. '\255'
end
local now = now_ms()
local out = {}
local offset = 0
-- Entries of leases that ended without being reaped yet are skipped; the scan is bounded regardless.
while #out <= limit and offset < (limit + 1) * 10 do
  local names = redis.call('ZRANGEBYLEX', held, min, max, 'LIMIT', offset, 100)
  if #names == 0 then
    break
  end
  for _, n in ipairs(names) do
    local l = lock(p, n)
    local first = redis.call('ZRANGEBYSCORE', l.leases, live_bound(now), '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
    if first[1] and #out <= limit then
      local raw = redis.call('HGET', l.data, first[1])
      if raw then
        local v = cjson.decode(raw)
        out[#out + 1] = { n, v.o, v.m, v.e, v.c, tonumber(first[2]) }
      end
    end
  end
  offset = offset + #names
end
local truncated = 0
if #out > limit then
  truncated = 1
  out[#out] = nil
end
return { truncated, out }
