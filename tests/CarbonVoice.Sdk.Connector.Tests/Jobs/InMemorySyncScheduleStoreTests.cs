using CarbonVoice.Sdk.Connector.Tests.Conformance;

namespace CarbonVoice.Sdk.Connector.Tests.Jobs;

public sealed class InMemorySyncScheduleStoreTests : SyncScheduleStoreConformance
{
    private InMemorySyncScheduleStore? _store;

    protected override ISyncScheduleStore CreateStore() => _store = new InMemorySyncScheduleStore();

    protected override ISyncScheduleStore CreatePeer() => _store ?? CreateStore();
}
