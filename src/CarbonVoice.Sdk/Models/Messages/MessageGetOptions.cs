namespace CarbonVoice.Sdk;

/// <summary>Options of <see cref="IMessagesClient.GetAsync"/> (<c>GET /v5/messages/{id}</c>).</summary>
public sealed record MessageGetOptions
{
    /// <summary>The language to return the transcript in, for example <c>en</c>; the original language by default.</summary>
    public string? Language { get; init; }

    /// <summary>Whether to include presigned download URLs for the audio and attachments.</summary>
    public bool? PresignedUrl { get; init; }

    /// <summary>Whether to bypass the service's cache and read the latest state.</summary>
    public bool? Fresh { get; init; }
}
