using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Connector.Tests.Conformance;

/// <summary>The contract every <see cref="IRawDataStore"/> must meet. Subclass it once per implementation.</summary>
public abstract class RawDataStoreConformance : IDisposable
{
    protected const string Tenant = "t1";
    protected const string Connector = "c1";

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 2, 3, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Creates a fresh, empty store.</summary>
    protected abstract IRawDataStore CreateStore(TimeProvider time);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    protected static RawRecordKey Key(string id, string entity = "message", string tenant = Tenant, string connector = Connector) => new(tenant, connector, entity, id);

    protected static RawRecordUpsert Message(string id, string text, string parent = "conv1", string updatedAt = "2026-02-03T09:00:00Z", string entity = "message", string tenant = Tenant, string connector = Connector)
        => RawRecordUpsert.FromJson(Key(id, entity, tenant, connector), $$"""{"message_id":"{{id}}","transcript":"{{text}}","last_updated_at":"{{updatedAt}}"}""", parent);

    [Fact]
    public async Task New_then_unchanged_then_changed()
    {
        var store = CreateStore(Time);
        var first = await store.UpsertAsync([Message("m1", "hello")]);
        Assert.Equal(UpsertOutcome.New, first[0].Outcome);

        var again = await store.UpsertAsync([Message("m1", "hello")]);
        Assert.Equal(UpsertOutcome.Unchanged, again[0].Outcome);
        Assert.Equal(first[0].ChangeSequence, again[0].ChangeSequence);

        Time.Advance(TimeSpan.FromMinutes(1));
        var changed = await store.UpsertAsync([Message("m1", "hello world")]);
        Assert.Equal(UpsertOutcome.Changed, changed[0].Outcome);
        Assert.True(changed[0].ChangeSequence > first[0].ChangeSequence);

        var stored = await store.GetAsync(Key("m1"));
        Assert.NotNull(stored);
        Assert.Contains("hello world", stored.Payload, StringComparison.Ordinal);
        Assert.Equal(Time.GetUtcNow().AddMinutes(-1), stored.FirstSeenAt);
        Assert.Equal(Time.GetUtcNow(), stored.LastChangedAt);
        Assert.Equal("conv1", stored.ParentId);
        Assert.False(stored.IsDeleted);
    }

