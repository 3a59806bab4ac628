-- Analytics table (DHIS2's word): every locality's year-to-date figure per indicator, for every
-- year and quarter, computed when returns are written (etl/storage/analytics.py) instead of on each page
-- view. A page then reads a few rows instead of aggregating millions (bench/: see README).
-- The rules are those of 002/004, which this replaces: own return, else the sum over the topmost
-- reporting units below; numerators and denominators summed, never percentages averaged.

DROP MACRO TABLE rolled_up;
DROP MACRO TABLE level_sum;
DROP MACRO TABLE unit_ytd;

CREATE TABLE area_figures (
    locality_id       VARCHAR NOT NULL,
    year              INTEGER NOT NULL,
    quarter           INTEGER NOT NULL,   -- figures from 1 January to the end of this quarter
    indicator_code    VARCHAR NOT NULL,
    numerator         BIGINT NOT NULL,
    denominator       BIGINT,
    own_return        BOOLEAN NOT NULL,   -- the locality's own return, not a roll-up
    children_reported INTEGER NOT NULL,   -- children with a figure for the indicator
    children_total    INTEGER NOT NULL,   -- children existing at some time in the period
    note              VARCHAR             -- kept when one unit's figure makes the whole
);

-- Each unit's own year-to-date figure for each quarter of the given years, from the versions in force.
-- sum: flows add up over the quarters; last: the latest quarter reported is the year's figure.
CREATE MACRO own_ytd(yrs) AS TABLE
SELECT f.locality_id, f.year, q.quarter::INTEGER AS quarter, f.indicator_code,
       CASE WHEN any_value(i.numerator_agg) = 'sum' THEN sum(f.numerator)
            ELSE arg_max(f.numerator, f.quarter) END AS numerator,
       CASE WHEN any_value(i.denominator_agg) = 'sum' THEN sum(f.denominator)
            WHEN any_value(i.denominator_agg) = 'last' THEN arg_max(f.denominator, f.quarter) END AS denominator,
       arg_max(f.note, f.quarter) AS note
FROM current_figures f
JOIN range(1, 5) q(quarter) ON f.quarter <= q.quarter
JOIN indicators i ON i.code = f.indicator_code
WHERE list_contains(yrs, f.year)
GROUP BY f.locality_id, f.year, q.quarter, f.indicator_code;

-- Every locality's figure: a unit's own figure counts for an area when no unit between them
-- (the area included) has its own figure for that indicator; an area with its own return is just that.
CREATE MACRO compute_area_figures(yrs) AS TABLE
WITH own AS MATERIALIZED (SELECT * FROM own_ytd(yrs)),
nearest AS (  -- distance from a unit up to the nearest unit above it with its own figure
    SELECT o.locality_id, o.year, o.quarter, o.indicator_code, min(c.depth) AS reporter_above
    FROM own o
    JOIN locality_closure c ON c.locality_id = o.locality_id AND c.depth > 0
    JOIN own a ON a.locality_id = c.ancestor_id AND a.year = o.year AND a.quarter = o.quarter
              AND a.indicator_code = o.indicator_code
    GROUP BY ALL),
area AS (
    SELECT c.ancestor_id AS locality_id, o.year, o.quarter, o.indicator_code,
           sum(o.numerator)::BIGINT AS numerator, sum(o.denominator)::BIGINT AS denominator,
           bool_or(c.depth = 0) AS own_return,
           CASE WHEN count(*) = 1 THEN any_value(o.note) END AS note
    FROM own o
    LEFT JOIN nearest n USING (locality_id, year, quarter, indicator_code)
    JOIN locality_closure c ON c.locality_id = o.locality_id AND c.depth < coalesce(n.reporter_above, 2147483647)
    GROUP BY ALL),
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
       coalesce(t.children_total, 0)::INTEGER AS children_total, a.note
FROM area a
LEFT JOIN reported r USING (locality_id, year, quarter, indicator_code)
LEFT JOIN totals t USING (locality_id, year, quarter)
ORDER BY a.year, a.quarter, a.locality_id, a.indicator_code;

-- Targets split by level ("70% cấp tỉnh và 50% cấp huyện"): for each root, the sum of the own
-- figures of every unit at those levels under it.
CREATE MACRO level_figures(roots, yr, q, lvls) AS TABLE
WITH scope AS (
    SELECT c.ancestor_id AS root_id, l.locality_id
    FROM locality_closure c JOIN localities l ON l.locality_id = c.locality_id
    WHERE list_contains(roots, c.ancestor_id) AND list_contains(lvls, l.level)
      AND coalesce(l.valid_from, DATE '1900-01-01') <= last_day(make_date(yr, 3 * q, 1))
      AND coalesce(l.valid_to, DATE '9999-12-31') >= make_date(yr, 1, 1)),
totals AS (SELECT root_id, count(*) AS units FROM scope GROUP BY root_id)
SELECT s.root_id AS locality_id, a.indicator_code,
       sum(a.numerator)::BIGINT AS numerator, sum(a.denominator)::BIGINT AS denominator,
       FALSE AS own_return, count(*)::INTEGER AS children_reported,
       any_value(t.units)::INTEGER AS children_total,
       CASE WHEN count(*) = 1 THEN any_value(a.note) END AS note
FROM scope s
JOIN area_figures a ON a.locality_id = s.locality_id AND a.year = yr AND a.quarter = q AND a.own_return
JOIN totals t ON t.root_id = s.root_id
GROUP BY s.root_id, a.indicator_code;

INSERT INTO area_figures SELECT * FROM compute_area_figures((SELECT list(DISTINCT year) FROM returns));
