-- Figures across the 1 July 2025 reform, in the analytics table (issue 14; the rules are in the README's
-- model section). Replaces compute_area_figures of 005:
--  * a unit's own return counts quarter by quarter (rule 6): for `sum` indicators each quarter's flow
--    is the unit's own return for that quarter, else its children's; for `last` indicators a unit's own
--    figure stands unless a unit below reported a later quarter;
--  * through the era bridge (rules 1-3), a post-2025 unit's figures before Q3 2025 are its
--    predecessors', and a pre-2025 area's figures from Q3 2025 are those of the new units that succeed
--    its units; 2025's year-to-date joins both halves (`sum` adds, `last` takes the later side).

ALTER TABLE area_figures ADD COLUMN across VARCHAR;   -- 'predecessors' | 'successors': includes the other era

-- The era bridge: which units of the other era make a locality's figure.
-- predecessors: a post-2025 unit <- the pre-2025 units at its level whose successor it is;
-- successors:   a pre-2025 area  <- each new commune, counted under the old area (at every level) holding
--               most of its predecessors (ties: the area holding the predecessor with the new code, then
--               the lowest code); split = its predecessors lie in more than one old area at that level.
-- Computed from the localities (this view); kept as a table (era_bridge) whenever they are loaded
-- (etl/storage/analytics.py), as reading the view costs ~0,1 s.
CREATE VIEW era_bridge_of_localities AS
WITH pred AS (
    SELECT n.locality_id AS new_id, p.locality_id AS old_id, n.level, n.code = p.code AS same_code
    FROM localities n JOIN localities p ON p.successor_id = n.locality_id AND p.level = n.level),
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
SELECT old_id, new_id, 'successors', split FROM ranked;

CREATE TABLE era_bridge AS SELECT * FROM era_bridge_of_localities;

-- `sum` indicators, quarter by quarter: a unit's flow in a quarter is its own return for that quarter,
-- else the sum over the topmost units below that reported that quarter; the year to date adds them up.
CREATE MACRO flow_ytd(yrs) AS TABLE
WITH own AS MATERIALIZED (
    SELECT f.locality_id, f.year, f.quarter, f.indicator_code, f.numerator, f.denominator, f.note
    FROM current_figures f JOIN indicators i ON i.code = f.indicator_code
    WHERE list_contains(yrs, f.year) AND i.numerator_agg = 'sum'),
nearest AS (
    SELECT o.locality_id, o.year, o.quarter, o.indicator_code, min(c.depth) AS reporter_above
    FROM own o
    JOIN locality_closure c ON c.locality_id = o.locality_id AND c.depth > 0
    JOIN own a ON a.locality_id = c.ancestor_id AND a.year = o.year AND a.quarter = o.quarter
              AND a.indicator_code = o.indicator_code
    GROUP BY ALL),
flows AS (
    SELECT c.ancestor_id AS locality_id, o.year, o.quarter, o.indicator_code,
           sum(o.numerator) AS numerator, sum(o.denominator) AS denominator,
           bool_or(c.depth = 0) AS own_return, CASE WHEN count(*) = 1 THEN any_value(o.note) END AS note
    FROM own o
    LEFT JOIN nearest n USING (locality_id, year, quarter, indicator_code)
    JOIN locality_closure c ON c.locality_id = o.locality_id AND c.depth < coalesce(n.reporter_above, 2147483647)
    GROUP BY ALL)
SELECT f.locality_id, f.year, q.quarter::INTEGER AS quarter, f.indicator_code,
       sum(f.numerator)::BIGINT AS numerator, sum(f.denominator)::BIGINT AS denominator,
       bool_and(f.own_return) AS own_return, arg_max(f.note, f.quarter) AS note
FROM flows f JOIN range(1, 5) q(quarter) ON f.quarter <= q.quarter
GROUP BY f.locality_id, f.year, q.quarter, f.indicator_code;

-- `last` indicators: each unit's year-to-date figure is its latest quarter's; a unit's own figure makes
-- its area's unless a unit below it reported a later quarter (then the units below are summed).
CREATE MACRO stock_ytd(yrs) AS TABLE
WITH own AS MATERIALIZED (
    SELECT f.locality_id, f.year, q.quarter::INTEGER AS quarter, f.indicator_code,
           arg_max(f.numerator, f.quarter) AS numerator, arg_max(f.denominator, f.quarter) AS denominator,
           arg_max(f.note, f.quarter) AS note, max(f.quarter) AS latest
    FROM current_figures f
    JOIN range(1, 5) q(quarter) ON f.quarter <= q.quarter
    JOIN indicators i ON i.code = f.indicator_code
    WHERE list_contains(yrs, f.year) AND i.numerator_agg = 'last'
    GROUP BY f.locality_id, f.year, q.quarter, f.indicator_code),
later_below AS (  -- the latest quarter any unit below reported
    SELECT c.ancestor_id AS locality_id, o.year, o.quarter, o.indicator_code, max(o.latest) AS latest_below
    FROM own o JOIN locality_closure c ON c.locality_id = o.locality_id AND c.depth > 0
    GROUP BY ALL),
standing AS (     -- own figures that stand for their unit's area
    SELECT o.* FROM own o LEFT JOIN later_below b USING (locality_id, year, quarter, indicator_code)
    WHERE o.latest >= coalesce(b.latest_below, 0)),
nearest AS (
    SELECT o.locality_id, o.year, o.quarter, o.indicator_code, min(c.depth) AS reporter_above
    FROM standing o
    JOIN locality_closure c ON c.locality_id = o.locality_id AND c.depth > 0
    JOIN standing a ON a.locality_id = c.ancestor_id AND a.year = o.year AND a.quarter = o.quarter
              AND a.indicator_code = o.indicator_code
    GROUP BY ALL)