    [Fact]
    public async Task Volatile_field_bump_is_unchanged_and_keeps_the_old_payload()
    {
        var store = CreateStore(Time);
        await store.UpsertAsync([Message("m1", "hello", updatedAt: "2026-02-03T09:00:00Z")]);
        var bumped = await store.UpsertAsync([Message("m1", "hello", updatedAt: "2026-02-03T10:00:00Z")]);
        Assert.Equal(UpsertOutcome.Unchanged, bumped[0].Outcome);
        var stored = await store.GetAsync(Key("m1"));
        Assert.Contains("09:00:00", stored!.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_results_are_in_input_order_and_duplicates_apply_in_order()
    {
        var store = CreateStore(Time);
        var results = await store.UpsertAsync([Message("b", "1"), Message("a", "1"), Message("b", "1"), Message("b", "2")]);
        Assert.Equal([UpsertOutcome.New, UpsertOutcome.New, UpsertOutcome.Unchanged, UpsertOutcome.Changed], results.Select(r => r.Outcome));
        Assert.Equal(["b", "a", "b", "b"], results.Select(r => r.Key.ExternalId));
        Assert.Equal(2, await store.CountAsync(Tenant, Connector));
        Assert.Contains("\"2\"", (await store.GetAsync(Key("b")))!.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_are_scoped_by_tenant_connector_and_entity_type()
    {
        var store = CreateStore(Time);
        await store.UpsertAsync([Message("x", "1"), Message("x", "1", entity: "action_item"), Message("x", "1", tenant: "t2")]);
        Assert.Equal(2, await store.CountAsync(Tenant, Connector));
        Assert.Equal(1, await store.CountAsync(Tenant, Connector, "action_item"));
        Assert.Equal(1, await store.CountAsync("t2", Connector));
        Assert.Null(await store.GetAsync(Key("x", connector: "other")));
    }

    [Fact]
    public async Task Parent_change_is_a_change()
    {
        var store = CreateStore(Time);
        await store.UpsertAsync([Message("m1", "a", parent: "c1")]);
        var moved = await store.UpsertAsync([Message("m1", "a", parent: "c2")]);
        Assert.Equal(UpsertOutcome.Changed, moved[0].Outcome);
    }

    [Fact]
    public async Task Tombstone_marks_deleted_once_and_skips_missing_keys()
    {
        var store = CreateStore(Time);
        var written = await store.UpsertAsync([Message("m1", "a"), Message("m2", "b")]);
        var tomb = await store.TombstoneAsync([Key("m1"), Key("missing")]);
        Assert.Single(tomb);
        Assert.Equal(UpsertOutcome.Changed, tomb[0].Outcome);
        Assert.True(tomb[0].ChangeSequence > written[1].ChangeSequence);

        var again = await store.TombstoneAsync([Key("m1")]);
        Assert.Equal(UpsertOutcome.Unchanged, again[0].Outcome);

        var stored = await store.GetAsync(Key("m1"));
        Assert.True(stored!.IsDeleted);
        Assert.Contains("\"a\"", stored.Payload, StringComparison.Ordinal);
        Assert.Equal(1, await store.CountAsync(Tenant, Connector));
        Assert.Equal(2, await store.CountAsync(Tenant, Connector, includeDeleted: true));
    }

    [Fact]
    public async Task Upsert_can_write_a_tombstone_and_revive_it()
    {
        var store = CreateStore(Time);
        var created = await store.UpsertAsync([Message("m1", "a") with { IsDeleted = true }]);
        Assert.Equal(UpsertOutcome.New, created[0].Outcome);
        Assert.True((await store.GetAsync(Key("m1")))!.IsDeleted);
        var revived = await store.UpsertAsync([Message("m1", "a")]);
        Assert.Equal(UpsertOutcome.Changed, revived[0].Outcome);
        Assert.False((await store.GetAsync(Key("m1")))!.IsDeleted);
    }

    [Fact]
    public async Task Read_changed_since_pages_in_sequence_order_and_sees_only_the_latest_change()
    {
        var store = CreateStore(Time);
        await store.UpsertAsync(Enumerable.Range(0, 7).Select(i => Message($"m{i}", "v1")).ToList());
        await store.UpsertAsync([Message("other", "x", tenant: "t2")]);
        await store.UpsertAsync([Message("m2", "v2")]);

        var seen = new List<RawRecord>();
        long watermark = 0;
        RawRecordPage page;
        do
        {
            page = await store.ReadChangedSinceAsync(Tenant, Connector, watermark, 3);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items);
            watermark = page.NextWatermark;
        }
        while (page.HasMore);

        Assert.Equal(7, seen.Count);
        Assert.Equal(seen.Select(r => r.ChangeSequence).Order(), seen.Select(r => r.ChangeSequence));
        Assert.Equal("m2", seen[^1].Key.ExternalId);
        Assert.All(seen, r => Assert.Equal(Tenant, r.Key.TenantId));

        var after = await store.ReadChangedSinceAsync(Tenant, Connector, watermark, 3);
        Assert.Empty(after.Items);
        Assert.False(after.HasMore);
        Assert.Equal(watermark, after.NextWatermark);

        await store.TombstoneAsync([Key("m0")]);
        var tombstoned = await store.ReadChangedSinceAsync(Tenant, Connector, watermark, 10);
        Assert.Equal("m0", Assert.Single(tombstoned.Items).Key.ExternalId);
        Assert.True(tombstoned.Items[0].IsDeleted);
    }

    [Fact]
    public async Task Unchanged_upserts_do_not_move_the_watermark()
    {
        var store = CreateStore(Time);
        await store.UpsertAsync([Message("m1", "a")]);
        var page = await store.ReadChangedSinceAsync(Tenant, Connector, 0, 10);
        await store.UpsertAsync([Message("m1", "a", updatedAt: "2030-01-01T00:00:00Z")]);
        Assert.Empty((await store.ReadChangedSinceAsync(Tenant, Connector, page.NextWatermark, 10)).Items);
    }

    [Fact]
    public async Task List_by_parent_pages_by_external_id()
    {
        var store = CreateStore(Time);
        await store.UpsertAsync([Message("c", "1"), Message("a", "1"), Message("b", "1"), Message("d", "1", parent: "conv2"), Message("e", "1")]);
        await store.TombstoneAsync([Key("e")]);
        var first = await store.ListByParentAsync(Tenant, Connector, "message", "conv1", null, 2);
        Assert.Equal(["a", "b"], first.Select(r => r.Key.ExternalId));
        var second = await store.ListByParentAsync(Tenant, Connector, "message", "conv1", "b", 2);
        Assert.Equal(["c"], second.Select(r => r.Key.ExternalId));
        var withDeleted = await store.ListByParentAsync(Tenant, Connector, "message", "conv1", "b", 10, includeDeleted: true);
        Assert.Equal(["c", "e"], withDeleted.Select(r => r.Key.ExternalId));
    }

    [Fact]
    public async Task Headers_by_parent_are_the_listed_records_without_their_payloads()
    {
        var store = CreateStore(Time);
        await store.UpsertAsync([Message("c", "1"), Message("a", "1"), Message("b", "1"), Message("d", "1", parent: "conv2"), Message("e", "1"), Message("f", "1", tenant: "t2")]);
        await store.TombstoneAsync([Key("e")]);
        foreach (var (after, size, deleted) in new (string?, int, bool)[] { (null, 2, false), ("b", 2, false), (null, 10, true), ("c", 1, true), ("e", 5, true) })
        {
            var records = await store.ListByParentAsync(Tenant, Connector, "message", "conv1", after, size, deleted);
            var headers = await store.ListHeadersByParentAsync(Tenant, Connector, "message", "conv1", after, size, deleted);
            Assert.Equal(records.Select(RawRecordHeader.Of), headers);
        }

        Assert.Equal(["a", "b", "c", "e"], (await store.ListHeadersByParentAsync(Tenant, Connector, "message", "conv1", null, 10, includeDeleted: true)).Select(h => h.Key.ExternalId));
        Assert.True((await store.ListHeadersByParentAsync(Tenant, Connector, "message", "conv1", "d", 10, includeDeleted: true)).Single().IsDeleted);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListHeadersByParentAsync(Tenant, Connector, "message", "conv1", null, 0));
    }

    [Fact]
    public async Task Changed_headers_page_like_the_changed_records()
    {
        var store = CreateStore(Time);
        await store.UpsertAsync(Enumerable.Range(0, 7).Select(i => Message($"m{i}", "v1", parent: i % 2 == 0 ? "conv1" : "conv2")).ToList());
        await store.UpsertAsync([Message("other", "x", connector: "c2")]);
        await store.UpsertAsync([Message("m2", "v2")]);
        await store.TombstoneAsync([Key("m5")]);

        long watermark = 0;
        var pages = 0;
        RawRecordHeaderPage headers;
        do
        {
            var records = await store.ReadChangedSinceAsync(Tenant, Connector, watermark, 3);
            headers = await store.ReadChangedHeadersSinceAsync(Tenant, Connector, watermark, 3);
            Assert.Equal(records.Items.Select(RawRecordHeader.Of), headers.Items);
            Assert.Equal(records.NextWatermark, headers.NextWatermark);
            Assert.Equal(records.HasMore, headers.HasMore);
            watermark = headers.NextWatermark;
            pages++;
        }
        while (headers.HasMore);

        Assert.Equal(3, pages);
        var last = await store.ReadChangedHeadersSinceAsync(Tenant, Connector, watermark, 3);
        Assert.Empty(last.Items);
        Assert.Equal(watermark, last.NextWatermark);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadChangedHeadersSinceAsync(Tenant, Connector, 0, 0));
    }

    [Fact]
    public async Task Purge_deletes_only_that_connectors_records_tombstones_included_and_is_idempotent()
    {
        var store = CreateStore(Time);
        await store.UpsertAsync([Message("m1", "a"), Message("m2", "b"), Message("w1", "c", entity: "workspace"), Message("m1", "a", connector: "c2"), Message("m1", "a", tenant: "t2")]);
        await store.TombstoneAsync([Key("m2")]);

        Assert.Equal(3, await store.PurgeAsync(Tenant, Connector));
        Assert.Equal(0, await store.PurgeAsync(Tenant, Connector));

        Assert.Equal(0, await store.CountAsync(Tenant, Connector, includeDeleted: true));
        Assert.Empty((await store.ReadChangedSinceAsync(Tenant, Connector, 0, 10)).Items);
        Assert.Empty(await store.ListByParentAsync(Tenant, Connector, "message", "conv1", null, 10, includeDeleted: true));
        Assert.Null(await store.GetAsync(Key("m2")));

        // Another connector of the tenant, and another tenant with the same connector id, keep theirs.
        Assert.Equal(1, await store.CountAsync(Tenant, "c2"));
        Assert.NotNull(await store.GetAsync(Key("m1", connector: "c2")));
        Assert.Equal("m1", Assert.Single((await store.ReadChangedSinceAsync("t2", Connector, 0, 10)).Items).Key.ExternalId);
    }

    [Fact]
    public async Task Records_written_after_a_purge_get_higher_sequences_than_any_before()
    {
        var store = CreateStore(Time);
        await store.UpsertAsync([Message("m1", "a", connector: "c2")]);
        await store.UpsertAsync([Message("m2", "b"), Message("m3", "c")]);
        var watermark = (await store.ReadChangedSinceAsync(Tenant, Connector, 0, 10)).NextWatermark;

        await store.PurgeAsync(Tenant, Connector);
        var rewritten = await store.UpsertAsync([Message("m2", "b")]);

        Assert.Equal(UpsertOutcome.New, rewritten[0].Outcome);
        Assert.True(rewritten[0].ChangeSequence > watermark);
        Assert.Equal("m2", Assert.Single((await store.ReadChangedSinceAsync(Tenant, Connector, watermark, 10)).Items).Key.ExternalId);
    }

    [Fact]
    public async Task Unicode_and_large_payloads_round_trip()
    {
        var store = CreateStore(Time);
        var text = "héllo 👋🏽 世界 \u0000 end";
        var payload = System.Text.Json.JsonSerializer.Serialize(new { message_id = "u", transcript = text, big = new string('x', 1_000_000) });
        await store.UpsertAsync([RawRecordUpsert.FromJson(Key("u"), payload)]);
        var stored = await store.GetAsync(Key("u"));
        Assert.Equal(payload, stored!.Payload);
    }

    [Fact]
    public async Task Concurrent_batches_get_distinct_increasing_sequences()
    {
        var store = CreateStore(Time);
        var tasks = Enumerable.Range(0, 8).Select(b => store.UpsertAsync(Enumerable.Range(0, 25).Select(i => Message($"b{b}-{i}", "x")).ToList())).ToList();
        var results = (await Task.WhenAll(tasks)).SelectMany(r => r).ToList();
        Assert.Equal(200, results.Select(r => r.ChangeSequence).Distinct().Count());
        var all = await store.ReadChangedSinceAsync(Tenant, Connector, 0, 1000);
        Assert.Equal(200, all.Items.Count);
    }
}
