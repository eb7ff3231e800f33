namespace CarbonVoice.Sdk.Connector;

/// <summary>What a <see cref="IPillarMapper"/> knows about a chunk.</summary>
/// <param name="EntityType">The source entity type.</param>
/// <param name="PillarHint">The entity's pillar hint from its <see cref="EntityDefinition"/>.</param>
/// <param name="Text">The chunk text (with its header).</param>
/// <param name="ConversationName">The conversation's name, when the chunk belongs to one.</param>
public sealed record PillarMappingContext(string EntityType, string PillarHint, string Text, string? ConversationName);
