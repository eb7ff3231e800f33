using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IAttachmentsClient"/>. Members are virtual so tests can override them.</summary>
public class AttachmentsClient : IAttachmentsClient
{
    /// <summary>The most ids one <c>POST /v5/attachments/download/signedurl/bulk</c> request carries (the service's limit is not known; this stays small).</summary>
    public const int MaxBulkSize = 100;

    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected AttachmentsClient()
    {
        _connection = null!;
    }

    internal AttachmentsClient(CarbonVoiceConnection connection) => _connection = connection;

    /// <inheritdoc />
    public virtual async Task<AttachmentDownloadUrl> GetDownloadUrlAsync(string attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attachmentId);
        const string endpoint = "GET /attachments/signedurl/{id}";
        var text = await _connection.GetTextAsync(endpoint, PathBuilder.Format("attachments/signedurl/{0}", attachmentId), cancellationToken).ConfigureAwait(false);
        return new AttachmentDownloadUrl { AttachmentId = attachmentId, Url = SignedUrlText.Parse(endpoint, text) };
    }

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<AttachmentDownloadUrl>> GetDownloadUrlsAsync(IReadOnlyCollection<string> attachmentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachmentIds);
        return IdBatchPaging.FetchInBatchesAsync(
            attachmentIds,
            MaxBulkSize,
            async (batch, ct) => (await _connection.PostAsync(
                "POST /v5/attachments/download/signedurl/bulk",
                PathBuilder.Format("v5/attachments/download/signedurl/bulk"),
                new AttachmentIdsBody(batch),
                CarbonVoiceJsonContext.Default.AttachmentIdsBody,
                CarbonVoiceJsonContext.Default.ApiListAttachmentDownloadUrl,
                idempotent: true,
                ct).ConfigureAwait(false)).Items,
            url => url.AttachmentId ?? string.Empty,
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<AttachmentDownload> DownloadAsync(AttachmentDownloadUrl downloadUrl, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(downloadUrl);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        if (downloadUrl.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The download URL must be an absolute http or https URL.", nameof(downloadUrl));
        }

        return _connection.DownloadAsync(url, maxBytes, cancellationToken);
    }
}
