using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Connector.PostgreSql.Internal;

/// <summary>Serializes the JSON columns (run counts and errors, chunk metadata) and the stored token set.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Dictionary<string, EntitySyncCounts>))]
[JsonSerializable(typeof(List<SyncError>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(StoredToken))]
internal sealed partial class PostgreSqlJsonContext : JsonSerializerContext
{
}

/// <summary>The token set as the token store serializes it before encryption (the version lives in its own column).</summary>
internal sealed record StoredToken(string AccessToken, string? RefreshToken, DateTimeOffset? ExpiresAt, IReadOnlyList<string>? Scopes, string? TokenType, DateTimeOffset? IssuedAt);
