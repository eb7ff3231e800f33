namespace CarbonVoice.Sdk;

/// <summary>The body of <c>POST /carbonlink/personal</c>.</summary>
public sealed record CreatePersonalCarbonLinkRequest
{
    /// <summary>A name.</summary>
    public string? Name { get; init; }
}
