using System.Text.Json;
using CarbonVoice.Sdk.Connector.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using static CarbonVoice.Sdk.Connector.Sqlite.Internal.SqliteValues;

namespace CarbonVoice.Sdk.Connector.Sqlite;

/// <summary>An <see cref="IChunkStore"/> over a SQLite file.</summary>
public sealed class SqliteChunkStore : IChunkStore, IDisposable
{
    private const string Columns = "chunk_id, tenant_id, connector_id, source_key, chunk_index, entity_type, workspace_id, conversation_id, pillar, text, token_count, content_hash, metadata, created_at, updated_at";
    private const string Filter = "tenant_id = $t AND connector_id = $c AND ($pillar IS NULL OR pillar = $pillar) AND ($conv IS NULL OR conversation_id = $conv) AND ($src IS NULL OR source_key = $src) AND ($ent IS NULL OR entity_type = $ent)";
    private readonly SqliteConnectorDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly TimeProvider _time;

    /// <summary>Creates the store; the schema is created on first use.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <param name="timeProvider">The clock.</param>
    public SqliteChunkStore(string connectionString, TimeProvider? timeProvider = null)
        : this(new SqliteConnectorDatabase(connectionString), timeProvider, ownsDatabase: true)
    {
    }

    internal SqliteChunkStore(SqliteConnectorDatabase database, TimeProvider? timeProvider, bool ownsDatabase = false)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UpsertOutcome>> UpsertAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var outcomes = new List<UpsertOutcome>(chunks.Count);
        if (chunks.Count == 0)
        {
            return outcomes;
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var now = Ticks(_time.GetUtcNow());
            using var select = Command(connection, "SELECT content_hash FROM cv_chunks WHERE chunk_id = $id;", transaction);
            using var insert = Command(connection, $"INSERT INTO cv_chunks ({Columns}) VALUES ($id, $t, $c, $src, $idx, $ent, $ws, $conv, $pillar, $text, $tokens, $h, $meta, $now, $now);", transaction);
            using var update = Command(connection, "UPDATE cv_chunks SET tenant_id = $t, connector_id = $c, source_key = $src, chunk_index = $idx, entity_type = $ent, workspace_id = $ws, conversation_id = $conv, pillar = $pillar, text = $text, token_count = $tokens, content_hash = $h, metadata = $meta, updated_at = $now WHERE chunk_id = $id;", transaction);
            foreach (var chunk in chunks)
            {
                ArgumentNullException.ThrowIfNull(chunk);
                Set(select, "$id", chunk.ChunkId);
                var existing = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
                if (existing == chunk.ContentHash)
                {
                    outcomes.Add(UpsertOutcome.Unchanged);
                    continue;
                }

                var command = existing is null ? insert : update;
                Set(command, "$id", chunk.ChunkId);
                Set(command, "$t", chunk.TenantId);
                Set(command, "$c", chunk.ConnectorId);
                Set(command, "$src", chunk.SourceKey);
                Set(command, "$idx", chunk.Index);
                Set(command, "$ent", chunk.EntityType);
                Set(command, "$ws", OrNull(chunk.WorkspaceId));
                Set(command, "$conv", OrNull(chunk.ConversationId));
                Set(command, "$pillar", chunk.Pillar);
                Set(command, "$text", chunk.Text);
                Set(command, "$tokens", chunk.TokenCount);
                Set(command, "$h", chunk.ContentHash);
                Set(command, "$meta", JsonSerializer.Serialize(chunk.Metadata.ToDictionary(), SqliteJsonContext.Default.DictionaryStringString));
                Set(command, "$now", now);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                outcomes.Add(existing is null ? UpsertOutcome.New : UpsertOutcome.Changed);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    /// <inheritdoc />
    public async Task<int> DeleteBySourceAsync(string tenantId, string connectorId, string sourceKey, int fromIndex = 0, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, "DELETE FROM cv_chunks WHERE tenant_id = $t AND connector_id = $c AND source_key = $src AND chunk_index >= $from;");
            Set(command, "$t", tenantId);
            Set(command, "$c", connectorId);
            Set(command, "$src", sourceKey);
            Set(command, "$from", fromIndex);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<ChunkPage> QueryAsync(ChunkQuery query, string? continuationToken = null, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        (string SourceKey, int Index)? after = continuationToken is null ? null : ChunkContinuation.Decode(continuationToken);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, $"SELECT {Columns} FROM cv_chunks WHERE {Filter} AND ($after IS NULL OR source_key > $after OR (source_key = $after AND chunk_index > $afterIdx)) ORDER BY source_key, chunk_index LIMIT $n;");
            Bind(command, query);
            Set(command, "$after", OrNull(after?.SourceKey));
            Set(command, "$afterIdx", after?.Index ?? -1);
            Set(command, "$n", pageSize + 1);
            var items = new List<StoredChunk>();
            using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    items.Add(Read(reader));
                }
            }

            var hasMore = items.Count > pageSize;
            if (hasMore)
            {
                items.RemoveAt(items.Count - 1);
            }

            return new ChunkPage(items, hasMore ? ChunkContinuation.Encode(items[^1].Chunk.SourceKey, items[^1].Chunk.Index) : null);
        }
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(ChunkQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, $"SELECT COUNT(*) FROM cv_chunks WHERE {Filter};");
            Bind(command, query);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    /// <inheritdoc />
    public async Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One statement: SQLite runs it as its own transaction.
            using var command = Command(connection, "DELETE FROM cv_chunks WHERE tenant_id = $t AND connector_id = $c;");
            Set(command, "$t", tenantId);
            Set(command, "$c", connectorId);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }

    private static void Bind(SqliteCommand command, ChunkQuery query)
    {
        Set(command, "$t", query.TenantId);
        Set(command, "$c", query.ConnectorId);
        Set(command, "$pillar", OrNull(query.Pillar));
        Set(command, "$conv", OrNull(query.ConversationId));
        Set(command, "$src", OrNull(query.SourceKey));
        Set(command, "$ent", OrNull(query.EntityType));
    }

    private static StoredChunk Read(SqliteDataReader reader)
    {
        var chunk = new Chunk
        {
            ChunkId = reader.GetString(0),
            TenantId = reader.GetString(1),
            ConnectorId = reader.GetString(2),
            SourceKey = reader.GetString(3),
            Index = reader.GetInt32(4),
            EntityType = reader.GetString(5),
            WorkspaceId = StringOrNull(reader, 6),
            ConversationId = StringOrNull(reader, 7),
            Pillar = reader.GetString(8),
            Text = reader.GetString(9),
            TokenCount = reader.GetInt32(10),
            ContentHash = reader.GetString(11),
            Metadata = JsonSerializer.Deserialize(reader.GetString(12), SqliteJsonContext.Default.DictionaryStringString) ?? [],
        };
        return new StoredChunk(chunk, Time(reader, 13), Time(reader, 14));
    }
}