SELECT c.ancestor_id AS locality_id, o.year, o.quarter, o.indicator_code,
       sum(o.numerator)::BIGINT AS numerator, sum(o.denominator)::BIGINT AS denominator,
       bool_or(c.depth = 0) AS own_return, CASE WHEN count(*) = 1 THEN any_value(o.note) END AS note
FROM standing o
LEFT JOIN nearest n USING (locality_id, year, quarter, indicator_code)
JOIN locality_closure c ON c.locality_id = o.locality_id AND c.depth < coalesce(n.reporter_above, 2147483647)
GROUP BY ALL;

-- Every locality's figure, through the era bridge: `sum` indicators add both eras' parts (each era has
-- figures for its own half of 2025 only); `last` indicators take the later era's figure where it has one,
-- except an old province's or district's own return, which no new unit continues (new units are communes).
CREATE OR REPLACE MACRO compute_area_figures(yrs) AS TABLE
WITH base AS MATERIALIZED (SELECT * FROM flow_ytd(yrs) UNION ALL SELECT * FROM stock_ytd(yrs)),
other_era AS (
    SELECT b.locality_id, x.year, x.quarter, x.indicator_code, any_value(b.direction) AS direction,
           sum(x.numerator)::BIGINT AS numerator, sum(x.denominator)::BIGINT AS denominator,
           CASE WHEN count(*) = 1 THEN any_value(x.note) END AS note
    FROM base x JOIN era_bridge b ON b.member_id = x.locality_id
    GROUP BY ALL),
area AS (
    SELECT coalesce(s.locality_id, o.locality_id) AS locality_id, coalesce(s.year, o.year) AS year,
           coalesce(s.quarter, o.quarter) AS quarter, coalesce(s.indicator_code, o.indicator_code) AS indicator_code,
           CASE WHEN o.locality_id IS NULL THEN s.numerator WHEN s.locality_id IS NULL THEN o.numerator
                WHEN i.numerator_agg = 'sum' THEN s.numerator + o.numerator
                WHEN o.direction = 'successors' AND NOT s.kept_own THEN o.numerator ELSE s.numerator END AS numerator,
           CASE WHEN o.locality_id IS NULL THEN s.denominator WHEN s.locality_id IS NULL THEN o.denominator
                WHEN i.numerator_agg = 'sum' THEN s.denominator + o.denominator
                WHEN o.direction = 'successors' AND NOT s.kept_own THEN o.denominator ELSE s.denominator END AS denominator,
           -- the unit's own return counts (and its note shows) wherever its own figure is part of the result:
           -- always for `sum`; for `last` unless the other era's figure replaced it
           coalesce(s.own_return AND (o.locality_id IS NULL OR i.numerator_agg = 'sum'
                                      OR NOT (o.direction = 'successors' AND NOT s.kept_own)), FALSE) AS own_return,
           CASE WHEN o.locality_id IS NULL OR (i.numerator_agg = 'last' AND NOT (o.direction = 'successors'
                                                                                AND NOT s.kept_own)) THEN s.note
                WHEN s.locality_id IS NULL THEN o.note
                WHEN i.numerator_agg = 'sum' THEN coalesce(s.note, o.note) END AS note,
           CASE WHEN i.numerator_agg = 'sum' OR s.locality_id IS NULL
                  OR (o.direction = 'successors' AND NOT s.kept_own) THEN o.direction END AS across
    FROM (SELECT x.*, x.own_return AND l.level IN ('province', 'district') AS kept_own
          FROM base x JOIN localities l USING (locality_id)) s
    FULL JOIN other_era o ON o.locality_id = s.locality_id AND o.year = s.year AND o.quarter = s.quarter
                         AND o.indicator_code = s.indicator_code
    JOIN indicators i ON i.code = coalesce(s.indicator_code, o.indicator_code)),
periods AS (SELECT DISTINCT year, quarter FROM area),
children AS (  -- children existing at some time from 1 January to the quarter's end
    SELECT l.parent_id, l.locality_id, p.year, p.quarter
    FROM localities l, periods p
    WHERE l.parent_id IS NOT NULL
      AND coalesce(l.valid_from, DATE '1900-01-01') <= last_day(make_date(p.year, 3 * p.quarter, 1))
      AND coalesce(l.valid_to, DATE '9999-12-31') >= make_date(p.year, 1, 1)),
totals AS (SELECT parent_id AS locality_id, year, quarter, count(*) AS children_total FROM children GROUP BY ALL),
reported AS (
    SELECT ch.parent_id AS locality_id, a.year, a.quarter, a.indicator_code, count(*) AS children_reported
    FROM area a JOIN children ch ON ch.locality_id = a.locality_id AND ch.year = a.year AND ch.quarter = a.quarter
    GROUP BY ALL)
SELECT a.locality_id, a.year, a.quarter, a.indicator_code, a.numerator, a.denominator, a.own_return,
       coalesce(r.children_reported, 0)::INTEGER AS children_reported,
       coalesce(t.children_total, 0)::INTEGER AS children_total, a.note, a.across
FROM area a
LEFT JOIN reported r USING (locality_id, year, quarter, indicator_code)
LEFT JOIN totals t USING (locality_id, year, quarter)
ORDER BY a.year, a.quarter, a.locality_id, a.indicator_code;

DELETE FROM area_figures;
INSERT INTO area_figures SELECT * FROM compute_area_figures((SELECT list(DISTINCT year) FROM returns));
