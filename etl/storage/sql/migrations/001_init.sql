-- Foundation schema. Applied once, in order, by etl.storage.db.migrate(). Migrations create and change tables
-- only: every view and macro is in ../macros.sql, run after them.

CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- Administrative units. A code alone is not a key (codes were reused by the 2025 reform):
-- locality_id = code@era ("15349@pre2025", "15349@2025"). valid_to NULL = still valid.
CREATE TABLE localities (
    locality_id  VARCHAR PRIMARY KEY,
    code         VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    level        VARCHAR NOT NULL CHECK (level IN ('province', 'district', 'commune', 'neighbourhood')),
    unit_type    VARCHAR,
    parent_id    VARCHAR,
    valid_from   DATE,
    valid_to     DATE,
    successor_id VARCHAR,
    local_code   BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX localities_code ON localities (code);
CREATE INDEX localities_parent ON localities (parent_id);

-- Every (unit, ancestor-or-self) pair with the distance between them; makes subtree sums one join.
CREATE TABLE locality_closure (
    locality_id VARCHAR NOT NULL,
    ancestor_id VARCHAR NOT NULL,
    depth       INTEGER NOT NULL,
    PRIMARY KEY (locality_id, ancestor_id)
);
CREATE INDEX closure_ancestor ON locality_closure (ancestor_id);

CREATE TABLE indicators (
    code              VARCHAR PRIMARY KEY,
    name              VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL CHECK (kind IN ('share', 'count', 'qualitative')),
    numerator_label   VARCHAR NOT NULL,
    denominator_label VARCHAR,
    unit              VARCHAR NOT NULL,
    numerator_agg     VARCHAR NOT NULL CHECK (numerator_agg IN ('sum', 'last')),
    denominator_agg   VARCHAR CHECK (denominator_agg IN ('sum', 'last')),
    better            VARCHAR NOT NULL CHECK (better IN ('higher', 'lower', 'no_decrease'))
);

CREATE TABLE plans (
    plan_id         VARCHAR PRIMARY KEY,
    title           VARCHAR NOT NULL,
    issuer_id       VARCHAR NOT NULL,
    issuing_body    VARCHAR,
    year_from       INTEGER NOT NULL,
    year_to         INTEGER NOT NULL,
    parent_plan_id  VARCHAR,
    parent_document VARCHAR,
    source_document VARCHAR
);

-- rule: at_least | all | n_of_n | at_most | range | growth | no_decrease | cumulative_by | qualitative
-- year NULL = every year of the plan. levels NULL = judged on the plan's locality (own return or roll-up);
-- otherwise the sum of the own returns of every unit at those levels.
CREATE TABLE targets (
    target_id      VARCHAR PRIMARY KEY,
    plan_id        VARCHAR NOT NULL,
    position       INTEGER NOT NULL,
    section        VARCHAR,
    indicator_code VARCHAR NOT NULL,
    rule           VARCHAR NOT NULL CHECK (rule IN ('at_least', 'all', 'n_of_n', 'at_most', 'range',
                                                     'growth', 'no_decrease', 'cumulative_by', 'qualitative')),
    value          DOUBLE,
    value_high     DOUBLE,
    unit           VARCHAR NOT NULL,
    year           INTEGER,
    levels         VARCHAR[],
    counts         VARCHAR,
    clause         VARCHAR NOT NULL
);

-- One file received. file_hash lets an identical file be recognised and left alone.
CREATE SEQUENCE upload_ids START 1;
CREATE TABLE uploads (
    upload_id    INTEGER PRIMARY KEY DEFAULT nextval('upload_ids'),
    file_name    VARCHAR NOT NULL,
    file_hash    VARCHAR NOT NULL,
    submitted_by VARCHAR NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    row_count    INTEGER NOT NULL
);

-- One locality, one year, one quarter, one version. The highest version is the one in force.
CREATE SEQUENCE return_ids START 1;
CREATE TABLE returns (
    return_id    INTEGER PRIMARY KEY DEFAULT nextval('return_ids'),
    upload_id    INTEGER NOT NULL,
    locality_id  VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    quarter      INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    version      INTEGER NOT NULL,
    submitted_by VARCHAR NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    UNIQUE (locality_id, year, quarter, version)
);

CREATE TABLE figures (
    return_id      INTEGER NOT NULL,
    indicator_code VARCHAR NOT NULL,
    numerator      BIGINT NOT NULL CHECK (numerator >= 0),
    denominator    BIGINT CHECK (denominator >= 0),
    note           VARCHAR,
    PRIMARY KEY (return_id, indicator_code)
);
