#!lua flags=no-writes
-- ARGV: now, after seq. Returns { { name, member, ... }, member count, more (1 or 0), { key, field, ... } }:
-- the live members at now with seq above after, at most a page of them in seq order; reads only.
return members_after(tonumber(ARGV[2]), tonumber(ARGV[1]))
