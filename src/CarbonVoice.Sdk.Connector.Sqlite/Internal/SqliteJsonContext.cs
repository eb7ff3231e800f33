using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Connector.Sqlite.Internal;

/// <summary>Serializes the JSON columns (run counts and errors, chunk metadata).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Dictionary<string, EntitySyncCounts>))]
[JsonSerializable(typeof(List<SyncError>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext
{
}
