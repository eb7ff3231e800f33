namespace CarbonVoice.Sdk.Connector.Sqlite.Internal;

/// <summary>The schema as ordered migrations. Never edit a shipped migration; append a new one.</summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<(int Version, string Sql)> Migrations { get; } =
    [
        (1, """
            CREATE TABLE IF NOT EXISTS cv_raw_records (
                tenant_id TEXT NOT NULL,
                connector_id TEXT NOT NULL,
                entity_type TEXT NOT NULL,
                external_id TEXT NOT NULL,
                parent_id TEXT NULL,
                payload TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                source_updated_at INTEGER NULL,
                is_deleted INTEGER NOT NULL,
                first_seen_at INTEGER NOT NULL,
                last_changed_at INTEGER NOT NULL,
                change_sequence INTEGER NOT NULL
            );
            CREATE UNIQUE INDEX IF NOT EXISTS ux_cv_raw_key ON cv_raw_records (tenant_id, connector_id, entity_type, external_id);
            CREATE UNIQUE INDEX IF NOT EXISTS ux_cv_raw_sequence ON cv_raw_records (change_sequence);
            CREATE INDEX IF NOT EXISTS ix_cv_raw_changed ON cv_raw_records (tenant_id, connector_id, change_sequence);
            CREATE INDEX IF NOT EXISTS ix_cv_raw_parent ON cv_raw_records (tenant_id, connector_id, entity_type, parent_id, external_id);

            CREATE TABLE IF NOT EXISTS cv_chunks (
                chunk_id TEXT NOT NULL PRIMARY KEY,
                tenant_id TEXT NOT NULL,
                connector_id TEXT NOT NULL,
                source_key TEXT NOT NULL,
                chunk_index INTEGER NOT NULL,
                entity_type TEXT NOT NULL,
                workspace_id TEXT NULL,
                conversation_id TEXT NULL,
                pillar TEXT NOT NULL,
                text TEXT NOT NULL,
                token_count INTEGER NOT NULL,
                content_hash TEXT NOT NULL,
                metadata TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_cv_chunks_source ON cv_chunks (tenant_id, connector_id, source_key, chunk_index);
            CREATE INDEX IF NOT EXISTS ix_cv_chunks_pillar ON cv_chunks (tenant_id, connector_id, pillar);
            CREATE INDEX IF NOT EXISTS ix_cv_chunks_conversation ON cv_chunks (tenant_id, connector_id, conversation_id);

            CREATE TABLE IF NOT EXISTS cv_sync_runs (
                id TEXT NOT NULL PRIMARY KEY,
                tenant_id TEXT NOT NULL,
                connector_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                finished_at INTEGER NULL,
                high_water_mark INTEGER NULL,
                counts TEXT NOT NULL,
                errors TEXT NOT NULL,
                error_count INTEGER NOT NULL,
                status_message TEXT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_cv_sync_runs_connector ON cv_sync_runs (tenant_id, connector_id, started_at);

            CREATE TABLE IF NOT EXISTS cv_checkpoints (
                tenant_id TEXT NOT NULL,
                connector_id TEXT NOT NULL,
                scope TEXT NOT NULL,
                value TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, connector_id, scope)
            );

            CREATE TABLE IF NOT EXISTS cv_ingestion_watermarks (
                tenant_id TEXT NOT NULL,
                connector_id TEXT NOT NULL,
                watermark INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, connector_id)
            );

            CREATE TABLE IF NOT EXISTS cv_leases (
                tenant_id TEXT NOT NULL,
                connector_id TEXT NOT NULL,
                holder TEXT NOT NULL,
                expires_at INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, connector_id)
            );
            """),

        // The highest change sequence handed out, kept when a purge deletes the rows that held it, so it is never reused.
        (2, """
            CREATE TABLE IF NOT EXISTS cv_raw_sequence (
                id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                value INTEGER NOT NULL
            );
            """),

        // The holder of the lease a run runs under: a running run whose holder has no live lease is dead (interrupted).
        (3, """
            ALTER TABLE cv_sync_runs ADD COLUMN lease_holder TEXT NULL;
            """),
    ];
}
