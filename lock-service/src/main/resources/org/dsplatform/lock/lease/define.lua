-- Defines a semaphore with a number of permits; defining it again with the same number is a no-op.
-- ARGV[5] name, [6] permits
-- Reply: {1, permits} created | {0, permits} existed with that number | {-1, permits} exists with another
local l = lock('semaphore', ARGV[5])
local current = redis.call('GET', l.def)
if not current then
  redis.call('SET', l.def, ARGV[6])
  return { 1, tonumber(ARGV[6]) }
end
if tonumber(current) == tonumber(ARGV[6]) then
  return { 0, tonumber(current) }
end
return { -1, tonumber(current) }
