-- Gives a lease up, but only if this node still holds it (never another node's).
-- KEYS[1] the lease; ARGV[1] this node's id. Returns 1 when released.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
