-- The era bridge says which old communes were merged with others into one new commune (its predecessors
-- rows), so that etl/model/reform.py merged_into_many reads it instead of deciding it again.
ALTER TABLE era_bridge ADD COLUMN merged_with_others BOOLEAN;
