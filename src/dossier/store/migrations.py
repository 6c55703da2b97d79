"""Schema changes as named migrations, applied in order and recorded in the database.

Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_documents", """
        CREATE TABLE files (
            path TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            documents INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            read_at TEXT NOT NULL
        );
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            title TEXT,
            language TEXT NOT NULL,
            published TEXT,
            published_note TEXT,
            source TEXT,
            url TEXT,
            text TEXT NOT NULL,
            raw_text TEXT NOT NULL,
            boilerplate TEXT NOT NULL,   -- JSON list of removed lines
            meta TEXT NOT NULL,          -- JSON: encoding, section, platform, fields the item gave
            added_at TEXT NOT NULL
        );
        -- Where each document was read from: identical files at two paths are one document.
        CREATE TABLE locations (
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            file TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
            PRIMARY KEY (document, path)
        ) WITHOUT ROWID;
        CREATE INDEX locations_file ON locations(file);
        CREATE TABLE sentences (
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            language TEXT NOT NULL,
            PRIMARY KEY (document, n)
        ) WITHOUT ROWID;
        CREATE TABLE skipped (
            path TEXT NOT NULL,
            file TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX skipped_file ON skipped(file);
        -- Hashes of each document's raw lines, to find lines that recur across the corpus.
        CREATE TABLE lines (
            hash INTEGER NOT NULL,
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            PRIMARY KEY (hash, document)
        ) WITHOUT ROWID;
        CREATE INDEX lines_document ON lines(document);
        CREATE TABLE recurring (
            hash INTEGER PRIMARY KEY,
            line TEXT NOT NULL,
            documents INTEGER NOT NULL
        );
    """),
    ("0002_copies_stories", """
        -- Per document: what copy detection and story clustering match on (link/copies.py).
        CREATE TABLE copy_features (
            n INTEGER PRIMARY KEY,
            document TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            published TEXT,
            text_hash INTEGER,           -- whitespace-normalised text, NULL when too short
            shingles INTEGER NOT NULL,
            signature BLOB,              -- MinHash, 128 little-endian uint32, NULL when too short
            features BLOB NOT NULL       -- link/features.py Features.to_bytes()
        );
        CREATE INDEX copy_features_hash ON copy_features(text_hash);
        -- LSH buckets: one key per band of each signature.
        CREATE TABLE copy_bands (
            key INTEGER NOT NULL,
            n INTEGER NOT NULL REFERENCES copy_features(n) ON DELETE CASCADE,
            PRIMARY KEY (key, n)
        ) WITHOUT ROWID;
        CREATE INDEX copy_bands_n ON copy_bands(n);
        -- Translation blocking: each original's most telling terms, by language family.
        CREATE TABLE copy_postings (
            term INTEGER NOT NULL,
            family TEXT NOT NULL,
            n INTEGER NOT NULL REFERENCES copy_features(n) ON DELETE CASCADE,
            PRIMARY KEY (term, family, n)
        ) WITHOUT ROWID;
        CREATE INDEX copy_postings_n ON copy_postings(n);
        -- Document frequency of every term, for idf weights (only ever grows).
        CREATE TABLE term_df (term INTEGER PRIMARY KEY, df INTEGER NOT NULL);
        CREATE TABLE copies (
            original TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            copy TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            relation TEXT NOT NULL,      -- duplicate | near_duplicate | translation
            score REAL NOT NULL,
            PRIMARY KEY (original, copy)
        ) WITHOUT ROWID;
        CREATE INDEX copies_copy ON copies(copy);
        -- Sentence alignment of each translation: sentences [start, end) by their n.
        CREATE TABLE alignments (
            original TEXT NOT NULL,
            copy TEXT NOT NULL,
            original_start INTEGER NOT NULL,
            original_end INTEGER NOT NULL,
            copy_start INTEGER NOT NULL,
            copy_end INTEGER NOT NULL,
            score REAL NOT NULL,
            FOREIGN KEY (original, copy) REFERENCES copies(original, copy) ON DELETE CASCADE
        );
        CREATE INDEX alignments_pair ON alignments(original, copy);
        -- Stories (one real-world event) and topics (stories with the same actors and kind).
        CREATE TABLE topics (
            id INTEGER PRIMARY KEY,
            centroid BLOB NOT NULL,      -- summed unit term vectors: uint32 terms, float32 weights
            size INTEGER NOT NULL
        );
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            topic INTEGER NOT NULL REFERENCES topics(id),
            centroid BLOB NOT NULL,
            size INTEGER NOT NULL,
            first TEXT,                  -- earliest and latest publication date of the members
            last TEXT
        );
        CREATE INDEX stories_topic ON stories(topic);
        CREATE TABLE story_members (
            document TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            score REAL NOT NULL
        );
        CREATE INDEX story_members_story ON story_members(story);
        CREATE TABLE story_postings (
            term INTEGER NOT NULL,
            story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            PRIMARY KEY (term, story)
        ) WITHOUT ROWID;
        CREATE INDEX story_postings_story ON story_postings(story);
        CREATE TABLE topic_postings (
            term INTEGER NOT NULL,
            topic INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            PRIMARY KEY (term, topic)
        ) WITHOUT ROWID;
        CREATE INDEX topic_postings_topic ON topic_postings(topic);
    """),
    ("0003_search", """
        -- Folded title and text, CJK characters spaced so that each is a token:
        -- a phrase query then matches any run of characters, in any script.
        CREATE VIRTUAL TABLE search USING fts5(
            document UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 0'
        );
    """),
    ("0004_facts", """
        CREATE TABLE mentions (
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            entity TEXT,
            source TEXT NOT NULL
        );
        CREATE INDEX mentions_document ON mentions(document);
        CREATE INDEX mentions_entity ON mentions(entity);
        CREATE TABLE times (
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            value TEXT,
            type TEXT NOT NULL,
            anchor TEXT,
            how TEXT NOT NULL,
            reason TEXT,
            mod TEXT
        );
        CREATE INDEX times_document ON times(document);
        CREATE INDEX times_value ON times(value);
        CREATE TABLE quantities (
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            value REAL,
            unit TEXT,
            approximate INTEGER NOT NULL,
            reason TEXT
        );
        CREATE INDEX quantities_document ON quantities(document);
        -- One row per real actor: a gazetteer id, or one given when names are linked.
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            labels TEXT NOT NULL          -- JSON: language → canonical name
        );
    """),
    ("0005_roles", """
        -- "日本首相高市早苗": a person said to hold an office of a country at a date.
        CREATE TABLE roles (
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            person_start INTEGER NOT NULL,
            person_end INTEGER NOT NULL,
            person TEXT NOT NULL,
            entity TEXT,
            office TEXT NOT NULL,
            country TEXT,
            date TEXT,
            date_source TEXT NOT NULL
        );
        CREATE INDEX roles_document ON roles(document);
        CREATE INDEX roles_office ON roles(office, country, date);
    """),
    ("0006_events", """
        -- Event mentions: one per sentence and type (analyse/events.py).
        CREATE TABLE events (
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            sentence INTEGER NOT NULL,
            type TEXT NOT NULL,
            trigger TEXT NOT NULL,
            actor TEXT,
            participants TEXT NOT NULL,  -- JSON list of entity ids or names as written
            date TEXT,
            date_source TEXT NOT NULL,
            place TEXT
        );
        CREATE INDEX events_document ON events(document);
        CREATE INDEX events_type ON events(type, date);
    """),
    ("0007_claims", """
        -- Events merged across documents, with every report that supports them.
        CREATE TABLE merged_events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            date TEXT,
            participants TEXT NOT NULL,  -- JSON list, most reported first
            reports INTEGER NOT NULL,
            sources INTEGER NOT NULL     -- independent sources: copies count once
        );
        CREATE TABLE event_reports (
            event TEXT NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            date TEXT
        );
        CREATE INDEX event_reports_event ON event_reports(event);
        CREATE INDEX event_reports_document ON event_reports(document);
        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,          -- role | figure | event_date
            subject TEXT NOT NULL,
            attribute TEXT NOT NULL,
            value TEXT NOT NULL,
            label TEXT NOT NULL,
            entity TEXT,
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX claims_subject ON claims(subject, attribute);
        CREATE TABLE conflicts (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,          -- sources | reference | internal
            subject TEXT NOT NULL,
            attribute TEXT NOT NULL,
            "values" TEXT NOT NULL       -- JSON: value, label, entity, documents, evidence
        );
    """),
    ("0008_read_indexes", """
        -- Indexes for the read side (web pages), each covering its queries so that
        -- pages read index entries, not table rows. The two on mentions extend, and so
        -- replace, the single-column ones of 0004.
        DROP INDEX mentions_document;
        DROP INDEX mentions_entity;
        -- An actor's mentions in document order with their spans and names as written:
        -- the entity page picks its page of mentions, counts names and finds co-mentioned
        -- actors without reading the table, and the actor list and name lookup scan it alone.
        CREATE INDEX mentions_entity_spans ON mentions(entity, document, start, "end", text);
        -- The actors of a set of documents (story page, co-occurrence).
        CREATE INDEX mentions_document_entity ON mentions(document, entity, type);
        -- Counts by language and by source, and the newest documents, from small indexes
        -- rather than a scan of the documents table (whose rows carry the texts).
        CREATE INDEX documents_language ON documents(language);
        CREATE INDEX documents_source ON documents(source);
        CREATE INDEX documents_newest ON documents(published IS NULL, published DESC, title);
    """),
    ("0009_search_rowid", """
        -- Each search row takes its document's rowid: a row is then found by key when its
        -- document is cleaned again or dropped, not by a scan of the whole index.
        CREATE TEMP TABLE search_old AS SELECT document, title, body FROM search;
        DELETE FROM search;
        INSERT INTO search (rowid, document, title, body)
            SELECT d.rowid, o.document, o.title, o.body
            FROM search_old o JOIN documents d ON d.id = o.document;
        DROP TABLE search_old;
    """),
    ("0010_unlinked", """
        -- Documents stored or dropped since the link steps last ran (entities, copies,
        -- stories, events, claims): an ingest interrupted before them leaves its documents
        -- here, and the next run links them.
        CREATE TABLE unlinked (document TEXT PRIMARY KEY) WITHOUT ROWID;
    """),
    ("0011_no_topic_postings", """
        -- Topics are drawn from their stories' postings: their own were never read.
        DROP TABLE topic_postings;
    """),
]
