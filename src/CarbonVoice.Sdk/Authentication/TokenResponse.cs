using System.Text.Json;

namespace CarbonVoice.Sdk.Internal;

/// <summary>The body of a successful <c>/oauth/token</c> response.</summary>
internal sealed class TokenResponse
{
    public string? AccessToken { get; set; }

    public string? RefreshToken { get; set; }

    public string? TokenType { get; set; }

    /// <summary>Seconds; some servers send it as a string.</summary>
    public JsonElement? ExpiresIn { get; set; }

    public string? Scope { get; set; }
}
