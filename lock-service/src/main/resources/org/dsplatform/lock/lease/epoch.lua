-- Installs a new fencing epoch for this Redis process unless one is installed already (then everyone uses
-- that one, so two nodes that fetched an epoch at the same time agree). Refuses an epoch that is not
-- above the previous one: tokens would go backwards.
-- ARGV[5] the new epoch
-- Reply: {1, epoch} installed | {0, epoch} already current | {-1, epoch} refused, with the current epoch
local run = run_id()
local marker = redis.call('HMGET', EPOCH_KEY, 'epoch', 'run')
if marker[1] and marker[2] == run then
  return { 0, marker[1] }
end
if marker[1] and tonumber(marker[1]) >= tonumber(ARGV[5]) then
  return { -1, marker[1] }
end
redis.call('HSET', EPOCH_KEY, 'epoch', ARGV[5], 'run', run)
return { 1, ARGV[5] }
