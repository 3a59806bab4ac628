-- Analytics table (DHIS2's word): every locality's year-to-date figure per indicator, for every
-- year and quarter, computed when returns are written (etl/storage/analytics.py) instead of on each page
-- view. A page then reads a few rows instead of aggregating millions (bench/: see README).
-- Its rows are made by compute_area_figures (../macros.sql): own return, else the sum over the topmost
-- reporting units below; numerators and denominators summed, never percentages averaged.

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
