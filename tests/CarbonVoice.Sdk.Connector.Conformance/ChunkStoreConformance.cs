using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Connector.Tests.Conformance;

/// <summary>The contract every <see cref="IChunkStore"/> must meet.</summary>
public abstract class ChunkStoreConformance : IDisposable
{
    protected const string Tenant = "t1";
    protected const string Connector = "c1";

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 2, 3, 9, 0, 0, TimeSpan.Zero));

    protected abstract IChunkStore CreateStore(TimeProvider time);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    protected static Chunk MakeChunk(string source, int index, string text = "text", string pillar = "customer_health", string? conversation = "conv1", string tenant = Tenant, string connector = Connector)
        => new()
        {
            ChunkId = ChunkIds.For(tenant, connector, source, index),
            TenantId = tenant,
            ConnectorId = connector,
            SourceKey = source,
            Index = index,
            EntityType = "message",
            ConversationId = conversation,
            WorkspaceId = "ws1",
            Pillar = pillar,
            Text = text,
            TokenCount = 3,
            ContentHash = RawContentHash.OfText(pillar + text),
            Metadata = new Dictionary<string, string> { ["speaker"] = "Ana 👋", ["index"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };

    [Fact]
    public void Chunk_ids_are_deterministic_and_distinct()
    {
        Assert.Equal(ChunkIds.For("t", "c", "s", 1), ChunkIds.For("t", "c", "s", 1));
        Assert.NotEqual(ChunkIds.For("t", "c", "s", 1), ChunkIds.For("t", "c", "s", 2));
        Assert.NotEqual(ChunkIds.For("t", "c", "s1", 1), ChunkIds.For("t", "c", "s", 11));
    }

    [Fact]
    public async Task Upsert_reports_new_unchanged_changed_and_round_trips()
    {
        var store = CreateStore(Time);
        Assert.Equal([UpsertOutcome.New, UpsertOutcome.New], await store.UpsertAsync([MakeChunk("s", 0), MakeChunk("s", 1)]));
        Assert.Equal([UpsertOutcome.Unchanged], await store.UpsertAsync([MakeChunk("s", 0)]));
        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal([UpsertOutcome.Changed], await store.UpsertAsync([MakeChunk("s", 0, "new text")]));

        var page = await store.QueryAsync(new ChunkQuery(Tenant, Connector) { SourceKey = "s" });
        Assert.Equal(2, page.Items.Count);
        var first = page.Items[0];
        Assert.Equal("new text", first.Chunk.Text);
        Assert.Equal("Ana 👋", first.Chunk.Metadata["speaker"]);
        Assert.Equal("ws1", first.Chunk.WorkspaceId);
        Assert.Equal(3, first.Chunk.TokenCount);
        Assert.Equal(Time.GetUtcNow().AddMinutes(-5), first.CreatedAt);
        Assert.Equal(Time.GetUtcNow(), first.UpdatedAt);
        Assert.Equal(page.Items[1].CreatedAt, page.Items[1].UpdatedAt);
    }

    [Fact]
    public async Task Delete_by_source_from_index()
    {
        var store = CreateStore(Time);
        await store.UpsertAsync(Enumerable.Range(0, 5).Select(i => MakeChunk("s", i)).Append(MakeChunk("other", 0)).ToList());
        Assert.Equal(2, await store.DeleteBySourceAsync(Tenant, Connector, "s", 3));
        Assert.Equal(3, await store.CountAsync(new ChunkQuery(Tenant, Connector) { SourceKey = "s" }));
        Assert.Equal(3, await store.DeleteBySourceAsync(Tenant, Connector, "s"));
        Assert.Equal(0, await store.DeleteBySourceAsync(Tenant, Connector, "s"));
        Assert.Equal(1, await store.CountAsync(new ChunkQuery(Tenant, Connector)));
    }

    [Fact]
    public async Task Purge_deletes_only_that_connectors_chunks_and_is_idempotent()
    {
        var store = CreateStore(Time);
        await store.UpsertAsync([
            MakeChunk("a", 0),
            MakeChunk("a", 1),
            MakeChunk("b", 0, pillar: "operational_maturity"),
            MakeChunk("a", 0, connector: "c2"),
            MakeChunk("a", 0, tenant: "t2"),
        ]);

        Assert.Equal(3, await store.PurgeAsync(Tenant, Connector));
        Assert.Equal(0, await store.PurgeAsync(Tenant, Connector));

        Assert.Equal(0, await store.CountAsync(new ChunkQuery(Tenant, Connector)));
        var page = await store.QueryAsync(new ChunkQuery(Tenant, Connector));
        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);

        // Another connector of the tenant, and another tenant with the same connector id, keep theirs.
        Assert.Equal("c2", Assert.Single((await store.QueryAsync(new ChunkQuery(Tenant, "c2"))).Items).Chunk.ConnectorId);
        Assert.Equal(1, await store.CountAsync(new ChunkQuery("t2", Connector)));

        // Nothing stale remains to make a re-ingested chunk look unchanged.
        Assert.Equal([UpsertOutcome.New], await store.UpsertAsync([MakeChunk("a", 0)]));
    }

    [Fact]
    public async Task Query_filters_by_pillar_conversation_and_tenant()
    {
        var store = CreateStore(Time);
        await store.UpsertAsync([
            MakeChunk("a", 0, pillar: "customer_health", conversation: "conv1"),
            MakeChunk("b", 0, pillar: "operational_maturity", conversation: "conv1"),
            MakeChunk("c", 0, pillar: "operational_maturity", conversation: "conv2"),
            MakeChunk("d", 0, tenant: "t2"),
        ]);
        Assert.Equal(3, await store.CountAsync(new ChunkQuery(Tenant, Connector)));
        Assert.Equal(2, await store.CountAsync(new ChunkQuery(Tenant, Connector) { Pillar = "operational_maturity" }));
        Assert.Equal(2, await store.CountAsync(new ChunkQuery(Tenant, Connector) { ConversationId = "conv1" }));
        var both = await store.QueryAsync(new ChunkQuery(Tenant, Connector) { ConversationId = "conv1", Pillar = "operational_maturity" });
        Assert.Equal("b", Assert.Single(both.Items).Chunk.SourceKey);
        Assert.Null(both.ContinuationToken);
    }

    [Fact]
    public async Task Query_pages_in_source_and_index_order_without_gaps()
    {
        var store = CreateStore(Time);
        var chunks = new[] { "b", "a", "c" }.SelectMany(s => Enumerable.Range(0, 12).Select(i => MakeChunk(s, i))).ToList();
        await store.UpsertAsync(chunks);
        var seen = new List<(string, int)>();
        string? token = null;
        do
        {
            var page = await store.QueryAsync(new ChunkQuery(Tenant, Connector), token, 5);
            Assert.True(page.Items.Count <= 5);
            seen.AddRange(page.Items.Select(c => (c.Chunk.SourceKey, c.Chunk.Index)));
            token = page.ContinuationToken;
        }
        while (token is not null);

        var expected = new[] { "a", "b", "c" }.SelectMany(s => Enumerable.Range(0, 12).Select(i => (s, i))).ToList();
        Assert.Equal(expected, seen);
    }
}
