using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// Writes SDK models back to JSON for the raw store: snake_case wire names (the models' own <c>JsonPropertyName</c>s win),
/// unknown fields kept through the models' extension data, nulls left out.
/// </summary>
internal static class RawJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T model) => JsonSerializer.Serialize(model, Options);

    /// <summary>Reads back a payload <see cref="Serialize"/> wrote (same naming).</summary>
    public static T? Deserialize<T>(string payload) => JsonSerializer.Deserialize<T>(payload, Options);
}
