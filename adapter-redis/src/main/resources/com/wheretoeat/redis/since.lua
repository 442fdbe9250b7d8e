#!lua flags=no-writes
-- ARGV: after seq. Returns { 'ok', event JSON, ... } oldest first, or { 'gone' } when the events
-- after that sequence number are no longer all in the log or the area never got that far.
local after = tonumber(ARGV[1])
local latest = tonumber(redis.call('HGET', META, 'seq') or '0')
if after > latest then
  return { 'gone' }
end
local out = { 'ok' }
if after == latest then
  return out
end
local first = redis.call('XRANGE', LOG, '-', '+', 'COUNT', 1)
if #first == 0 or tonumber(string.match(first[1][1], '^(%d+)')) > after + 1 then
  return { 'gone' }
end
for _, entry in ipairs(redis.call('XRANGE', LOG, int(after + 1) .. '-0', '+')) do
  out[#out + 1] = entry[2][2]
end
return out
