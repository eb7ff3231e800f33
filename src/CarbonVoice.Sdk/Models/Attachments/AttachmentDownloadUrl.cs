using System.Text;
using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>
/// A short-lived signed URL that downloads an attachment's bytes (<c>GET /attachments/signedurl/{id}</c> and
/// <c>POST /v5/attachments/download/signedurl/bulk</c>, confirmed). The signature in its query string is a credential:
/// anyone holding the URL can download the file until it expires. Do not log or store it; <see cref="ToString"/> shows
/// it without its query. Download it with <see cref="IAttachmentsClient.DownloadAsync"/>, which sends no Carbon Voice
/// credential with it.
/// </summary>
public sealed record AttachmentDownloadUrl : CarbonVoiceModel
{
    /// <summary>The attachment id (<c>attachment_id</c>).</summary>
    public string? AttachmentId { get; init; }

    /// <summary>The signed URL (<c>signed_url</c>), absolute http or https. A credential: never log it.</summary>
    [JsonPropertyName("signed_url")]
    public Uri? Url { get; init; }

    /// <summary>The URL without its query string (the signature), safe to show in logs and messages.</summary>
    [JsonIgnore]
    public string? RedactedUrl => Redact(Url);

    /// <summary>The URL with its query string (the signature) replaced by <c>?***</c>, or its scheme only when it is not absolute.</summary>
    /// <param name="url">A signed URL.</param>
    public static string? Redact(Uri? url)
        => url is null ? null
            : !url.IsAbsoluteUri ? "(relative URL)"
            : url.GetLeftPart(UriPartial.Path) + (string.IsNullOrEmpty(url.Query) ? string.Empty : "?***");

    /// <summary>Prints the attachment id and the redacted URL only.</summary>
    /// <param name="builder">The text being built.</param>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("AttachmentId = ").Append(AttachmentId).Append(", Url = ").Append(RedactedUrl);
        return true;
    }
}
