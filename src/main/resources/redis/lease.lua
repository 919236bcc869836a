-- Takes or keeps a lease. KEYS[1] the lease; ARGV[1] this node's id, ARGV[2] time to live in ms.
-- Returns 1 when this node holds the lease for the next ARGV[2] ms, 0 when another node does.
local owner = redis.call('GET', KEYS[1])
if owner == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if owner then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
