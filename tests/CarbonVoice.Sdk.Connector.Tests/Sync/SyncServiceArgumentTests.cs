using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.Extensions.Options;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.Sync;

/// <summary>What the sync service refuses before it takes a lease or sends a request, and the enabled-entity setting.</summary>
public sealed class SyncServiceArgumentTests
{
    private readonly InMemoryRawDataStore _raw = new();
    private readonly InMemorySyncStateStore _state = new();
    private readonly IOptions<SyncOptions> _options = Options.Create(new SyncOptions());

    [Fact]
    public void The_constructor_refuses_missing_stores_and_options()
    {
        Assert.Equal("raw", Assert.Throws<ArgumentNullException>(() => { _ = new CarbonVoiceSyncService(null!, _state, _options); }).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => { _ = new CarbonVoiceSyncService(_raw, null!, _options); }).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => { _ = new CarbonVoiceSyncService(_raw, _state, null!); }).ParamName);
    }

    [Fact]
    public async Task A_sync_refuses_a_missing_client_request_tenant_or_connector_and_an_empty_conversation_scope()
    {
        await using var h = new EmulatorHarness();
        var sync = new CarbonVoiceSyncService(_raw, _state, _options);

        Assert.Equal("client", (await Assert.ThrowsAsync<ArgumentNullException>(() => sync.SyncAsync(null!, new SyncRequest(TenantId, ConnectorId)))).ParamName);
        Assert.Equal("request", (await Assert.ThrowsAsync<ArgumentNullException>(() => sync.SyncAsync(h.Client, null!))).ParamName);
        Assert.Equal("request", (await Assert.ThrowsAsync<ArgumentNullException>(() => sync.SyncAsync((SyncRequest)null!))).ParamName);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => sync.SyncAsync(h.Client, new SyncRequest(" ", ConnectorId)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => sync.SyncAsync(h.Client, new SyncRequest(TenantId, "")));
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => sync.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId) { ConversationIds = [" ", ""] }));
        Assert.Equal("request", empty.ParamName);
        Assert.Contains("ConversationIds must name at least one conversation", empty.Message, StringComparison.Ordinal);

        Assert.Equal(0, h.Emulator.TotalRequests);
        Assert.Empty(await _state.ListRunsAsync(TenantId, ConnectorId));
    }

    [Fact]
    public async Task A_sync_by_connection_needs_a_client_factory()
    {
        var sync = new CarbonVoiceSyncService(_raw, _state, _options);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sync.SyncAsync(new SyncRequest(TenantId, ConnectorId)));

        Assert.Contains("ICarbonVoiceClientFactory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enabled_entities_default_until_set_and_unknown_ones_are_refused()
    {
        var sync = new CarbonVoiceSyncService(_raw, _state, _options);

        Assert.Equal(CarbonVoiceEntities.DefaultEnabled.Order(), (await sync.GetEnabledEntitiesAsync(TenantId, ConnectorId)).Order());
        await sync.SetEnabledEntitiesAsync(TenantId, ConnectorId, [CarbonVoiceEntities.Message, CarbonVoiceEntities.Workspace, CarbonVoiceEntities.Message]);
        Assert.Equal([CarbonVoiceEntities.Message, CarbonVoiceEntities.Workspace], (await sync.GetEnabledEntitiesAsync(TenantId, ConnectorId)).Order(StringComparer.Ordinal));
        await sync.SetEnabledEntitiesAsync(TenantId, ConnectorId, []);
        Assert.Empty(await sync.GetEnabledEntitiesAsync(TenantId, ConnectorId));

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => sync.SetEnabledEntitiesAsync(TenantId, ConnectorId, [CarbonVoiceEntities.Message, "voicemail"]));
        Assert.Equal("entityKeys", unknown.ParamName);
        Assert.Contains("voicemail", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("entityKeys", (await Assert.ThrowsAsync<ArgumentNullException>(() => sync.SetEnabledEntitiesAsync(TenantId, ConnectorId, null!))).ParamName);
        Assert.Empty(await sync.GetEnabledEntitiesAsync(TenantId, ConnectorId));
    }
}
