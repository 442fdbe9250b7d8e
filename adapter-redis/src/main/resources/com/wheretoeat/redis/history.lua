#!lua flags=no-writes
-- No ARGV. Returns the area's decisions as stored, newest first (at most HISTORY_SIZE); an area without
-- meta (never used, or forgotten) has none. Reads only: the adapter skips and reports what it cannot read.
if not redis.call('HGET', META, 'exp') then
  return {}
end
return redis.call('LRANGE', HISTORY, 0, HISTORY_SIZE - 1)
