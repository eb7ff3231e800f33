using CarbonVoice.Sdk.Connector.Tests.Conformance;

namespace CarbonVoice.Sdk.Connector.Tests.Storage;

public sealed class InMemoryChunkStoreTests : ChunkStoreConformance
{
    protected override IChunkStore CreateStore(TimeProvider time) => new InMemoryChunkStore(time);
}
