namespace CarbonVoice.Sdk.Connector;

/// <summary>A Carbon Voice entity type the connector can sync, as the integration guide defines it.</summary>
/// <param name="Key">The entity key (also the raw record's entity type), for example <c>message</c>.</param>
/// <param name="ApiEndpoint">The API endpoint the entity comes from.</param>
/// <param name="DisplayName">The name shown to users.</param>
/// <param name="Description">What the entity is.</param>
/// <param name="DefaultEnabled">Whether a new connector syncs it.</param>
/// <param name="PillarHint">The BDE pillar its chunks map to unless a keyword rule says otherwise.</param>
public sealed record EntityDefinition(string Key, string ApiEndpoint, string DisplayName, string Description, bool DefaultEnabled, string PillarHint);
