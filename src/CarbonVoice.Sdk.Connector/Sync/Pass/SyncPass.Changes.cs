namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// The delta: the change feed (<c>GET /v6/messages/updates</c>) from the stored resume token, or from the last high-water
/// mark when there is none yet or the service refuses it. New messages, edits, finished transcripts and deletions all
/// come through it.
/// </summary>
internal sealed partial class SyncPass
{
    private async Task SyncChangesAsync(DateTimeOffset since, IReadOnlySet<string> liveConversations, CancellationToken cancellationToken)
    {
        // A run scoped to one conversation asks the feed for that conversation only, from the high-water mark: the stored
        // cursor belongs to the unfiltered feed (the service refuses a cursor under another filter).
        var stored = Scope is { Count: 1 } ? null : await _state.GetCheckpointAsync(_tenantId, _connectorId, SyncScopes.ChangesCursor, cancellationToken).ConfigureAwait(false);
        Report(SyncPhase.Changes, CarbonVoiceEntities.Message, message: stored is null ? $"Changes since {since:O}" : "Changes since the last sync");
        try
        {
            await ReadChangesAsync(stored, since, liveConversations, cancellationToken).ConfigureAwait(false);
        }
        catch (CarbonVoiceInvalidCursorException) when (stored is not null)
        {
            // The service cannot decode the stored cursor any more: start again from the last committed high-water mark
            // (already less the safety margin). Records are de-duplicated by content hash, so re-reading is harmless.
            Log.ChangesCursorRefused(_logger, _tenantId, _connectorId, since);
            Report(SyncPhase.Changes, CarbonVoiceEntities.Message, message: $"The stored change cursor was refused; re-reading changes since {since:O}");
            if (Scope is null)
            {
                await _state.SetCheckpointAsync(_tenantId, _connectorId, SyncScopes.ChangesCursor, null, cancellationToken).ConfigureAwait(false);
            }

            await ReadChangesAsync(null, since, liveConversations, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stores each page of changes and its resume token: in one transaction where the raw store can
    /// (<see cref="ICheckpointedRawDataStore"/>, PostgreSQL), else the page first, so a crash between the two re-reads the page
    /// (harmless), never skips it. Changes of conversations this run does not sync (not a member, deleted, out of scope) are left out,
    /// so the raw store holds what a full sync would. A conversation-scoped run never moves the connector's cursor.
    /// </summary>
    private async Task ReadChangesAsync(string? token, DateTimeOffset since, IReadOnlySet<string> liveConversations, CancellationToken cancellationToken)
    {
        var feed = _client.Messages.ListUpdatesAsync(new MessageFeedOptions
        {
            Since = since,
            Direction = MessageDirections.Newer,
            PageSize = Math.Clamp(_options.ChangesPageSize, 1, MessageFeedOptions.MaxPageSize),
            ConversationId = Scope is { Count: 1 } ? Scope.First() : null,
        });
        await foreach (var page in feed.AsPages(token, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var live = new List<RawRecordUpsert>();
            var deleted = new List<RawRecordKey>();
            var kept = new List<MessageV6>();
            var withAttachments = new List<(MessageV6, string)>();
            foreach (var message in page.Items)
            {
                if (string.IsNullOrWhiteSpace(message.Id) || message.ConversationId is not { } conversationId
                    || !liveConversations.Contains(conversationId) || IsGone(conversationId))
                {
                    continue;
                }

                if (message.IsDeleted)
                {
                    deleted.Add(Key(CarbonVoiceEntities.Message, message.Id));
                    kept.Add(message);
                }
                else if (BuildMessage(message, conversationId) is { } record)
                {
                    live.Add(record);
                    kept.Add(message);
                    withAttachments.Add((message, conversationId));
                }
            }

            // Attachments first: what a changed message dropped is read from its stored record, before it is replaced.
            await TombstoneDroppedAttachmentsAsync(kept, cancellationToken).ConfigureAwait(false);
            await StoreAttachmentsAsync(withAttachments, null, cancellationToken).ConfigureAwait(false);
            await TombstoneAsync(CarbonVoiceEntities.Message, deleted, cancellationToken).ConfigureAwait(false);
            if (Scope is null && page.ResumeToken is { } resume)
            {
                await StoreAsync(CarbonVoiceEntities.Message, live, new CheckpointWrite(_tenantId, _connectorId, SyncScopes.ChangesCursor, resume), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await StoreAsync(CarbonVoiceEntities.Message, live, cancellationToken).ConfigureAwait(false);
            }

            Report(SyncPhase.Changes, CarbonVoiceEntities.Message);
        }
    }
}
