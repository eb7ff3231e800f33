namespace CarbonVoice.Sdk.Connector.PostgreSql.Internal;

/// <summary>
/// The schema as ordered migrations, applied once per database under an advisory lock (two processes starting at once are
/// safe). Never edit a shipped migration; append a new one. Times are UTC ticks (<c>bigint</c>), exact like the SQLite store's;
/// keys sort ordinally (<c>COLLATE "C"</c>), as the store contracts require whatever the database's locale.
/// </summary>
internal static class PostgreSqlSchema
{
    public static IReadOnlyList<(int Version, string Sql)> Migrations { get; } =
    [
        (1, """
            CREATE SEQUENCE IF NOT EXISTS cv_raw_change_sequence AS bigint;
            CREATE TABLE IF NOT EXISTS cv_raw_records (
                tenant_id text COLLATE "C" NOT NULL,
                connector_id text COLLATE "C" NOT NULL,
                entity_type text COLLATE "C" NOT NULL,
                external_id text COLLATE "C" NOT NULL,
                parent_id text COLLATE "C" NULL,
                payload text NOT NULL,
                content_hash text NOT NULL,
                source_updated_at bigint NULL,
                is_deleted boolean NOT NULL,
                first_seen_at bigint NOT NULL,
                last_changed_at bigint NOT NULL,
                change_sequence bigint NOT NULL,
                PRIMARY KEY (tenant_id, connector_id, entity_type, external_id)
            );
            CREATE UNIQUE INDEX IF NOT EXISTS ux_cv_raw_changed ON cv_raw_records (tenant_id, connector_id, change_sequence);
            CREATE INDEX IF NOT EXISTS ix_cv_raw_parent ON cv_raw_records (tenant_id, connector_id, entity_type, parent_id, external_id);

            CREATE TABLE IF NOT EXISTS cv_chunks (
                chunk_id text COLLATE "C" NOT NULL PRIMARY KEY,
                tenant_id text COLLATE "C" NOT NULL,
                connector_id text COLLATE "C" NOT NULL,
                source_key text COLLATE "C" NOT NULL,
                chunk_index integer NOT NULL,
                entity_type text COLLATE "C" NOT NULL,
                workspace_id text NULL,
                conversation_id text COLLATE "C" NULL,
                pillar text COLLATE "C" NOT NULL,
                text text NOT NULL,
                token_count integer NOT NULL,
                content_hash text NOT NULL,
                metadata text NOT NULL,
                created_at bigint NOT NULL,
                updated_at bigint NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_cv_chunks_source ON cv_chunks (tenant_id, connector_id, source_key, chunk_index);
            CREATE INDEX IF NOT EXISTS ix_cv_chunks_pillar ON cv_chunks (tenant_id, connector_id, pillar);
            CREATE INDEX IF NOT EXISTS ix_cv_chunks_conversation ON cv_chunks (tenant_id, connector_id, conversation_id);

            CREATE TABLE IF NOT EXISTS cv_sync_runs (
                id text COLLATE "C" NOT NULL PRIMARY KEY,
                tenant_id text COLLATE "C" NOT NULL,
                connector_id text COLLATE "C" NOT NULL,
                kind text NOT NULL,
                status text NOT NULL,
                started_at bigint NOT NULL,
                finished_at bigint NULL,
                high_water_mark bigint NULL,
                counts text NOT NULL,
                errors text NOT NULL,
                error_count bigint NOT NULL,
                status_message text NULL,
                lease_holder text NULL
            );
            CREATE INDEX IF NOT EXISTS ix_cv_sync_runs_connector ON cv_sync_runs (tenant_id, connector_id, started_at);

            CREATE TABLE IF NOT EXISTS cv_checkpoints (
                tenant_id text COLLATE "C" NOT NULL,
                connector_id text COLLATE "C" NOT NULL,
                scope text COLLATE "C" NOT NULL,
                value text NOT NULL,
                updated_at bigint NOT NULL,
                PRIMARY KEY (tenant_id, connector_id, scope)
            );

            CREATE TABLE IF NOT EXISTS cv_ingestion_watermarks (
                tenant_id text COLLATE "C" NOT NULL,
                connector_id text COLLATE "C" NOT NULL,
                watermark bigint NOT NULL,
                PRIMARY KEY (tenant_id, connector_id)
            );

            CREATE TABLE IF NOT EXISTS cv_leases (
                tenant_id text COLLATE "C" NOT NULL,
                lease_key text COLLATE "C" NOT NULL,
                holder text NOT NULL,
                expires_at bigint NOT NULL,
                PRIMARY KEY (tenant_id, lease_key)
            );

            CREATE TABLE IF NOT EXISTS cv_tokens (
                connection_id text COLLATE "C" NOT NULL PRIMARY KEY,
                token bytea NOT NULL,
                version text NOT NULL,
                expires_at bigint NULL,
                updated_at bigint NOT NULL
            );
            """),

        // Progress of runs on other machines (workers write, hosts relay) and the schedule of periodic syncs.
        (2, """
            CREATE TABLE IF NOT EXISTS cv_run_progress (
                sequence bigserial PRIMARY KEY,
                tenant_id text NOT NULL,
                connector_id text NOT NULL,
                job_id text NULL,
                run_id text NULL,
                kind text NOT NULL,
                status text NOT NULL,
                is_final boolean NOT NULL,
                busy_until bigint NULL,
                phase text NULL,
                entity_type text NULL,
                processed bigint NOT NULL,
                percent double precision NULL,
                message text NULL,
                at bigint NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_cv_run_progress_at ON cv_run_progress (at);

            CREATE TABLE IF NOT EXISTS cv_sync_schedules (
                tenant_id text COLLATE "C" NOT NULL,
                connector_id text COLLATE "C" NOT NULL,
                interval_ticks bigint NOT NULL,
                next_due_at bigint NOT NULL,
                PRIMARY KEY (tenant_id, connector_id)
            );
            CREATE INDEX IF NOT EXISTS ix_cv_sync_schedules_due ON cv_sync_schedules (next_due_at);
            """),
    ];
}
