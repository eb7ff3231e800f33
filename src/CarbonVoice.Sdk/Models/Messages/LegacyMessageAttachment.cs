using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>An attachment of a <see cref="LegacyMessage"/>.</summary>
public sealed record LegacyMessageAttachment : CarbonVoiceModel
{
    /// <summary>The attachment id (<c>_id</c>).</summary>
    [JsonPropertyName("_id")]
    public string? Id { get; init; }

    /// <summary>The uploader's user id.</summary>
    public string? CreatorId { get; init; }

    /// <summary>When the attachment was added.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The type, for example <c>file</c> or <c>link</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The URL of the file or link.</summary>
    public string? Link { get; init; }

    /// <summary>The file name.</summary>
    public string? Filename { get; init; }

    /// <summary>The MIME type.</summary>
    public string? MimeType { get; init; }

    /// <summary>The size in bytes.</summary>
    public long? LengthInBytes { get; init; }

    /// <summary>The upload status, while the file is processed.</summary>
    public string? Status { get; init; }

    /// <summary>How far the upload has progressed, in percent.</summary>
    public double? PercentComplete { get; init; }
}
