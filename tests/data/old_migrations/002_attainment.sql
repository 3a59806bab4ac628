-- How reported figures become a locality's figure for a year up to a quarter.
-- Everything the attainment engine reads goes through these macros (etl/engine/figures.py calls them).

-- Units in root's subtree (root included) that existed at some time from 1 January to the quarter's end.
CREATE MACRO units_under(root, yr, q) AS TABLE
SELECT l.*, c.depth
FROM localities l
JOIN locality_closure c ON c.locality_id = l.locality_id AND c.ancestor_id = root
WHERE coalesce(l.valid_from, DATE '1900-01-01') <= last_day(make_date(yr, 3 * q, 1))
  AND coalesce(l.valid_to, DATE '9999-12-31') >= make_date(yr, 1, 1);

-- Each unit's own year-to-date figure per indicator, from its current return versions.
-- sum: flows add up over the quarters; last: the latest quarter reported is the year's figure.
CREATE MACRO unit_ytd(root, yr, q) AS TABLE
SELECT f.locality_id, f.indicator_code,
       CASE WHEN any_value(i.numerator_agg) = 'sum' THEN sum(f.numerator)
            ELSE arg_max(f.numerator, f.quarter) END AS numerator,
       CASE WHEN any_value(i.denominator_agg) = 'sum' THEN sum(f.denominator)
            WHEN any_value(i.denominator_agg) = 'last' THEN arg_max(f.denominator, f.quarter) END AS denominator,
       arg_max(f.note, f.quarter) AS note,
       max(f.quarter) AS latest_quarter
FROM current_figures f
JOIN locality_closure c ON c.locality_id = f.locality_id AND c.ancestor_id = root
JOIN indicators i ON i.code = f.indicator_code
WHERE f.year = yr AND f.quarter <= q
GROUP BY f.locality_id, f.indicator_code;

-- root's figure per indicator: its own return where it has one, else the sum over the topmost
-- reporting units below it (a unit's own figure stands for everything under it).
-- Numerators and denominators are summed; a percentage is never averaged.
CREATE MACRO rolled_up(root, yr, q) AS TABLE
WITH own AS (SELECT * FROM unit_ytd(root, yr, q)),
topmost AS (
    SELECT u.* FROM own u
    WHERE NOT EXISTS (
        SELECT 1 FROM own a
        JOIN locality_closure c
          ON c.ancestor_id = a.locality_id AND c.locality_id = u.locality_id AND c.depth > 0
        WHERE a.indicator_code = u.indicator_code)),
children AS (SELECT locality_id FROM units_under(root, yr, q) WHERE depth = 1),
child_of AS (  -- each unit below root -> the child of root it lies under (exactly one)
    SELECT cc.locality_id, cc.ancestor_id AS child_id
    FROM locality_closure cc JOIN children ch ON ch.locality_id = cc.ancestor_id)
SELECT t.indicator_code,
       sum(t.numerator)::BIGINT AS numerator,
       sum(t.denominator)::BIGINT AS denominator,
       bool_or(t.locality_id = root) AS own_return,
       count(DISTINCT co.child_id) AS children_reported,
       (SELECT count(*) FROM children) AS children_total,
       CASE WHEN count(*) = 1 THEN any_value(t.note) END AS note
FROM topmost t
LEFT JOIN child_of co ON co.locality_id = t.locality_id
GROUP BY t.indicator_code;

-- Sum of the own returns of every unit at the given levels under root (targets split by level,
-- e.g. "70% cấp tỉnh và 50% cấp huyện, cấp xã").
CREATE MACRO level_sum(root, yr, q, lvls) AS TABLE
WITH scope AS (SELECT locality_id FROM units_under(root, yr, q) WHERE list_contains(lvls, level))
SELECT u.indicator_code,
       sum(u.numerator)::BIGINT AS numerator,
       sum(u.denominator)::BIGINT AS denominator,
       FALSE AS own_return,
       count(*) AS children_reported,
       (SELECT count(*) FROM scope) AS children_total,
       CASE WHEN count(*) = 1 THEN any_value(u.note) END AS note
FROM unit_ytd(root, yr, q) u
WHERE u.locality_id IN (SELECT locality_id FROM scope)
GROUP BY u.indicator_code;
