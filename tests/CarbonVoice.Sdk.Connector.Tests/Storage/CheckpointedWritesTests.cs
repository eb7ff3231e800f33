using CarbonVoice.Sdk.Connector.Tests.Support;

namespace CarbonVoice.Sdk.Connector.Tests.Storage;

public sealed class CheckpointedWritesTests
{
    [Fact]
    public async Task A_store_without_transactions_writes_the_records_then_the_checkpoint()
    {
        var raw = new FailingCheckpointState();
        var records = new InMemoryRawDataStore();
        var page = new[] { RawRecordUpsert.FromJson(new RawRecordKey("t", "c", "message", "m1"), "{}") };

        // The checkpoint write fails after the records are stored: the page is read again, never skipped.
        await Assert.ThrowsAsync<InvalidOperationException>(() => CheckpointedWrites.UpsertAsync(records, raw, page, new CheckpointWrite("t", "c", "scope", "v")));
        Assert.Equal(1, await records.CountAsync("t", "c"));

        var state = new InMemorySyncStateStore();
        await CheckpointedWrites.UpsertAsync(ConnectorStoreGuard.Wrap(records), state, page, new CheckpointWrite("t", "c", "scope", "v2"));
        Assert.Equal("v2", await state.GetCheckpointAsync("t", "c", "scope"));
    }

    [Fact]
    public async Task The_stored_records_are_reported_before_a_separate_checkpoint_write_fails()
    {
        var records = new InMemoryRawDataStore();
        var page = new[] { RawRecordUpsert.FromJson(new RawRecordKey("t", "c", "message", "m1"), "{}") };
        IReadOnlyList<RawUpsertResult>? stored = null;

        await Assert.ThrowsAsync<InvalidOperationException>(() => CheckpointedWrites.UpsertAsync(records, new FailingCheckpointState(), page, new CheckpointWrite("t", "c", "scope", "v"), r => stored = r, CancellationToken.None));

        Assert.Equal(UpsertOutcome.New, Assert.Single(stored!).Outcome);
    }

    [Fact]
    public async Task A_page_without_records_writes_only_its_checkpoint_even_on_a_transactional_store()
    {
        var state = new InMemorySyncStateStore();
        var atomic = new RefusingAtomicStore();
        var calls = 0;

        Assert.Empty(await CheckpointedWrites.UpsertAsync(ConnectorStoreGuard.Wrap(atomic), state, [], new CheckpointWrite("t", "c", "scope", "v"), _ => calls++, CancellationToken.None));

        Assert.Equal("v", await state.GetCheckpointAsync("t", "c", "scope"));
        Assert.Equal(1, calls);
    }

    /// <summary>A transactional store that is never to be called (an empty page needs no transaction).</summary>
    private sealed class RefusingAtomicStore() : DelegatingRawDataStore(new InMemoryRawDataStore()), ICheckpointedRawDataStore
    {
        public Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CheckpointWrite checkpoint, CancellationToken cancellationToken = default)
            => throw new InvalidOperationException("An empty page was sent to the transaction.");

        public override Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CancellationToken cancellationToken = default)
            => throw new InvalidOperationException("An empty page was written.");
    }

    private sealed class FailingCheckpointState : ISyncStateStore
    {
        public Task SetCheckpointAsync(string tenantId, string connectorId, string scope, string? value, CancellationToken cancellationToken = default) => throw new InvalidOperationException("disk full");

        public Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark, string? leaseHolder, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SyncRun?> TryInterruptRunAsync(string runId, string message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task SaveRunAsync(SyncRun run, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SyncRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<SyncRun>> ListRunsAsync(string tenantId, string connectorId, int limit = 20, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string?> GetCheckpointAsync(string tenantId, string connectorId, string scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, string>> ListCheckpointsAsync(string tenantId, string connectorId, string scopePrefix, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long> GetIngestionWatermarkAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task SetIngestionWatermarkAsync(string tenantId, string connectorId, long watermark, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SyncLease?> TryAcquireLeaseAsync(string tenantId, string connectorId, string holder, TimeSpan duration, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SyncLease?> RenewLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SyncLease?> GetLeaseAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
