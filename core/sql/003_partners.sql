-- Version 3: the Partners area. Organizations stay the "partner" records that "Who to involve"
-- edits; these tables hang off them by id. Every table keeps its fields as JSON in `data`, as
-- `records` does, checked against its description in `core/tables/partners.toml`; the generated
-- columns exist only so that the queries by group and by date have indexes.

CREATE TABLE partner_people (
    id           TEXT PRIMARY KEY NOT NULL,
    coalition_id TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    data         TEXT NOT NULL CHECK (json_valid(data)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX partner_people_by_coalition ON partner_people (coalition_id);

CREATE TABLE partner_memberships (
    id              TEXT PRIMARY KEY NOT NULL,
    coalition_id    TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    data            TEXT NOT NULL CHECK (json_valid(data)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    organization_id TEXT GENERATED ALWAYS AS (json_extract(data, '$.organization')) VIRTUAL,
    person_id       TEXT GENERATED ALWAYS AS (json_extract(data, '$.person')) VIRTUAL
);
CREATE INDEX partner_memberships_by_organization ON partner_memberships (coalition_id, organization_id);
CREATE INDEX partner_memberships_by_person ON partner_memberships (person_id);

CREATE TABLE partner_stages (
    id              TEXT PRIMARY KEY NOT NULL,
    coalition_id    TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    data            TEXT NOT NULL CHECK (json_valid(data)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    organization_id TEXT GENERATED ALWAYS AS (json_extract(data, '$.organization')) VIRTUAL
);
CREATE INDEX partner_stages_by_organization ON partner_stages (coalition_id, organization_id);

CREATE TABLE partner_fit (
    id              TEXT PRIMARY KEY NOT NULL,
    coalition_id    TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    data            TEXT NOT NULL CHECK (json_valid(data)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    organization_id TEXT GENERATED ALWAYS AS (json_extract(data, '$.organization')) VIRTUAL
);
CREATE INDEX partner_fit_by_organization ON partner_fit (coalition_id, organization_id);

CREATE TABLE partner_asks (
    id              TEXT PRIMARY KEY NOT NULL,
    coalition_id    TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    data            TEXT NOT NULL CHECK (json_valid(data)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    organization_id TEXT GENERATED ALWAYS AS (json_extract(data, '$.organization')) VIRTUAL
);
CREATE INDEX partner_asks_by_organization ON partner_asks (coalition_id, organization_id);

CREATE TABLE partner_resources (
    id              TEXT PRIMARY KEY NOT NULL,
    coalition_id    TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    data            TEXT NOT NULL CHECK (json_valid(data)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    organization_id TEXT GENERATED ALWAYS AS (json_extract(data, '$.organization')) VIRTUAL
);
CREATE INDEX partner_resources_by_organization ON partner_resources (coalition_id, organization_id);

CREATE TABLE partner_contacts (
    id              TEXT PRIMARY KEY NOT NULL,
    coalition_id    TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    data            TEXT NOT NULL CHECK (json_valid(data)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    organization_id TEXT GENERATED ALWAYS AS (json_extract(data, '$.organization')) VIRTUAL,
    due_on          TEXT GENERATED ALWAYS AS (json_extract(data, '$.due_on')) VIRTUAL
);
CREATE INDEX partner_contacts_by_organization ON partner_contacts (coalition_id, organization_id);
CREATE INDEX partner_contacts_by_due_date ON partner_contacts (coalition_id, due_on);

CREATE TABLE partner_knows (
    id           TEXT PRIMARY KEY NOT NULL,
    coalition_id TEXT NOT NULL REFERENCES coalitions (id) ON DELETE CASCADE,
    data         TEXT NOT NULL CHECK (json_valid(data)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX partner_knows_by_coalition ON partner_knows (coalition_id);

-- Search as you type: the words of every group, person and contact, accents ignored ("Leon"
-- finds "León"). Each index row's rowid is its source row's, and `row_id` its id; triggers keep
-- them in step with every insert, change and removal, imports and merges included.
CREATE VIRTUAL TABLE partner_search_groups USING fts5 (row_id UNINDEXED, words, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE partner_search_people USING fts5 (row_id UNINDEXED, words, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE partner_search_contacts USING fts5 (row_id UNINDEXED, words, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER partner_search_groups_added AFTER INSERT ON records WHEN new.kind = 'partner' BEGIN
    INSERT INTO partner_search_groups (rowid, row_id, words) VALUES (new.rowid, new.id,
        concat_ws(' ', new.data ->> '$.name', new.data ->> '$.sector', new.data ->> '$.works_on',
                  new.data ->> '$.community', new.data ->> '$.role', new.data ->> '$.contact_name',
                  new.data ->> '$.notes'));
END;
CREATE TRIGGER partner_search_groups_changed AFTER UPDATE OF data ON records WHEN new.kind = 'partner' BEGIN
    DELETE FROM partner_search_groups WHERE rowid = old.rowid;
    INSERT INTO partner_search_groups (rowid, row_id, words) VALUES (new.rowid, new.id,
        concat_ws(' ', new.data ->> '$.name', new.data ->> '$.sector', new.data ->> '$.works_on',
                  new.data ->> '$.community', new.data ->> '$.role', new.data ->> '$.contact_name',
                  new.data ->> '$.notes'));
END;
CREATE TRIGGER partner_search_groups_removed AFTER DELETE ON records WHEN old.kind = 'partner' BEGIN
    DELETE FROM partner_search_groups WHERE rowid = old.rowid;
END;

CREATE TRIGGER partner_search_people_added AFTER INSERT ON partner_people BEGIN
    INSERT INTO partner_search_people (rowid, row_id, words) VALUES (new.rowid, new.id,
        concat_ws(' ', new.data ->> '$.name', new.data ->> '$.role', new.data ->> '$.notes'));
END;
CREATE TRIGGER partner_search_people_changed AFTER UPDATE OF data ON partner_people BEGIN
    DELETE FROM partner_search_people WHERE rowid = old.rowid;
    INSERT INTO partner_search_people (rowid, row_id, words) VALUES (new.rowid, new.id,
        concat_ws(' ', new.data ->> '$.name', new.data ->> '$.role', new.data ->> '$.notes'));
END;
CREATE TRIGGER partner_search_people_removed AFTER DELETE ON partner_people BEGIN
    DELETE FROM partner_search_people WHERE rowid = old.rowid;
END;

CREATE TRIGGER partner_search_contacts_added AFTER INSERT ON partner_contacts BEGIN
    INSERT INTO partner_search_contacts (rowid, row_id, words) VALUES (new.rowid, new.id,
        concat_ws(' ', new.data ->> '$.summary', new.data ->> '$.next_step'));
END;
CREATE TRIGGER partner_search_contacts_changed AFTER UPDATE OF data ON partner_contacts BEGIN
    DELETE FROM partner_search_contacts WHERE rowid = old.rowid;
    INSERT INTO partner_search_contacts (rowid, row_id, words) VALUES (new.rowid, new.id,
        concat_ws(' ', new.data ->> '$.summary', new.data ->> '$.next_step'));
END;
CREATE TRIGGER partner_search_contacts_removed AFTER DELETE ON partner_contacts BEGIN
    DELETE FROM partner_search_contacts WHERE rowid = old.rowid;
END;

-- The groups typed before this version can be found too.
INSERT INTO partner_search_groups (rowid, row_id, words)
SELECT rowid, id, concat_ws(' ', data ->> '$.name', data ->> '$.sector', data ->> '$.works_on',
                            data ->> '$.community', data ->> '$.role', data ->> '$.contact_name',
                            data ->> '$.notes')
FROM records WHERE kind = 'partner';
