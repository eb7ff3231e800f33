namespace CarbonVoice.Sdk;

/// <summary>Per-request overrides of an authorization URL.</summary>
public sealed record AuthorizationRequestOptions
{
    /// <summary>Scopes to request instead of <see cref="CarbonVoiceOptions.Scopes"/>.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>A redirect URI instead of <see cref="CarbonVoiceOptions.RedirectUri"/>.</summary>
    public Uri? RedirectUri { get; init; }

    /// <summary>Turns PKCE on or off for this request instead of <see cref="CarbonVoiceOptions.UsePkce"/>.</summary>
    public bool? UsePkce { get; init; }

    /// <summary>Extra query parameters (for example <c>prompt</c>).</summary>
    public IReadOnlyDictionary<string, string>? ExtraParameters { get; init; }
}
