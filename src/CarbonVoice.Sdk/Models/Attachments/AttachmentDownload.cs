namespace CarbonVoice.Sdk;

/// <summary>The bytes of an attachment, read through its signed URL by <see cref="IAttachmentsClient.DownloadAsync"/>.</summary>
public sealed record AttachmentDownload
{
    /// <summary>The bytes, at most the limit the download was given.</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>The media type the file host sent (<c>Content-Type</c> without parameters), when it sent one.</summary>
    public string? MediaType { get; init; }

    /// <summary>The <c>charset</c> parameter of the <c>Content-Type</c>, when there was one.</summary>
    public string? CharSet { get; init; }

    /// <summary>The number of bytes.</summary>
    public long Length => Content.Length;
}
