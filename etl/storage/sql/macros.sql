-- Every view and macro the code uses, at its current definition. Run by etl.storage.db.connect() after the
-- migrations (which create only tables) whenever this file differs from the one last run on the database
-- (its SHA-256 is kept in meta 'macros_sha256'); the analytics tables are then rebuilt from the returns.
-- Edit in place: a changed definition reaches every database the next time it is opened.

-- No longer used: gone from old databases too.
DROP MACRO TABLE IF EXISTS rolled_up;
DROP MACRO TABLE IF EXISTS level_sum;
DROP MACRO TABLE IF EXISTS unit_ytd;
DROP MACRO TABLE IF EXISTS own_ytd;
DROP MACRO TABLE IF EXISTS level_figures;
DROP MACRO TABLE IF EXISTS flow_ytd;
DROP MACRO TABLE IF EXISTS stock_ytd;
DROP MACRO TABLE IF EXISTS member_sum_figures;

-- A unit (its valid_from and valid_to, NULL: open) existed at some time from first_day to last_day.
CREATE OR REPLACE MACRO valid_during(valid_from, valid_to, first_day, last_day) AS
    coalesce(valid_from, DATE '1900-01-01') <= last_day AND coalesce(valid_to, DATE '9999-12-31') >= first_day;

-- The version in force of each return (locality, year, quarter): the highest.
CREATE OR REPLACE VIEW current_returns AS
SELECT r.*
FROM returns r
QUALIFY r.version = max(r.version) OVER (PARTITION BY r.locality_id, r.year, r.quarter);

-- The figures of the versions in force.
CREATE OR REPLACE VIEW current_figures AS
SELECT r.locality_id, r.year, r.quarter, r.version, f.indicator_code, f.numerator, f.denominator, f.note
FROM current_returns r
JOIN figures f USING (return_id);

