-- The units above a reporter that reported too (`nearest` in flow_ytd_in and stock_ytd_in, 018) found with
-- a SEMI JOIN: the same rows (a unit's own figure is one row per unit, year, quarter and indicator), but the
-- planner can no longer join the figures to themselves on (year, quarter, indicator) before the closure.
-- Inside an upload's transaction (figures just written, no statistics yet) it did: a 100 000-row bulk file
-- made 600 000 000 intermediate rows (10 s for a full refresh of the year instead of 0,5 s), and with the
-- units' list (area_figures_in(yrs, ids)) spilled them to disk until the disk was full (bench/bulk.py).

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
