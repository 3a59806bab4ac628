-- Which areas' figures changed (issue 18: caches stay warm). Writing returns adds one to the version of
-- the area key of every unit whose analytics rows it refreshed, in the same transaction; a full refresh
-- adds one to '*'. The app's cached reads carry the versions of the keys a view reads (etl/storage/data_versions.py),
-- so an upload in one province leaves the cached views of the others as they were.
CREATE TABLE data_versions (
    area_key VARCHAR PRIMARY KEY,   -- a unit's province (its deepest ancestor-or-self at that level), or '*'
    version  BIGINT NOT NULL
);
