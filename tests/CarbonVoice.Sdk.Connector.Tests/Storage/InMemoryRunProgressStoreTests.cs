using CarbonVoice.Sdk.Connector.Tests.Conformance;

namespace CarbonVoice.Sdk.Connector.Tests.Storage;

public sealed class InMemoryRunProgressStoreTests : RunProgressStoreConformance
{
    protected override IRunProgressStore CreateStore() => new InMemoryRunProgressStore();
}
