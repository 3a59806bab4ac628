-- Which indicators count persons (small numbers hidden outside their locality, etl/engine/privacy.py) is a
-- flag of the indicator (data/indicators.yaml `person_count: true`, loaded by etl/model/catalog.py), no longer
-- a list in the code. Existing databases get the three person counts the code listed until now.
ALTER TABLE indicators ADD COLUMN person_count BOOLEAN NOT NULL DEFAULT false;
UPDATE indicators SET person_count = true
WHERE code IN ('sex_workers_supported', 'handled_persons_supported', 'violators_handled');