-- The era bridge (rules 1-3 of the README's model): which units of the other era make a locality's figure.
-- predecessors: a post-2025 unit <- the pre-2025 units at its level whose successor it is (and an island
--               district without communes <- for the commune-level đặc khu it became);
-- successors:   a pre-2025 area  <- each new commune, counted under the old area (at every level) holding
--               most of its predecessors (ties: the area holding the predecessor with the new code, then
--               the lowest code); split = its predecessors lie in more than one old area at that level.
-- An old commune merged with others into one new commune does not stand for it (no successors row at
-- commune level): its predecessors row says merged_with_others (etl/model/reform.py merged_into_many).
-- Kept as a table (era_bridge) whenever the localities are loaded (etl/storage/analytics.py), as reading
-- the view costs ~0,1 s.
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
counted AS (SELECT *, count(*) OVER (PARTITION BY new_id, level) > 1 AS split FROM homes),
ranked AS (
    SELECT * FROM counted
    QUALIFY row_number() OVER (PARTITION BY new_id, level ORDER BY members DESC, holds_code DESC, code) = 1)
SELECT pr.new_id AS locality_id, pr.old_id AS member_id, 'predecessors' AS direction, FALSE AS split,
       coalesce(m.split, FALSE) AS merged_with_others
FROM pred pr LEFT JOIN counted m ON m.new_id = pr.new_id AND m.old_id = pr.old_id AND m.level = 'commune'
UNION ALL
SELECT old_id, new_id, 'successors', split, FALSE FROM ranked
WHERE level <> 'commune' OR NOT split;  -- an old commune does not stand for a ward it was merged into with others

-- Units in root's subtree (root included) that existed at some time from 1 January to the quarter's end.
CREATE OR REPLACE MACRO units_under(root, yr, q) AS TABLE
SELECT l.*, c.depth
FROM localities l
JOIN locality_closure c ON c.locality_id = l.locality_id AND c.ancestor_id = root
WHERE valid_during(l.valid_from, l.valid_to, make_date(yr, 1, 1), last_day(make_date(yr, 3 * q, 1)));

-- The units an account may see: its locality and everything under it, and the units before the
-- 2025 reform whose successor lies there (so xã Vĩnh Lộc's officers see thị trấn Vĩnh Lộc's history).
CREATE OR REPLACE MACRO in_scope(root) AS TABLE
SELECT DISTINCT c.locality_id
FROM locality_closure c
WHERE c.ancestor_id = root
   OR c.ancestor_id IN (SELECT l.locality_id FROM localities l
                        JOIN locality_closure s ON s.locality_id = l.successor_id AND s.ancestor_id = root);

-- The figures in force of the units `ids` (all their years): current_figures, read for those units only.
CREATE OR REPLACE MACRO current_figures_of(ids) AS TABLE
WITH r AS (SELECT * FROM returns WHERE locality_id IN (SELECT unnest(ids))
           QUALIFY version = max(version) OVER (PARTITION BY locality_id, year, quarter))
SELECT r.locality_id, r.year, r.quarter, r.version, f.indicator_code, f.numerator, f.denominator, f.note
FROM r JOIN figures f USING (return_id);

-- Units without child units and with no figure of the other era in `yr`: flow_ytd_in and stock_ytd_in
-- reduced to one reporter (its own figure every quarter it reported), as area_figures_in writes them.
CREATE OR REPLACE MACRO own_area_figures_of(ids, yr) AS TABLE
WITH own AS (
    SELECT f.locality_id, f.quarter, f.indicator_code, f.numerator, f.denominator, f.note, i.numerator_agg AS agg
    FROM current_figures_of(ids) f JOIN indicators i ON i.code = f.indicator_code
    WHERE f.year = yr)
SELECT o.locality_id, yr::INTEGER AS year, q.quarter::INTEGER AS quarter, o.indicator_code,
       (CASE WHEN any_value(o.agg) = 'sum' THEN sum(o.numerator)
             ELSE arg_max(o.numerator, o.quarter) END)::BIGINT AS numerator,
       (CASE WHEN any_value(o.agg) = 'sum' THEN sum(o.denominator)
             ELSE arg_max(o.denominator, o.quarter) END)::BIGINT AS denominator,
       TRUE AS own_return, 0 AS children_reported, 0 AS children_total,
       arg_max(o.note, o.quarter) AS note, NULL::VARCHAR AS across
FROM own o JOIN range(1, 5) q(quarter) ON o.quarter <= q.quarter
GROUP BY o.locality_id, q.quarter, o.indicator_code;

-- `sum` indicators, quarter by quarter: a unit's flow in a quarter is its own return for that quarter,
-- else the sum over the topmost units below that reported that quarter; the year to date adds them up.
-- `ids`: the units whose returns are read (NULL: every unit). The units above a reporter that reported too
-- (`nearest`) are found with a SEMI JOIN, so the planner cannot join the figures to themselves on (year,
-- quarter, indicator) before the closure (inside an upload's transaction that made 600 000 000 rows).
CREATE OR REPLACE MACRO flow_ytd_in(yrs, ids) AS TABLE
WITH own AS MATERIALIZED (
    SELECT f.locality_id, f.year, f.quarter, f.indicator_code, f.numerator, f.denominator, f.note
    FROM current_figures f JOIN indicators i ON i.code = f.indicator_code
    WHERE list_contains(yrs, f.year) AND i.numerator_agg = 'sum'
      AND (ids IS NULL OR f.locality_id IN (SELECT unnest(ids)))),
nearest AS (
    SELECT o.locality_id, o.year, o.quarter, o.indicator_code, min(c.depth) AS reporter_above
    FROM own o
    JOIN locality_closure c ON c.locality_id = o.locality_id AND c.depth > 0
    SEMI JOIN own a ON a.locality_id = c.ancestor_id AND a.year = o.year AND a.quarter = o.quarter
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
CREATE OR REPLACE MACRO stock_ytd_in(yrs, ids) AS TABLE
WITH own AS MATERIALIZED (
    SELECT f.locality_id, f.year, q.quarter::INTEGER AS quarter, f.indicator_code,
           arg_max(f.numerator, f.quarter) AS numerator, arg_max(f.denominator, f.quarter) AS denominator,
           arg_max(f.note, f.quarter) AS note, max(f.quarter) AS latest
    FROM current_figures f
    JOIN range(1, 5) q(quarter) ON f.quarter <= q.quarter
    JOIN indicators i ON i.code = f.indicator_code
    WHERE list_contains(yrs, f.year) AND i.numerator_agg = 'last'
      AND (ids IS NULL OR f.locality_id IN (SELECT unnest(ids)))
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
    SEMI JOIN standing a ON a.locality_id = c.ancestor_id AND a.year = o.year AND a.quarter = o.quarter
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
CREATE OR REPLACE MACRO area_figures_in(yrs, ids) AS TABLE
WITH base AS MATERIALIZED (SELECT * FROM flow_ytd_in(yrs, ids) UNION ALL SELECT * FROM stock_ytd_in(yrs, ids)),
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
      AND valid_during(l.valid_from, l.valid_to, make_date(p.year, 1, 1), last_day(make_date(p.year, 3 * p.quarter, 1)))),
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

-- The full refresh (etl/storage/analytics.py refresh): every unit's rows, from every unit's returns.
CREATE OR REPLACE MACRO compute_area_figures(yrs) AS TABLE SELECT * FROM area_figures_in(yrs, NULL);
