namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>A chunk's text and metadata before it gets its id, index, pillar and hash.</summary>
internal sealed record ChunkDraft(string Text, IReadOnlyDictionary<string, string> Metadata);
