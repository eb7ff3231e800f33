using System.Text.Json;
using CarbonVoice.Sdk.Connector.PostgreSql.Internal;
using Npgsql;
using NpgsqlTypes;
using static CarbonVoice.Sdk.Connector.PostgreSql.Internal.Sql;

namespace CarbonVoice.Sdk.Connector.PostgreSql;

/// <summary>
/// An <see cref="IChunkStore"/> over PostgreSQL. A batch is one transaction: the stored hashes of its chunk ids are read in
/// one query, outcomes are decided in input order, and the changed chunks are written with one
/// <c>INSERT … ON CONFLICT (chunk_id) DO UPDATE</c> (from <c>unnest</c>, or binary <c>COPY</c> into a staging table for large
/// batches). Chunk ids are deterministic, so a repeated or concurrent write of the same chunk converges on one row.
/// </summary>
public sealed class PostgreSqlChunkStore : IChunkStore, IAsyncDisposable, IDisposable
{
    private const string Columns = "chunk_id, tenant_id, connector_id, source_key, chunk_index, entity_type, workspace_id, conversation_id, pillar, text, token_count, content_hash, metadata, created_at, updated_at";
    private const string OnConflict = "ON CONFLICT (chunk_id) DO UPDATE SET tenant_id = excluded.tenant_id, connector_id = excluded.connector_id, source_key = excluded.source_key, chunk_index = excluded.chunk_index, entity_type = excluded.entity_type, workspace_id = excluded.workspace_id, conversation_id = excluded.conversation_id, pillar = excluded.pillar, text = excluded.text, token_count = excluded.token_count, content_hash = excluded.content_hash, metadata = excluded.metadata, updated_at = excluded.updated_at";
    private const string Filter = "tenant_id = @t AND connector_id = @c AND (@pillar::text IS NULL OR pillar = @pillar) AND (@conv::text IS NULL OR conversation_id = @conv) AND (@src::text IS NULL OR source_key = @src) AND (@ent::text IS NULL OR entity_type = @ent)";
    private readonly PostgreSqlConnectorDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over its own connection pool; the schema is created on first use.</summary>
    /// <param name="options">The connection string and schema.</param>
    /// <param name="timeProvider">The clock.</param>
    public PostgreSqlChunkStore(PostgreSqlConnectorOptions options, TimeProvider? timeProvider = null)
        : this(new PostgreSqlConnectorDatabase(options), timeProvider, ownsDatabase: true)
    {
    }

    internal PostgreSqlChunkStore(PostgreSqlConnectorDatabase database, TimeProvider? timeProvider, bool ownsDatabase = false)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UpsertOutcome>> UpsertAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        foreach (var chunk in chunks)
        {
            ArgumentNullException.ThrowIfNull(chunk);
        }

        if (chunks.Count == 0)
        {
            return [];
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
                using (var read = Command(connection, "SELECT chunk_id, content_hash FROM cv_chunks WHERE chunk_id = ANY(@ids) FOR UPDATE;", transaction)
                    .TextArray("ids", [.. chunks.Select(c => c.ChunkId).Distinct(StringComparer.Ordinal)]))
                {
                    using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        hashes[reader.GetString(0)] = reader.GetString(1);
                    }
                }

                var outcomes = new List<UpsertOutcome>(chunks.Count);
                var finals = new Dictionary<string, Chunk>(StringComparer.Ordinal);
                foreach (var chunk in chunks)
                {
                    var known = hashes.TryGetValue(chunk.ChunkId, out var hash);
                    if (known && hash == chunk.ContentHash)
                    {
                        outcomes.Add(UpsertOutcome.Unchanged);
                        continue;
                    }

                    outcomes.Add(known ? UpsertOutcome.Changed : UpsertOutcome.New);
                    hashes[chunk.ChunkId] = chunk.ContentHash;
                    finals[chunk.ChunkId] = chunk;
                }

                if (finals.Count > 0)
                {
                    var now = Ticks(_time.GetUtcNow());
                    var rows = finals.Values.ToList();
                    if (rows.Count >= _database.CopyThreshold)
                    {
                        await WriteByCopyAsync(connection, transaction, rows, now, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await WriteByUnnestAsync(connection, transaction, rows, now, cancellationToken).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return outcomes;
            }
        }
    }

    /// <inheritdoc />
    public Task<int> DeleteBySourceAsync(string tenantId, string connectorId, string sourceKey, int fromIndex = 0, CancellationToken cancellationToken = default)
        => _database.ExecuteAsync(
            "DELETE FROM cv_chunks WHERE tenant_id = @t AND connector_id = @c AND source_key = @src AND chunk_index >= @from;",
            c => c.Text("t", tenantId).Text("c", connectorId).Text("src", sourceKey).Int("from", fromIndex),
            cancellationToken);

