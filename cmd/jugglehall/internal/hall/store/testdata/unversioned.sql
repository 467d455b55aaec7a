-- The hall's tables before the schema had versions (and before teams.name_key), as the
-- store made them up to commit 3ab7e1d: TestMigrateKeepsEveryTeam makes a database with
-- them. {{id}} and {{blob}} are each database's column types.
CREATE TABLE IF NOT EXISTS sessions (
	id {{id}},
	code TEXT NOT NULL UNIQUE,
	token_hash TEXT NOT NULL,
	locked BOOLEAN NOT NULL DEFAULT FALSE,
	version BIGINT NOT NULL DEFAULT 0,
	created_ms BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS rounds (
	id {{id}},
	session_id BIGINT NOT NULL REFERENCES sessions(id),
	n INTEGER NOT NULL,
	preset TEXT NOT NULL,
	seed BIGINT NOT NULL,
	months INTEGER NOT NULL,
	difficulty TEXT NOT NULL,
	dev TEXT NOT NULL,
	ops TEXT NOT NULL,
	open BOOLEAN NOT NULL,
	created_ms BIGINT NOT NULL,
	UNIQUE (session_id, n)
);
CREATE TABLE IF NOT EXISTS teams (
	id {{id}},
	session_id BIGINT NOT NULL REFERENCES sessions(id),
	name TEXT NOT NULL,
	created_ms BIGINT NOT NULL,
	UNIQUE (session_id, name)
);
CREATE TABLE IF NOT EXISTS results (
	id {{id}},
	session_id BIGINT NOT NULL REFERENCES sessions(id),
	team_id BIGINT NOT NULL REFERENCES teams(id),
	round_n INTEGER NOT NULL,
	replay_hash TEXT NOT NULL,
	dev TEXT NOT NULL,
	ops TEXT NOT NULL,
	result TEXT NOT NULL,
	replay {{blob}} NOT NULL,
	created_ms BIGINT NOT NULL,
	UNIQUE (session_id, team_id, replay_hash)
);
CREATE INDEX IF NOT EXISTS results_session ON results (session_id, id);
