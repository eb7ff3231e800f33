namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// Per conversation: its history (<c>GET /v6/messages?conversation_id=</c>, listed in full once and swept, then followed
/// through the change feed), its action items and its summary. A conversation that answers 403 (deleted on the service,
/// or the user lost access) is removed from the raw store like a deleted one.
/// </summary>
internal sealed partial class SyncPass
{
    private async Task SyncConversationsAsync(List<(string Id, string WorkspaceId)> conversations, CancellationToken cancellationToken)
    {
        var done = 0;
        Report(SyncPhase.Messages, CarbonVoiceEntities.Message, percent: conversations.Count == 0 ? 100 : 0);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(conversations, parallel, async (conversation, ct) =>
        {
            try
            {
                if (_enabled.Contains(CarbonVoiceEntities.Message))
                {
                    await SyncHistoryAsync(conversation.Id, ct).ConfigureAwait(false);
                }

                if (_enabled.Contains(CarbonVoiceEntities.ActionItem) && Scope is null)
                {
                    await SyncActionItemsAsync(conversation.Id, _client.ActionItems.ListAsync(ActionItemContainerTypes.Channel, conversation.Id), keep: null, ct).ConfigureAwait(false);
                }

                if (_enabled.Contains(CarbonVoiceEntities.ConversationSummary))
                {
                    await SyncSummaryAsync(conversation.Id, ct).ConfigureAwait(false);
                }
            }
            catch (CarbonVoiceForbiddenException)
            {
                await RemoveConversationAsync(conversation.Id, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!IsRunStopping(ex))
            {
                RecordError("messages", CarbonVoiceEntities.Message, conversation.Id, ex.Message, container: true);
            }

            var finished = Interlocked.Increment(ref done);
            Report(SyncPhase.Messages, CarbonVoiceEntities.Message, percent: Math.Round(100.0 * finished / conversations.Count, 1));
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists a conversation's whole history and sweeps what it no longer has, unless that was done already: by an earlier
    /// attempt of the same full sync, or (in a delta) ever — a delta follows known conversations through the change feed
    /// and lists only the ones it meets for the first time (their older messages are not in the feed).
    /// </summary>
    private async Task SyncHistoryAsync(string conversationId, CancellationToken cancellationToken)
    {
        var listedScope = SyncScopes.Listed(conversationId);
        var marker = await _state.GetCheckpointAsync(_tenantId, _connectorId, listedScope, cancellationToken).ConfigureAwait(false);
        var listedAlready = IsDelta ? marker is not null : Resume && FullMarker is not null && marker == FullMarker;
        if (listedAlready)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var seenAttachments = new HashSet<string>(StringComparer.Ordinal);
        var history = _client.Messages.ListHistoryAsync(new MessageFeedOptions
        {
            ConversationId = conversationId,
            Direction = MessageDirections.Older,
            PageSize = Math.Clamp(_options.MessagePageSize, 1, MessageFeedOptions.MaxPageSize),
        });
        await foreach (var page in history.AsPages(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var records = new List<RawRecordUpsert>(page.Items.Count);
            var live = new List<(MessageV6, string)>(page.Items.Count);
            foreach (var message in page.Items)
            {
                if (!string.IsNullOrWhiteSpace(message.Id) && seen.Add(message.Id) && !message.IsDeleted
                    && BuildMessage(message, conversationId) is { } record)
                {
                    records.Add(record);
                    live.Add((message, conversationId));
                }
            }

            await StoreAttachmentsAsync(live, seenAttachments, cancellationToken).ConfigureAwait(false);
            await StoreAsync(CarbonVoiceEntities.Message, records, cancellationToken).ConfigureAwait(false);
        }

        await SweepAsync(CarbonVoiceEntities.Message, conversationId, seen, cancellationToken).ConfigureAwait(false);
        if (AttachmentsEnabled)
        {
            await SweepAsync(CarbonVoiceEntities.Attachment, conversationId, seenAttachments, cancellationToken).ConfigureAwait(false);
        }

        await _state.SetCheckpointAsync(_tenantId, _connectorId, listedScope, FullMarker ?? ListedMarker, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The raw record of a live message; its word timings become its <c>content.transcript</c> unless they are kept.</summary>
    private RawRecordUpsert? BuildMessage(MessageV6 message, string conversationId)
    {
        var payload = message;
        if (!_options.KeepWordTimings && message.Content is { TimeCodes.Count: > 0 } content)
        {
            payload = message with { Content = content with { Transcript = message.Transcript ?? content.Transcript, TimeCodes = null } };
        }

        return Build(CarbonVoiceEntities.Message, message.Id, payload, message.ConversationId ?? conversationId, message.UpdatedAt);
    }

    private async Task SyncSummaryAsync(string conversationId, CancellationToken cancellationToken)
    {
        var summary = await _client.Conversations.FindSummaryAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            await TombstoneAsync(CarbonVoiceEntities.ConversationSummary, [Key(CarbonVoiceEntities.ConversationSummary, conversationId)], cancellationToken).ConfigureAwait(false);
            return;
        }

        if (Build(CarbonVoiceEntities.ConversationSummary, conversationId, summary, conversationId, summary.CreatedAt) is { } record)
        {
            await StoreAsync(CarbonVoiceEntities.ConversationSummary, [record], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Removes a conversation that is gone for this user: deleted in the listing, or still listed but answering 403 (the
    /// service answers 403, not 404, for a channel deleted on the backend). Its record, messages, action items and summary
    /// are tombstoned, the change feed ignores it for the rest of the run, and it is listed in full again if it comes back.
    /// </summary>
    private async Task RemoveConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        lock (_goneConversations)
        {
            _goneConversations.Add(conversationId);
        }

        Log.ConversationGone(_logger, _tenantId, _connectorId, conversationId);
        Report(_currentPhase, CarbonVoiceEntities.Channel, message: $"Conversation {conversationId} is gone (deleted or no longer accessible); its data was removed.");
        await TombstoneAsync(CarbonVoiceEntities.Channel, [Key(CarbonVoiceEntities.Channel, conversationId)], cancellationToken).ConfigureAwait(false);
        await SweepAsync(CarbonVoiceEntities.Message, conversationId, [], cancellationToken).ConfigureAwait(false);
        await SweepAsync(CarbonVoiceEntities.ActionItem, conversationId, [], cancellationToken).ConfigureAwait(false);
        await SweepAsync(CarbonVoiceEntities.Attachment, conversationId, [], cancellationToken).ConfigureAwait(false);
        await TombstoneAsync(CarbonVoiceEntities.ConversationSummary, [Key(CarbonVoiceEntities.ConversationSummary, conversationId)], cancellationToken).ConfigureAwait(false);
        await _state.SetCheckpointAsync(_tenantId, _connectorId, SyncScopes.Listed(conversationId), null, cancellationToken).ConfigureAwait(false);
    }

    private bool IsGone(string conversationId)
    {
        lock (_goneConversations)
        {
            return _goneConversations.Contains(conversationId);
        }
    }
}
