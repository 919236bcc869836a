-- Appends a batch of events to the cluster stream atomically, giving each the next seq.
-- KEYS[1] seq counter, KEYS[2] event stream, KEYS[3] the publishing node's last batch number,
-- KEYS[4] the hash of the latest status each adapter published (field: adapter id, value:
-- "<seq> <status JSON>"), which a node that joins later reads: the stream may be trimmed.
-- ARGV[1] approximate stream length to keep, ARGV[2] node id, ARGV[3] batch number,
-- ARGV[4] the highest seq the publishing node has seen (seq never restarts below it),
-- then six values per event: kind, published-at, context JSON, event JSON, entity JSON ("" when
-- none), adapter id ("" unless the event is an adapter status).
-- Returns the last seq appended, or -1 when this batch was already appended (a retry after a
-- lost reply), so no event is ever appended twice.
local done = tonumber(redis.call('GET', KEYS[3]) or '0')
if done >= tonumber(ARGV[3]) then
  return -1
end
redis.call('SET', KEYS[3], ARGV[3], 'EX', 86400)
if redis.call('EXISTS', KEYS[1]) == 0 then
  -- The counter is gone but the stream may not be: continue after its last entry.
  local top = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
  if #top > 0 then
    redis.call('SET', KEYS[1], string.match(top[1][1], '^(%d+)'))
  end
end
-- A Redis that came back without its data must not hand out seqs the nodes already delivered:
-- they would take the new events for ones they have seen.
if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[4]) then
  redis.call('SET', KEYS[1], ARGV[4])
end
local seq = -1
for i = 5, #ARGV, 6 do
  seq = redis.call('INCR', KEYS[1])
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], seq .. '-0', 'node', ARGV[2],
    'kind', ARGV[i], 'at', ARGV[i + 1], 'context', ARGV[i + 2], 'event', ARGV[i + 3],
    'entity', ARGV[i + 4])
  if ARGV[i + 5] ~= '' then
    redis.call('HSET', KEYS[4], ARGV[i + 5], seq .. ' ' .. ARGV[i + 3])
  end
end
return seq
