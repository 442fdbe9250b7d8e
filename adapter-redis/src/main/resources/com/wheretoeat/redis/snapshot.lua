#!lua flags=no-writes
-- ARGV: now. Returns { seq, { name, member, ... }, { name, vote, ... } }; reads only, so an
-- unknown area stays without keys.
return snapshot(tonumber(ARGV[1]))
