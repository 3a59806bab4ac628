-- Island districts with no communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) became special
-- zones (đặc khu, commune level) on 1 July 2025; the official converter gives them no successor, so the
-- returns of the đặc khu were counted in no pre-2025 area (found by the attack on the reform, issue 14).
-- Their successor is the đặc khu of the same name; the era bridge takes a district that had no communes
-- as the predecessor of the commune-level unit it became (at district level and above, as for communes).
-- And (found by the same attack): an old commune merged with others into one new unit no longer carries
-- that whole unit from Q3 2025 (rule 3 at commune level picked the one holding the code); it is judged as
-- at Q2 2025 and points to the new unit (etl/model/reform.py merged_into_many). Districts and provinces still
-- count the new unit where most of its predecessors were.

UPDATE localities SET successor_id = z.zone
FROM (VALUES ('318@pre2025', '11948@2025'), ('471@pre2025', '19742@2025'), ('498@pre2025', '20333@2025'),
             ('536@pre2025', '21548@2025'), ('755@pre2025', '26732@2025')) AS z(district, zone)
WHERE localities.locality_id = z.district AND localities.successor_id IS NULL
  AND EXISTS (SELECT 1 FROM localities n WHERE n.locality_id = z.zone);

CREATE OR REPLACE VIEW era_bridge_of_localities AS
WITH pred AS (
    SELECT n.locality_id AS new_id, p.locality_id AS old_id, n.level, n.code = p.code AS same_code
    FROM localities n JOIN localities p ON p.successor_id = n.locality_id
    WHERE p.level = n.level
       OR (p.level = 'district' AND n.level = 'commune'
           AND NOT EXISTS (SELECT 1 FROM localities c WHERE c.parent_id = p.locality_id))),
homes AS (
    SELECT pr.new_id, c.ancestor_id AS old_id, a.level, a.code, count(*) AS members,
           bool_or(pr.same_code) AS holds_code
    FROM pred pr
    JOIN locality_closure c ON c.locality_id = pr.old_id
    JOIN localities a ON a.locality_id = c.ancestor_id
    WHERE pr.level = 'commune'
    GROUP BY ALL),
ranked AS (
    SELECT *, count(*) OVER (PARTITION BY new_id, level) > 1 AS split
    FROM homes
    QUALIFY row_number() OVER (PARTITION BY new_id, level ORDER BY members DESC, holds_code DESC, code) = 1)
SELECT new_id AS locality_id, old_id AS member_id, 'predecessors' AS direction, FALSE AS split FROM pred
UNION ALL
SELECT old_id, new_id, 'successors', split FROM ranked
WHERE level <> 'commune' OR NOT split;  -- an old commune does not stand for a ward it was merged into with others

DELETE FROM era_bridge;
INSERT INTO era_bridge SELECT * FROM era_bridge_of_localities;
DELETE FROM area_figures;
INSERT INTO area_figures SELECT * FROM compute_area_figures((SELECT coalesce(list(DISTINCT year), []) FROM returns));
