namespace CarbonVoice.Sdk;

/// <summary>
/// Attachments of messages (<see cref="MessageV6.Attachments"/>): their files are read through short-lived signed URLs.
/// A message's attachment <c>url</c> is the file's canonical address, which needs the file host's own authorization;
/// ask for a signed URL, then download it with <see cref="DownloadAsync"/>.
/// </summary>
public interface IAttachmentsClient
{
    /// <summary>
    /// Asks for a signed download URL of one attachment (<c>GET /attachments/signedurl/{id}</c>, confirmed). The service
    /// answers the URL as a bare string, sometimes JSON-quoted; both are read. The URL expires: fetch it right before the download.
    /// </summary>
    /// <param name="attachmentId">The attachment id (<see cref="MessageAttachment.Id"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="attachmentId"/> is blank.</exception>
    /// <exception cref="CarbonVoiceNotFoundException">No such attachment.</exception>
    /// <exception cref="CarbonVoiceMalformedResponseException">The answer is not an absolute http or https URL (the message never quotes it).</exception>
    Task<AttachmentDownloadUrl> GetDownloadUrlAsync(string attachmentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks for the signed download URLs of several attachments at once (<c>POST /v5/attachments/download/signedurl/bulk</c>
    /// with <c>{ids}</c>, confirmed; the answer is <c>[{attachment_id, signed_url}]</c>). An empty
    /// <paramref name="attachmentIds"/> returns an empty list without a request; more than <see cref="AttachmentsClient.MaxBulkSize"/>
    /// ids are asked for in several requests. Blank and repeated ids are dropped; ids the service does not answer are absent.
    /// A read: retried after a transient fault.
    /// </summary>
    /// <param name="attachmentIds">The attachment ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<AttachmentDownloadUrl>> GetDownloadUrlsAsync(IReadOnlyCollection<string> attachmentIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads an attachment's bytes through its signed URL: a plain GET of the URL (not a Carbon Voice route) that carries
    /// no Carbon Voice credential (no <c>Authorization</c>, no <c>x-api-key</c>), touches no rate-limit state, reads at most
    /// <paramref name="maxBytes"/> bytes and follows redirects only to http or https. Neither the URL's query (its
    /// signature) nor the file host's error body ever reaches a log or an exception message. Retried after a transient fault.
    /// </summary>
    /// <param name="downloadUrl">A signed URL from <see cref="GetDownloadUrlAsync"/> or <see cref="GetDownloadUrlsAsync"/>.</param>
    /// <param name="maxBytes">The most bytes to read, at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The URL is missing, relative, or not http or https.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is below 1.</exception>
    /// <exception cref="CarbonVoiceContentTooLargeException">The file is larger than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="CarbonVoiceForbiddenException">The file host refused the URL (typically: it expired; ask for a new one).</exception>
    Task<AttachmentDownload> DownloadAsync(AttachmentDownloadUrl downloadUrl, long maxBytes, CancellationToken cancellationToken = default);
}