    /// <inheritdoc />
    public async Task<ChunkPage> QueryAsync(ChunkQuery query, string? continuationToken = null, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        (string SourceKey, int Index)? after = continuationToken is null ? null : ChunkContinuation.Decode(continuationToken);
        var items = await _database.QueryAsync(
            $"SELECT {Columns} FROM cv_chunks WHERE {Filter} AND (@after::text IS NULL OR (source_key, chunk_index) > (@after, @afterIdx)) ORDER BY source_key, chunk_index LIMIT @n;",
            c => Bind(c, query).Text("after", after?.SourceKey).Int("afterIdx", after?.Index ?? -1).Int("n", pageSize + 1),
            Read,
            cancellationToken).ConfigureAwait(false);
        var hasMore = items.Count > pageSize;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }

        return new ChunkPage(items, hasMore ? ChunkContinuation.Encode(items[^1].Chunk.SourceKey, items[^1].Chunk.Index) : null);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(ChunkQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return (long)(await _database.ScalarAsync($"SELECT COUNT(*) FROM cv_chunks WHERE {Filter};", c => Bind(c, query), cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => _database.ExecuteAsync("DELETE FROM cv_chunks WHERE tenant_id = @t AND connector_id = @c;", c => c.Text("t", tenantId).Text("c", connectorId), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsDatabase)
        {
            await _database.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Metadata(Chunk chunk) => JsonSerializer.Serialize(chunk.Metadata.ToDictionary(), PostgreSqlJsonContext.Default.DictionaryStringString);

    private static NpgsqlCommand Bind(NpgsqlCommand command, ChunkQuery query)
        => command.Text("t", query.TenantId).Text("c", query.ConnectorId).Text("pillar", query.Pillar).Text("conv", query.ConversationId).Text("src", query.SourceKey).Text("ent", query.EntityType);

    private static async Task WriteByUnnestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Chunk> rows, long now, CancellationToken cancellationToken)
    {
        using var command = Command(
            connection,
            $"INSERT INTO cv_chunks ({Columns}) SELECT id, t, c, src, idx, ent, ws, conv, pillar, txt, tokens, h, meta, @now, @now FROM unnest(@id, @t, @c, @src, @idx, @ent, @ws, @conv, @pillar, @txt, @tokens, @h, @meta) AS v(id, t, c, src, idx, ent, ws, conv, pillar, txt, tokens, h, meta) {OnConflict};",
            transaction)
            .Bigint("now", now)
            .TextArray("id", [.. rows.Select(r => r.ChunkId)])
            .TextArray("t", [.. rows.Select(r => r.TenantId)])
            .TextArray("c", [.. rows.Select(r => r.ConnectorId)])
            .TextArray("src", [.. rows.Select(r => r.SourceKey)])
            .Add("idx", NpgsqlDbType.Array | NpgsqlDbType.Integer, rows.Select(r => r.Index).ToArray())
            .TextArray("ent", [.. rows.Select(r => r.EntityType)])
            .TextArray("ws", [.. rows.Select(r => r.WorkspaceId)])
            .TextArray("conv", [.. rows.Select(r => r.ConversationId)])
            .TextArray("pillar", [.. rows.Select(r => r.Pillar)])
            .TextArray("txt", [.. rows.Select(r => r.Text)])
            .Add("tokens", NpgsqlDbType.Array | NpgsqlDbType.Integer, rows.Select(r => r.TokenCount).ToArray())
            .TextArray("h", [.. rows.Select(r => r.ContentHash)])
            .TextArray("meta", [.. rows.Select(Metadata)]);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteByCopyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Chunk> rows, long now, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, "CREATE TEMP TABLE cv_chunk_stage (LIKE cv_chunks) ON COMMIT DROP;", cancellationToken).ConfigureAwait(false);
        var importer = await connection.BeginBinaryImportAsync($"COPY cv_chunk_stage ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var chunk in rows)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(chunk.ChunkId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(chunk.TenantId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(chunk.ConnectorId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(chunk.SourceKey, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(chunk.Index, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(chunk.EntityType, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(importer, chunk.WorkspaceId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(importer, chunk.ConversationId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(chunk.Pillar, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(chunk.Text, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(chunk.TokenCount, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(chunk.ContentHash, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(Metadata(chunk), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(now, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(now, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, $"INSERT INTO cv_chunks ({Columns}) SELECT {Columns} FROM cv_chunk_stage {OnConflict};", cancellationToken).ConfigureAwait(false);
    }

    private static StoredChunk Read(NpgsqlDataReader reader)
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
            Metadata = JsonSerializer.Deserialize(reader.GetString(12), PostgreSqlJsonContext.Default.DictionaryStringString) ?? [],
        };
        return new StoredChunk(chunk, Time(reader, 13), Time(reader, 14));
    }
}
