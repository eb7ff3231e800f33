namespace CarbonVoice.Sdk;

/// <summary>An attachment of a v5 <see cref="Message"/> or a v6 <see cref="MessageV6"/>.</summary>
public sealed record MessageAttachment : CarbonVoiceModel
{
    /// <summary>The attachment id.</summary>
    public string? Id { get; init; }

    /// <summary>The uploader's user id.</summary>
    public string? CreatorId { get; init; }

    /// <summary>When the attachment was added.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The type, for example <c>file</c> or <c>link</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The URL of the file or link.</summary>
    public string? Url { get; init; }

    /// <summary>A presigned download URL, when one was asked for.</summary>
    public string? PresignedUrl { get; init; }

    /// <summary>When <see cref="PresignedUrl"/> expires.</summary>
    public DateTimeOffset? PresignedUrlExpirationDate { get; init; }

    /// <summary>The file name.</summary>
    public string? Filename { get; init; }

    /// <summary>The MIME type.</summary>
    public string? MimeType { get; init; }

    /// <summary>The size in bytes.</summary>
    public long? LengthInBytes { get; init; }

    /// <summary>The upload status, while an upload is in progress (v6).</summary>
    public string? Status { get; init; }

    /// <summary>How much of the upload is done, in percent (v6).</summary>
    public double? PercentComplete { get; init; }
}
