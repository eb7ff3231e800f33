using CarbonVoice.Sdk.Connector.Tests.Conformance;

namespace CarbonVoice.Sdk.Connector.Tests.Storage;

public sealed class InMemoryRawDataStoreTests : RawDataStoreConformance
{
    protected override IRawDataStore CreateStore(TimeProvider time) => new InMemoryRawDataStore(time);
}
