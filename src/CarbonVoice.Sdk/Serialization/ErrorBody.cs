using System.Text.Json;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Every error body variant the service sends: <c>{success, requestId, errmsg}</c>, the NestJS
/// <c>{statusCode, message, error}</c> and OAuth's <c>{error, error_description}</c>.
/// </summary>
internal sealed class ErrorBody
{
    public bool? Success { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("requestId")]
    public string? RequestId { get; set; }

    public string? Errmsg { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("statusCode")]
    public int? StatusCode { get; set; }

    /// <summary>NestJS sends a string or an array of strings.</summary>
    public JsonElement? Message { get; set; }

    /// <summary>A string (NestJS reason phrase or OAuth error code) or, rarely, an object.</summary>
    public JsonElement? Error { get; set; }

    public string? ErrorDescription { get; set; }
}
