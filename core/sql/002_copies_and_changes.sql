-- Version 2: who changed what, so that files shared among several copies merge without losing
-- an edit. See docs/exchange-format.md ("How a merge decides") for the design.
--
-- Each installation gets a copy id (settings 'copy.id'). Every change to a row is a "dot": the
-- copy that made it and that copy's change counter; plus a stamp from a hybrid logical clock
-- (milliseconds since 1970, never earlier than what it replaces or than any stamp seen in a
-- merged file). `updated_at` stays the wall-clock time people see.

-- The dot and stamp of the last change to each row of coalitions, answers and records.
CREATE TABLE row_changes (
    row_id       TEXT PRIMARY KEY NOT NULL,
    coalition_id TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    copy_id      TEXT NOT NULL,
    counter      INTEGER NOT NULL CHECK (counter > 0),
    stamp        INTEGER NOT NULL
);
CREATE INDEX row_changes_by_coalition ON row_changes (coalition_id);

-- The version vector of each coalition: for every copy, the highest change counter of that copy
-- whose effect this copy has seen.
CREATE TABLE coalition_versions (
    coalition_id TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    copy_id      TEXT NOT NULL,
    counter      INTEGER NOT NULL CHECK (counter > 0),
    PRIMARY KEY (coalition_id, copy_id)
);

-- Items that joined a coalition from a file under another id (a file of another coalition, or a
-- copy): the next merge of that file's coalition finds them again instead of adding them twice.
CREATE TABLE item_origins (
    coalition_id      TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    file_coalition_id TEXT NOT NULL,
    file_item_id      TEXT NOT NULL,
    local_id          TEXT NOT NULL,
    PRIMARY KEY (coalition_id, file_coalition_id, file_item_id)
);

-- This installation's copy id: a random version 4 UUID.
INSERT INTO settings (key, value)
SELECT 'copy.id', lower(printf('%s-%s-4%s-%s%s-%s',
        hex(randomblob(4)), hex(randomblob(2)), substr(hex(randomblob(2)), 2),
        substr('89ab', 1 + (abs(random()) % 4), 1), substr(hex(randomblob(2)), 2), hex(randomblob(6))))
WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'copy.id');

-- Rows made before this version count as changes of this copy, numbered in time order, so that
-- copies that upgrade separately see each other's differing rows as conflicts, never as silent
-- updates.
CREATE TEMP TABLE old_rows AS
SELECT row_id, coalition_id, stamp, row_number() OVER (ORDER BY stamp, row_id) AS counter FROM (
    SELECT id AS row_id, id AS coalition_id,
           CAST(round((julianday(updated_at) - 2440587.5) * 86400000) AS INTEGER) AS stamp FROM coalitions
    UNION ALL
    SELECT id, coalition_id, CAST(round((julianday(updated_at) - 2440587.5) * 86400000) AS INTEGER) FROM answers
    UNION ALL
    SELECT id, coalition_id, CAST(round((julianday(updated_at) - 2440587.5) * 86400000) AS INTEGER) FROM records
);
INSERT INTO row_changes (row_id, coalition_id, copy_id, counter, stamp)
SELECT row_id, coalition_id, (SELECT value FROM settings WHERE key = 'copy.id'), counter, coalesce(stamp, 0)
FROM old_rows;
INSERT INTO coalition_versions (coalition_id, copy_id, counter)
SELECT coalition_id, (SELECT value FROM settings WHERE key = 'copy.id'), max(counter) FROM old_rows GROUP BY coalition_id;
INSERT INTO settings (key, value) SELECT 'clock.counter', CAST(coalesce(max(counter), 0) AS TEXT) FROM old_rows;
INSERT INTO settings (key, value) SELECT 'clock.stamp', CAST(coalesce(max(stamp), 0) AS TEXT) FROM old_rows;
DROP TABLE old_rows;
