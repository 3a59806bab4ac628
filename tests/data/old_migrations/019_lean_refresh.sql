-- An upload's refresh planned unit by unit (issue 18; etl/storage/analytics.py chooses, the property test
-- tests/storage/test_incremental_refresh.py proves each shortcut gives the rows area_figures_in (018) gives):
--  * a unit without child units and with nothing from the other era: its own year to date;
--  * a unit with no return in its own area that year: the sum of its bridge members' rows;
--  * a unit that only adds up its children: their sums (etl/storage/analytics.py, since 018);
--  * any other unit: area_figures_in over the returns below it.
-- Each reads only the units it names, not the whole country (area_figures_in costs ~30 ms for one unit).

-- The figures in force of the units `ids` (all their years): current_figures, read for those units only.
CREATE MACRO current_figures_of(ids) AS TABLE
WITH r AS (SELECT * FROM returns WHERE locality_id IN (SELECT unnest(ids))
           QUALIFY version = max(version) OVER (PARTITION BY locality_id, year, quarter))
SELECT r.locality_id, r.year, r.quarter, r.version, f.indicator_code, f.numerator, f.denominator, f.note
FROM r JOIN figures f USING (return_id);

-- Units without child units and with no figure of the other era in `yr`: flow_ytd_in and stock_ytd_in
-- reduced to one reporter (its own figure every quarter it reported), as area_figures_in writes them.
CREATE MACRO own_area_figures_of(ids, yr) AS TABLE
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

-- A unit with no return in its own area in `yr`: area_figures_in's other_era part alone, from its bridge
-- members' rows (exact when none of them includes its own other era or carries a note: the caller checks).
-- Children reported and existing are counted as area_figures_in counts them (children existing that year).
CREATE MACRO member_sum_figures(bridged, yr, q0) AS TABLE
WITH members AS (
    SELECT a.year, a.quarter, a.indicator_code, sum(a.numerator)::BIGINT AS numerator,
           sum(a.denominator)::BIGINT AS denominator, any_value(e.direction) AS across
    FROM era_bridge e JOIN area_figures a ON a.locality_id = e.member_id
    WHERE e.locality_id = bridged AND a.year = yr AND a.quarter >= q0
    GROUP BY ALL),
children AS (
    SELECT l.locality_id, p.quarter
    FROM localities l, (SELECT DISTINCT quarter FROM members) p
    WHERE l.parent_id = bridged
      AND coalesce(l.valid_from, DATE '1900-01-01') <= last_day(make_date(yr, 3 * p.quarter, 1))
      AND coalesce(l.valid_to, DATE '9999-12-31') >= make_date(yr, 1, 1)),
totals AS (SELECT quarter, count(*) AS children_total FROM children GROUP BY ALL),
reported AS (
    SELECT a.quarter, a.indicator_code, count(*) AS children_reported
    FROM children ch JOIN area_figures a ON a.locality_id = ch.locality_id AND a.year = yr AND a.quarter = ch.quarter
    GROUP BY ALL)
SELECT bridged AS locality_id, m.year, m.quarter, m.indicator_code, m.numerator, m.denominator, FALSE AS own_return,
       coalesce(r.children_reported, 0)::INTEGER AS children_reported,
       coalesce(t.children_total, 0)::INTEGER AS children_total, NULL::VARCHAR AS note, m.across
FROM members m
LEFT JOIN reported r USING (quarter, indicator_code)
LEFT JOIN totals t USING (quarter);
