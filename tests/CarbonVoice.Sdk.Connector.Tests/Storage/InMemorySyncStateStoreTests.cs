using CarbonVoice.Sdk.Connector.Tests.Conformance;

namespace CarbonVoice.Sdk.Connector.Tests.Storage;

public sealed class InMemorySyncStateStoreTests : SyncStateStoreConformance
{
    private InMemorySyncStateStore? _store;

    protected override ISyncStateStore CreateStore(TimeProvider time) => _store = new InMemorySyncStateStore(time);

    protected override ISyncStateStore CreatePeer(TimeProvider time) => _store ?? CreateStore(time);
}
