using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// Attachments of synced messages: one raw record each (parent: the conversation) with the message's metadata, and for
/// text documents (when <see cref="SyncOptions.FetchTextAttachments"/> is on) their text, downloaded through a signed URL.
/// An attachment whose id, size and type are unchanged keeps its stored text (no new download). A full listing sweeps the
/// conversation's attachments it no longer has; the change feed tombstones those of deleted messages and the ones a
/// changed message dropped. A failed download is recorded and retried by later syncs.
/// </summary>
internal sealed partial class SyncPass
{
    private const string RetryPrefix = "attachment-retry:";
    private readonly Dictionary<string, int> _retries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _attachmentsDone = new(StringComparer.Ordinal);

    private bool AttachmentsEnabled => _enabled.Contains(CarbonVoiceEntities.Attachment) && _enabled.Contains(CarbonVoiceEntities.Message);

    /// <summary>Loads the downloads earlier syncs left to retry (once, before any conversation is read).</summary>
    private async Task LoadAttachmentRetriesAsync(CancellationToken cancellationToken)
    {
        if (!AttachmentsEnabled)
        {
            return;
        }

        var pending = await _state.ListCheckpointsAsync(_tenantId, _connectorId, RetryPrefix, cancellationToken).ConfigureAwait(false);
        lock (_retries)
        {
            foreach (var (scope, value) in pending)
            {
                _retries[scope[RetryPrefix.Length..]] = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempts) ? attempts : 1;
            }
        }
    }

    /// <summary>Stores the attachment records of a page's live messages (before the messages themselves, so a crash re-reads the page).</summary>
    private async Task StoreAttachmentsAsync(IEnumerable<(MessageV6 Message, string ConversationId)> messages, HashSet<string>? seen, CancellationToken cancellationToken)
    {
        if (!AttachmentsEnabled)
        {
            return;
        }

        var records = new List<RawRecordUpsert>();
        foreach (var (message, conversationId) in messages)
        {
            foreach (var attachment in message.Attachments ?? [])
            {
                if (string.IsNullOrWhiteSpace(attachment.Id) || (seen is not null && !seen.Add(attachment.Id)))
                {
                    continue;
                }

                var payload = await DescribeAsync(Source(message, conversationId), attachment, cancellationToken).ConfigureAwait(false);
                if (Build(CarbonVoiceEntities.Attachment, attachment.Id, payload, conversationId, attachment.CreatedAt ?? message.CreatedAt) is { } record)
                {
                    records.Add(record);
                }
            }
        }

        await StoreAsync(CarbonVoiceEntities.Attachment, records, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For a page of the change feed: tombstones the attachments of deleted messages and the ones a changed message no
    /// longer has, as the stored message records list them (read before the page's messages are stored).
    /// </summary>
    private async Task TombstoneDroppedAttachmentsAsync(IEnumerable<MessageV6> messages, CancellationToken cancellationToken)
    {
        if (!AttachmentsEnabled)
        {
            return;
        }

        var gone = new List<RawRecordKey>();
        foreach (var message in messages)
        {
            var stored = await _raw.GetAsync(Key(CarbonVoiceEntities.Message, message.Id), cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                continue;
            }

            var current = message.IsDeleted ? [] : (message.Attachments ?? []).Select(a => a.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
            gone.AddRange(AttachmentIdsOf(stored.Payload).Where(id => !current.Contains(id)).Select(id => Key(CarbonVoiceEntities.Attachment, id)));
        }

        await TombstoneAsync(CarbonVoiceEntities.Attachment, gone, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Retries the downloads that failed in earlier syncs and that this run did not meet again.</summary>
    private async Task RetryAttachmentsAsync(CancellationToken cancellationToken)
    {
        List<string> ids;
        lock (_retries)
        {
            ids = _retries.Keys.Where(id => !_attachmentsDone.Contains(id)).Order(StringComparer.Ordinal).ToList();
        }

        foreach (var id in ids)
        {
            var stored = await _raw.GetAsync(Key(CarbonVoiceEntities.Attachment, id), cancellationToken).ConfigureAwait(false);
            var previous = stored is { IsDeleted: false } ? Read(stored.Payload) : null;
            if (previous is not { ContentStatus: AttachmentContentStatus.Failed } || (previous.ConversationId is { } conversationId && IsGone(conversationId)))
            {
                await ClearRetryAsync(id, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var attachment = new MessageAttachment
            {
                Id = previous.Id,
                Type = previous.Type,
                Filename = previous.Filename,
                MimeType = previous.MimeType,
                LengthInBytes = previous.LengthInBytes,
                Status = previous.Status,
                CreatedAt = previous.CreatedAt,
                Url = previous.Url,
            };
            var payload = await DescribeAsync(previous with { ContentStatus = AttachmentContentStatus.Failed, Content = null }, attachment, cancellationToken).ConfigureAwait(false);
            if (Build(CarbonVoiceEntities.Attachment, id, payload, stored!.ParentId, stored.SourceUpdatedAt) is { } record)
            {
                await StoreAsync(CarbonVoiceEntities.Attachment, [record], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The message-level fields of an attachment record.</summary>
    private static AttachmentPayload Source(MessageV6 message, string conversationId) => new()
    {
        Id = string.Empty,
        MessageId = message.Id,
        ConversationId = message.ConversationId ?? conversationId,
        WorkspaceId = message.WorkspaceId,
        CreatorId = message.CreatorId,
        MessageCreatedAt = message.CreatedAt,
        ContentStatus = AttachmentContentStatus.Disabled,
    };

    /// <summary>The record of one attachment: its metadata, and its text when it is a text document to fetch (reused when unchanged).</summary>
    private async Task<AttachmentPayload> DescribeAsync(AttachmentPayload source, MessageAttachment attachment, CancellationToken cancellationToken)
    {
        var id = attachment.Id!;
        lock (_retries)
        {
            _attachmentsDone.Add(id);
        }

        var payload = source with
        {
            Id = id,
            CreatedAt = attachment.CreatedAt,
            Type = attachment.Type,
            Filename = attachment.Filename,
            MimeType = attachment.MimeType,
            LengthInBytes = attachment.LengthInBytes,
            Status = attachment.Status,
            Url = WithoutQuery(attachment.Url),
            Content = null,
            ContentSha256 = null,
            ContentError = null,
        };
        var textType = AttachmentText.TextType(attachment.MimeType, attachment.Filename);
        var status = !_options.FetchTextAttachments ? AttachmentContentStatus.Disabled
            : textType is null ? AttachmentContentStatus.NotText
            : attachment.LengthInBytes > _options.MaxAttachmentBytes ? AttachmentContentStatus.TooLarge
            : IsUploading(attachment) ? AttachmentContentStatus.NotReady
            : null;
        if (status is not null)
        {
            await ClearRetryAsync(id, cancellationToken).ConfigureAwait(false);
            return payload with { ContentStatus = status };
        }

        var stored = await _raw.GetAsync(Key(CarbonVoiceEntities.Attachment, id), cancellationToken).ConfigureAwait(false);
        if (stored is { IsDeleted: false } && Read(stored.Payload) is { ContentStatus: AttachmentContentStatus.Fetched } previous
            && previous.LengthInBytes == attachment.LengthInBytes && string.Equals(previous.MimeType, attachment.MimeType, StringComparison.Ordinal))
        {
            await ClearRetryAsync(id, cancellationToken).ConfigureAwait(false);
            return payload with { ContentStatus = AttachmentContentStatus.Fetched, Content = previous.Content, ContentSha256 = previous.ContentSha256 };
        }

        return await DownloadAsync(payload, id, textType!, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AttachmentPayload> DownloadAsync(AttachmentPayload payload, string id, string textType, CancellationToken cancellationToken)
    {
        try
        {
            var url = await _client.Attachments.GetDownloadUrlAsync(id, cancellationToken).ConfigureAwait(false);
            var download = await _client.Attachments.DownloadAsync(url, Math.Max(1, _options.MaxAttachmentBytes), cancellationToken).ConfigureAwait(false);
            await ClearRetryAsync(id, cancellationToken).ConfigureAwait(false);
            var text = AttachmentText.Extract(download.Content.Span, textType, download.CharSet);
            return text is null
                ? payload with { ContentStatus = AttachmentContentStatus.NotText }
                : payload with { ContentStatus = AttachmentContentStatus.Fetched, Content = text, ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(download.Content.Span)) };
        }
        catch (CarbonVoiceContentTooLargeException)
        {
            await ClearRetryAsync(id, cancellationToken).ConfigureAwait(false);
            return payload with { ContentStatus = AttachmentContentStatus.TooLarge };
        }
        catch (Exception ex) when (!IsRunStopping(ex) && ex is CarbonVoiceException or HttpRequestException or IOException)
        {
            // The SDK's messages never quote a signed URL. A 403 of a file is no reason to drop its conversation.
            await NoteRetryAsync(id, ex.Message, cancellationToken).ConfigureAwait(false);
            return payload with { ContentStatus = AttachmentContentStatus.Failed, ContentError = ex.Message };
        }
    }

    private async Task NoteRetryAsync(string id, string reason, CancellationToken cancellationToken)
    {
        int attempts;
        lock (_retries)
        {
            attempts = _retries.GetValueOrDefault(id) + 1;
            _retries[id] = attempts;
        }

        var limit = Math.Max(1, _options.AttachmentRetryLimit);
        var giveUp = attempts >= limit;
        RecordError("attachments", CarbonVoiceEntities.Attachment, id, giveUp ? $"{reason} Gave up after {attempts} attempts." : $"{reason} It is retried by the next sync.", container: false);
        await _state.SetCheckpointAsync(_tenantId, _connectorId, RetryPrefix + id, giveUp ? null : attempts.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
    }

    private async Task ClearRetryAsync(string id, CancellationToken cancellationToken)
    {
        bool pending;
        lock (_retries)
        {
            pending = _retries.Remove(id);
        }

        if (pending)
        {
            await _state.SetCheckpointAsync(_tenantId, _connectorId, RetryPrefix + id, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsUploading(MessageAttachment attachment)
        => attachment.Status is { } status && (status.Equals("Initializing", StringComparison.OrdinalIgnoreCase) || status.Equals("Uploading", StringComparison.OrdinalIgnoreCase));

    private static string? WithoutQuery(string? url)
        => url is null ? null : Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.GetLeftPart(UriPartial.Path) : url.Split('?', 2)[0];

    private static AttachmentPayload? Read(string payload)
    {
        try
        {
            return RawJson.Deserialize<AttachmentPayload>(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The attachment ids a stored message payload lists.</summary>
    private static IEnumerable<string> AttachmentIdsOf(string payload)
    {
        List<string> ids = [];
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("attachments", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (Json.Str(item, "id", "_id") is { } id)
                    {
                        ids.Add(id);
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        return ids;
    }
}
