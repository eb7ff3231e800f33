using CarbonVoice.Sdk.Connector.Sqlite;
using CarbonVoice.Sdk.Testing;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.Tests.Support;

public enum StoreKind
{
    InMemory,
    Sqlite,
}

/// <summary>An in-process emulator, an SDK client on it, and the connector's services over in-memory or SQLite stores.</summary>
public sealed class EmulatorHarness : IAsyncDisposable
{
    public const string TenantId = "tenant-1";
    public const string ConnectorId = "connector-1";
    private readonly TempSqliteFile? _file;
    private readonly List<IDisposable> _owned = [];

    public EmulatorHarness(StoreKind kind = StoreKind.InMemory, Action<EmulatorOptions>? emulator = null, Action<SyncOptions>? sync = null, IAccessTokenProvider? tokens = null)
    {
        var options = new EmulatorOptions
        {
            Seed = 7,
            Workspaces = 2,
            ConversationsPerWorkspace = 2,
            MessagesPerConversation = 12,
            Users = 3,
            TimeProvider = Time,
        };
        options.RateLimit.Enabled = false;
        emulator?.Invoke(options);
        Emulator = new CarbonVoiceEmulator(options);
        UserId = Emulator.Data.Users[0].Id;
        Client = CreateClient(tokens);
        SyncOptions = new SyncOptions { MessagePageSize = 5, MaxConcurrency = 4, EnqueueIngestionAfterSync = false };
        sync?.Invoke(SyncOptions);
        if (kind == StoreKind.Sqlite)
        {
            _file = new TempSqliteFile();
            Raw = Own(new SqliteRawDataStore(_file.ConnectionString, Time));
            Chunks = Own(new SqliteChunkStore(_file.ConnectionString, Time));
            State = Own(new SqliteSyncStateStore(_file.ConnectionString, Time));
        }
        else
        {
            Raw = new InMemoryRawDataStore(Time);
            Chunks = new InMemoryChunkStore(Time);
            State = new InMemorySyncStateStore(Time);
        }

        Sync = new CarbonVoiceSyncService(Raw, State, Options.Create(SyncOptions), Time);
        Ingestion = new CarbonVoiceIngestionService(Raw, Chunks, State, new KeywordPillarMapper(Options.Create(new PillarMappingOptions())), TiktokenTokenCounter.Shared, Options.Create(new IngestionOptions()), Time);
    }

    public TimerWatchingTimeProvider Time { get; } = new(new DateTimeOffset(2026, 2, 10, 12, 0, 0, TimeSpan.Zero));

    public CarbonVoiceEmulator Emulator { get; }

    public string UserId { get; }

    public CarbonVoiceClient Client { get; }

    public SyncOptions SyncOptions { get; }

    public IRawDataStore Raw { get; }

    public IChunkStore Chunks { get; }

    public ISyncStateStore State { get; }

    public CarbonVoiceSyncService Sync { get; }

    public CarbonVoiceIngestionService Ingestion { get; }

    public CarbonVoiceClient CreateClient(IAccessTokenProvider? tokens = null)
    {
        var options = new CarbonVoiceOptions
        {
            BaseAddress = Emulator.BaseAddress,
            ClientId = "emulator-client",
            ClientSecret = "emulator-secret",
            RetryBaseDelay = TimeSpan.Zero,
        };
        return Own(new CarbonVoiceClient(options, tokens ?? new StaticAccessTokenProvider(Emulator.IssueTokens(UserId).AccessToken), Emulator.CreateHandler()));
    }

    public Task<SyncRun> SyncAsync(SyncMode mode = SyncMode.Auto, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default, IReadOnlySet<string>? entities = null)
        => Sync.SyncAsync(Client, new SyncRequest(TenantId, ConnectorId) { Mode = mode, EnabledEntities = entities }, progress, cancellationToken);

    public Task<SyncRun> IngestAsync() => Ingestion.IngestAsync(TenantId, ConnectorId);

    /// <summary>Every raw record as (key, hash, deleted), sorted: the fingerprint compared across runs.</summary>
    public Task<List<string>> FingerprintAsync() => Fingerprint(Raw);

    public static async Task<List<string>> Fingerprint(IRawDataStore raw)
    {
        var all = new List<string>();
        long watermark = 0;
        RawRecordPage page;
        do
        {
            page = await raw.ReadChangedSinceAsync(TenantId, ConnectorId, watermark, 1000);
            all.AddRange(page.Items.Select(r => $"{r.Key.EntityType}/{r.Key.ExternalId} {r.ContentHash} {(r.IsDeleted ? "deleted" : "live")} parent={r.ParentId}"));
            watermark = page.NextWatermark;
        }
        while (page.HasMore);
        all.Sort(StringComparer.Ordinal);
        return all;
    }

    /// <summary>The live raw records as (key, hash, parent), sorted: what a full sync of the same data must reproduce (tombstones left out).</summary>
    public Task<List<string>> LiveFingerprintAsync() => LiveFingerprint(Raw);

    public static async Task<List<string>> LiveFingerprint(IRawDataStore raw)
        => (await Fingerprint(raw)).Where(line => line.Contains(" live ", StringComparison.Ordinal)).ToList();

    /// <summary>The conversations the default user collaborates in (the ones the connector syncs).</summary>
    public IReadOnlyList<EmulatorConversation> SyncedConversations()
        => [.. Emulator.Data.WorkspacesOf(UserId).SelectMany(w => Emulator.Data.ConversationsIn(w.Id)).Where(c => c.CollaboratorIds.Contains(UserId))];

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        await Emulator.DisposeAsync();
        _file?.Dispose();
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
