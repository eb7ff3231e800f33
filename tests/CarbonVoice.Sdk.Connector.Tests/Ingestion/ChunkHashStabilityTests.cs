using CarbonVoice.Sdk.Connector.Internal;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

/// <summary>
/// Chunk ids and content hashes are stored: a new version that computed them differently would rewrite every chunk of every
/// tenant as changed. The expected values are SHA-256 of the documented UTF-8 texts, computed outside .NET.
/// </summary>
public sealed class ChunkHashStabilityTests
{
    [Fact]
    public void A_chunk_id_is_the_hash_of_tenant_connector_source_and_index()
        => Assert.Equal("8419de30b35c71401f9aba5f4c1f8ddd", ChunkIds.For("tenant", "connector", "conversation:c1", 3));

    [Fact]
    public void A_chunk_hash_covers_pillar_places_text_and_metadata_sorted_by_key()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["speakers"] = "Ana, Bö",
            ["conversation_id"] = "c1",
            ["Zeta"] = "z",
            ["message_ids"] = "m1,m2",
            ["ä"] = "umlaut",
        };
        var draft = new ChunkDraft("Conversation: Café ☕ | [2026-01-01] Ana: hello 😀 and a lone \ud800 surrogate", 20, metadata);

        var chunk = Factory().Create("t", "c", "conversation:c1", CarbonVoiceEntities.Message, "w1", "c1", "Café", [draft]).Single();

        Assert.Equal("2438003f55f120697322748aa1a987165de4bc19256837249769b4636f0a7566", chunk.ContentHash);
    }

    [Fact]
    public void Missing_places_hash_as_empty()
    {
        var chunk = Factory().Create("t", "c", "action_item:a1", CarbonVoiceEntities.ActionItem, null, null, null, [new ChunkDraft("plain", 1, new Dictionary<string, string>())]).Single();

        Assert.Equal("10a2c2215041880f950beb47801a0baf5793bfd92e40e8a32f6f5be92da757dc", chunk.ContentHash);
    }

    private static ChunkFactory Factory() => new(new FixedPillar());

    private sealed class FixedPillar : IPillarMapper
    {
        public string MapPillar(PillarMappingContext context) => "operations";
    }
}
