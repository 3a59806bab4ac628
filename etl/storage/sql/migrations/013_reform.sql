-- Figures across the 1 July 2025 reform, in the analytics table (issue 14; the rules are in the README's
-- model section). The macros that make them (flow_ytd_in, stock_ytd_in, area_figures_in) and the view
-- era_bridge_of_localities are in ../macros.sql.

ALTER TABLE area_figures ADD COLUMN across VARCHAR;   -- 'predecessors' | 'successors': includes the other era

-- The era bridge: which units of the other era make a locality's figure (era_bridge_of_localities, kept
-- as a table whenever the localities are loaded: etl/storage/analytics.py).
CREATE TABLE era_bridge (
    locality_id VARCHAR,
    member_id   VARCHAR,
    direction   VARCHAR,   -- 'predecessors' | 'successors'
    split       BOOLEAN    -- a new commune whose predecessors lie in more than one old area at that level
);
