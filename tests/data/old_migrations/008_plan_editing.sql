-- Plans made and changed in the app: their document's number and date, retirement, and every change
-- with who, when, and the plan before and after (in the catalog's YAML format).
ALTER TABLE plans ADD COLUMN document_number VARCHAR;
ALTER TABLE plans ADD COLUMN document_date DATE;
ALTER TABLE plans ADD COLUMN retired BOOLEAN DEFAULT FALSE;

CREATE SEQUENCE plan_change_ids START 1;
CREATE TABLE plan_changes (
    change_id  INTEGER PRIMARY KEY DEFAULT nextval('plan_change_ids'),
    plan_id    VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    changed_by VARCHAR NOT NULL,
    before     VARCHAR,            -- NULL for a new plan
    after      VARCHAR NOT NULL
);
