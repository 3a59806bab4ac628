-- Island districts with no communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) became special
-- zones (đặc khu, commune level) on 1 July 2025; the official converter gives them no successor, so the
-- returns of the đặc khu were counted in no pre-2025 area (found by the attack on the reform, issue 14).
-- Their successor is the đặc khu of the same name; the era bridge (../macros.sql) takes a district that had
-- no communes as the predecessor of the commune-level unit it became (at district level and above, as for
-- communes). And (found by the same attack): an old commune merged with others into one new unit no longer
-- carries that whole unit from Q3 2025 (rule 3 at commune level picked the one holding the code); it is
-- judged as at Q2 2025 and points to the new unit (etl/model/reform.py merged_into_many). Districts and
-- provinces still count the new unit where most of its predecessors were. The era bridge and the analytics
-- table are rebuilt by etl.storage.db.connect() after a migration.

UPDATE localities SET successor_id = z.zone
FROM (VALUES ('318@pre2025', '11948@2025'), ('471@pre2025', '19742@2025'), ('498@pre2025', '20333@2025'),
             ('536@pre2025', '21548@2025'), ('755@pre2025', '26732@2025')) AS z(district, zone)
WHERE localities.locality_id = z.district AND localities.successor_id IS NULL
  AND EXISTS (SELECT 1 FROM localities n WHERE n.locality_id = z.zone);
