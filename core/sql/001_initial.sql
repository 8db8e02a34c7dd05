-- Version 1: coalitions, worksheet answers and typed records.
-- Every row has a random id, created/updated times (UTC, RFC 3339) and a deletion marker, so that
-- files exchanged between partners can be merged record by record.

CREATE TABLE coalitions (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    focus       TEXT NOT NULL DEFAULT '',
    start_date  TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    prepared_by TEXT NOT NULL DEFAULT '',
    is_example  INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);

-- One answer per question per coalition; `value` is JSON whose shape depends on the question kind.
CREATE TABLE answers (
    id           TEXT PRIMARY KEY NOT NULL,
    coalition_id TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    worksheet_id TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    value        TEXT NOT NULL CHECK (json_valid(value)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    UNIQUE (coalition_id, worksheet_id, question_id)
);

-- Things a coalition keeps lists of (partners, budget lines, barriers, objectives, officers, ...).
-- `kind` names a record kind from the worksheet data; `data` is a JSON object of its fields.
CREATE TABLE records (
    id           TEXT PRIMARY KEY NOT NULL,
    coalition_id TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (length(kind) > 0),
    position     INTEGER NOT NULL DEFAULT 0,
    data         TEXT NOT NULL CHECK (json_valid(data) AND json_type(data) = 'object'),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX records_by_kind ON records (coalition_id, kind, position);

-- When a coalition was last exported or imported, so a merge can tell a conflict (both sides
-- changed since then) from a plain update.
CREATE TABLE exchanges (
    id           TEXT PRIMARY KEY NOT NULL,
    coalition_id TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    direction    TEXT NOT NULL CHECK (direction IN ('export', 'import')),
    file_name    TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL
);
CREATE INDEX exchanges_by_coalition ON exchanges (coalition_id, at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
