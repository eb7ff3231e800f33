namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>A chunk's text, its exact token count and metadata before it gets its id, index, pillar and hash.</summary>
internal sealed record ChunkDraft(string Text, int Tokens, IReadOnlyDictionary<string, string> Metadata);
