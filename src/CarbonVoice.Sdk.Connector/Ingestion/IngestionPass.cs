using System.Text.Json;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>One ingestion run's work: routes changed raw records to their chunk builders and writes the chunks.</summary>
internal sealed class IngestionPass(
    string tenantId,
    string connectorId,
    long startWatermark,
    IRawDataStore raw,
    IChunkStore chunks,
    ChunkFactory factory,
    TokenChunker chunker,
    ConversationTranscriptBuilder transcripts,
    IngestionOptions options,
    RunTracker tracker,
    Action<string?, string?, string> quarantined)
{
    private const int WriteBatch = 200;

    public static string ConversationSource(string conversationId) => "conversation:" + conversationId;

    public static string ActionItemSource(string id) => "action_item:" + id;

    public static string SummarySource(string conversationId) => "conversation_summary:" + conversationId;

    public static string AttachmentSource(string attachmentId) => "attachment:" + attachmentId;

    /// <summary>
    /// Routes one change of the feed, read without its payload: a message or a conversation marks its conversation for a
    /// rebuild; any other record is read (its latest version: a newer one is later in the feed, and ingesting it twice
    /// gives the same chunks) and ingested. A record purged since counts as deleted.
    /// </summary>
    public async Task ProcessAsync(RawRecordHeader change, HashSet<string> dirtyConversations, CancellationToken cancellationToken)
    {
        var entity = change.Key.EntityType;
        tracker.Add(entity, new EntitySyncCounts { Fetched = 1, Deleted = change.IsDeleted ? 1 : 0 });
        try
        {
            switch (entity)
            {
                case CarbonVoiceEntities.Message:
                    var conversationId = change.ParentId ?? await ConversationOfAsync(change, cancellationToken).ConfigureAwait(false);
                    if (conversationId is not null)
                    {
                        dirtyConversations.Add(conversationId);
                    }

                    break;
                case CarbonVoiceEntities.Channel:
                    dirtyConversations.Add(change.Key.ExternalId);
                    break;
                case CarbonVoiceEntities.ActionItem:
                    await IngestActionItemAsync(await ReadAsync(change, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    break;
                case CarbonVoiceEntities.ConversationSummary:
                    await IngestSummaryAsync(await ReadAsync(change, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    break;
                case CarbonVoiceEntities.Attachment:
                    await IngestAttachmentAsync(await ReadAsync(change, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            Quarantine(entity, change.Key.ExternalId, ex);
        }
    }

    /// <summary>The conversation named in the payload of a message stored without a parent; null when it was purged since.</summary>
    private async Task<string?> ConversationOfAsync(RawRecordHeader change, CancellationToken cancellationToken)
    {
        var record = await raw.GetAsync(change.Key, cancellationToken).ConfigureAwait(false);
        return record is null ? null : record.ParentId ?? MessageView.Parse(record.Payload).ConversationId ?? throw new JsonException("The message has no conversation.");
    }

    /// <summary>The record's latest version; a record purged since the change is read as a tombstone.</summary>
    private async Task<RawRecord> ReadAsync(RawRecordHeader change, CancellationToken cancellationToken)
        => await raw.GetAsync(change.Key, cancellationToken).ConfigureAwait(false)
            ?? new RawRecord { Key = change.Key, ParentId = change.ParentId, Payload = string.Empty, ContentHash = change.ContentHash, IsDeleted = true, ChangeSequence = change.ChangeSequence };

    /// <summary>
    /// Rebuilds the transcript chunks of conversations, a window of <see cref="IngestionOptions.ConversationParallelism"/>
    /// at a time: each window is read in order, chunked in parallel (the tokenizer's work) and written in order, so the chunks,
    /// their ids and the store's writes are the same as one conversation at a time.
    /// </summary>
    public async Task RebuildConversationsAsync(IReadOnlyList<string> conversationIds, Func<int, Task> windowDone, CancellationToken cancellationToken)
    {
        var degree = options.EffectiveConversationParallelism;
        for (var first = 0; first < conversationIds.Count; first += degree)
        {
            var window = conversationIds.Skip(first).Take(degree).ToList();
            var inputs = new TranscriptInput?[window.Count];
            for (var i = 0; i < window.Count; i++)
            {
                inputs[i] = await ReadTranscriptInputAsync(window[i], cancellationToken).ConfigureAwait(false);
            }

            var built = new TranscriptOutput[window.Count];
            Parallel.For(0, window.Count, new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = cancellationToken }, i => built[i] = BuildTranscript(inputs[i]));
            for (var i = 0; i < window.Count; i++)
            {
                await WriteTranscriptAsync(window[i], inputs[i], built[i], cancellationToken).ConfigureAwait(false);
            }

            await windowDone(first + window.Count).ConfigureAwait(false);
        }
    }

    /// <summary>The conversation and its messages; null when the conversation is deleted (or could not be read: quarantined).</summary>
    private async Task<TranscriptInput?> ReadTranscriptInputAsync(string conversationId, CancellationToken cancellationToken)
    {
        try
        {
            if (await ReadLiveConversationAsync(conversationId, cancellationToken).ConfigureAwait(false) is not { } conversation)
            {
                return null;
            }

            var messages = new List<MessageView>();
            string? after = null;
            while (true)
            {
                var page = await raw.ListByParentAsync(tenantId, connectorId, CarbonVoiceEntities.Message, conversationId, after, options.ReadPageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var record in page)
                {
                    try
                    {
                        messages.Add(MessageView.Parse(record.Payload));
                    }
                    catch (JsonException ex) when (record.ChangeSequence > startWatermark)
                    {
                        Quarantine(CarbonVoiceEntities.Message, record.Key.ExternalId, ex);
                    }
                    catch (JsonException)
                    {
                        // Quarantined by the run that first saw this version.
                    }
                }

                if (page.Count < options.ReadPageSize)
                {
                    break;
                }

                after = page[^1].Key.ExternalId;
            }

            return new TranscriptInput(conversation, messages);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            return new TranscriptInput(null, [], ex);
        }
    }

    private TranscriptOutput BuildTranscript(TranscriptInput? input)
    {
        if (input?.Conversation is null)
        {
            return default;
        }

        try
        {
            return new TranscriptOutput(transcripts.Build(input.Conversation, input.Messages), null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            return new TranscriptOutput(null, ex);
        }
    }

    private async Task WriteTranscriptAsync(string conversationId, TranscriptInput? input, TranscriptOutput output, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            // A deleted conversation (channel tombstone) loses its transcript and summary chunks, whatever its messages say.
            await DeleteSourceAsync(ConversationSource(conversationId), cancellationToken).ConfigureAwait(false);
            await DeleteSourceAsync(SummarySource(conversationId), cancellationToken).ConfigureAwait(false);
            return;
        }

        if ((input.Error ?? output.Error) is { } error)
        {
            Quarantine(CarbonVoiceEntities.Channel, conversationId, error);
            return;
        }

        var conversation = input.Conversation!;
        try
        {
            await WriteSourceAsync(ConversationSource(conversationId), CarbonVoiceEntities.Message, conversation.WorkspaceId, conversationId, conversation.DisplayName, output.Drafts!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            Quarantine(CarbonVoiceEntities.Channel, conversationId, ex);
        }
    }

    private async Task IngestActionItemAsync(RawRecord record, CancellationToken cancellationToken)
    {
        var source = ActionItemSource(record.Key.ExternalId);
        var item = record.IsDeleted ? null : ActionItemView.Parse(record.Payload);
        if (item is null || item.IsDeleted)
        {
            await DeleteSourceAsync(source, cancellationToken).ConfigureAwait(false);
            return;
        }

        var conversation = item.ConversationId is null ? null : await ReadConversationAsync(item.ConversationId, cancellationToken).ConfigureAwait(false);
        var header = $"Action item: {item.Title ?? "(untitled)"} | Status: {item.Status ?? "unknown"} | Due: {(item.DueDate is null ? "none" : Json.Format(item.DueDate))}"
            + (item.AssignedTo is null ? string.Empty : $" | Assigned to: {conversation?.Speaker(item.AssignedTo) ?? item.AssignedTo}")
            + (conversation is null ? string.Empty : $" | Conversation: {conversation.DisplayName}");
        var body = string.Join("\n", new[] { item.Title, item.Notes }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["action_item_id"] = item.Id,
            ["status"] = item.Status ?? string.Empty,
            ["assigned_to"] = item.AssignedTo ?? string.Empty,
            ["due_date"] = Json.Iso(item.DueDate),
            ["container_type"] = item.ContainerType ?? string.Empty,
            ["container_id"] = item.ContainerId ?? string.Empty,
        };
        var drafts = Drafts(header, body, metadata);
        await WriteSourceAsync(source, CarbonVoiceEntities.ActionItem, item.WorkspaceId ?? record.ParentId, item.ConversationId, conversation?.DisplayName, drafts, cancellationToken).ConfigureAwait(false);
    }

    private async Task IngestSummaryAsync(RawRecord record, CancellationToken cancellationToken)
    {
        var conversationId = record.Key.ExternalId;
        var source = SummarySource(conversationId);
        var summary = record.IsDeleted ? null : SummaryView.Parse(record.Payload);
        var conversation = string.IsNullOrWhiteSpace(summary?.Summary) ? null : await ReadLiveConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (summary?.Summary is not { } text || conversation is null)
        {
            await DeleteSourceAsync(source, cancellationToken).ConfigureAwait(false);
            return;
        }

        var header = $"Conversation summary: {conversation.DisplayName} | Generated: {Json.Format(summary.CreatedAt)}";
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["conversation_id"] = conversationId,
            ["conversation_name"] = conversation.DisplayName,
            ["generated_at"] = Json.Iso(summary.CreatedAt),
        };
        var drafts = Drafts(header, text, metadata);
        await WriteSourceAsync(source, CarbonVoiceEntities.ConversationSummary, conversation.WorkspaceId, conversationId, conversation.DisplayName, drafts, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The text of a fetched text attachment, chunked like a long message: a header naming the file, its conversation, the
    /// message it belongs to, who shared it and when; metadata with the attachment and message ids. Anything else (no text,
    /// deleted, conversation deleted) has no chunks.
    /// </summary>
    private async Task IngestAttachmentAsync(RawRecord record, CancellationToken cancellationToken)
    {
        var source = AttachmentSource(record.Key.ExternalId);
        var attachment = record.IsDeleted ? null : AttachmentView.Parse(record.Payload);
        var conversationId = attachment?.ConversationId ?? record.ParentId;
        var conversation = attachment is { HasText: true } && conversationId is not null ? await ReadLiveConversationAsync(conversationId, cancellationToken).ConfigureAwait(false) : null;
        if (attachment is not { HasText: true } || (conversationId is not null && conversation is null))
        {
            await DeleteSourceAsync(source, cancellationToken).ConfigureAwait(false);
            return;
        }

        var speaker = conversation?.Speaker(attachment.CreatorId) ?? attachment.CreatorId ?? "Unknown speaker";
        var header = $"Attachment: {attachment.Filename ?? attachment.Id} ({attachment.MimeType ?? "unknown type"})"
            + (conversation is null ? string.Empty : $" | Conversation: {conversation.DisplayName}")
            + $" | Message: {attachment.MessageId ?? "unknown"} | Shared by: {speaker} | Time: {Json.Format(attachment.Time)}";
        var pieces = chunker.SplitCounted(header, attachment.Content!, options.MaxTokens, options.OverlapTokens);
        var drafts = new List<ChunkDraft>(pieces.Count);
        for (var i = 0; i < pieces.Count; i++)
        {
            drafts.Add(new ChunkDraft(pieces[i].Text, pieces[i].Tokens, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["attachment_id"] = attachment.Id,
                ["message_id"] = attachment.MessageId ?? string.Empty,
                ["conversation_id"] = conversationId ?? string.Empty,
                ["conversation_name"] = conversation?.DisplayName ?? string.Empty,
                ["filename"] = attachment.Filename ?? string.Empty,
                ["mime_type"] = attachment.MimeType ?? string.Empty,
                ["length_in_bytes"] = attachment.LengthInBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
                ["speaker_ids"] = attachment.CreatorId ?? string.Empty,
                ["start_time"] = Json.Iso(attachment.Time),
                ["part"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["parts"] = pieces.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));
        }

        await WriteSourceAsync(source, CarbonVoiceEntities.Attachment, attachment.WorkspaceId, conversationId, conversation?.DisplayName, drafts, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The chunks of one text under a header, all with the same metadata.</summary>
    private List<ChunkDraft> Drafts(string header, string body, IReadOnlyDictionary<string, string> metadata)
        => chunker.SplitCounted(header, body, options.MaxTokens, options.OverlapTokens).Select(chunk => new ChunkDraft(chunk.Text, chunk.Tokens, metadata)).ToList();

    /// <summary>The conversation, or null when it is deleted (its record is a tombstone): one read for both.</summary>
    private async Task<ConversationView?> ReadLiveConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var record = await ReadChannelAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return record is { IsDeleted: true } ? null : ViewOf(conversationId, record);
    }

    /// <summary>The conversation, deleted or not (an action item keeps naming its conversation).</summary>
    private async Task<ConversationView> ReadConversationAsync(string conversationId, CancellationToken cancellationToken)
        => ViewOf(conversationId, await ReadChannelAsync(conversationId, cancellationToken).ConfigureAwait(false));

    private Task<RawRecord?> ReadChannelAsync(string conversationId, CancellationToken cancellationToken)
        => raw.GetAsync(new RawRecordKey(tenantId, connectorId, CarbonVoiceEntities.Channel, conversationId), cancellationToken);

    /// <summary>What ingestion needs of a conversation record; an empty view when it is missing or unreadable.</summary>
    private static ConversationView ViewOf(string conversationId, RawRecord? record)
    {
        if (record is null)
        {
            return ConversationView.Empty(conversationId);
        }

        try
        {
            return ConversationView.Parse(conversationId, record.Payload);
        }
        catch (JsonException)
        {
            return ConversationView.Empty(conversationId);
        }
    }

    private async Task WriteSourceAsync(string source, string entityType, string? workspaceId, string? conversationId, string? conversationName, IReadOnlyList<ChunkDraft> drafts, CancellationToken cancellationToken)
    {
        var built = factory.Create(tenantId, connectorId, source, entityType, workspaceId, conversationId, conversationName, drafts);
        foreach (var batch in built.Chunk(WriteBatch))
        {
            var outcomes = await chunks.UpsertAsync(batch, cancellationToken).ConfigureAwait(false);
            tracker.Add(IngestionReporter.ChunkCounts, new EntitySyncCounts
            {
                Fetched = outcomes.Count,
                New = outcomes.Count(o => o == UpsertOutcome.New),
                Changed = outcomes.Count(o => o == UpsertOutcome.Changed),
                Unchanged = outcomes.Count(o => o == UpsertOutcome.Unchanged),
            });
        }

        var deleted = await chunks.DeleteBySourceAsync(tenantId, connectorId, source, built.Count, cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            tracker.Add(IngestionReporter.ChunkCounts, new EntitySyncCounts { Deleted = deleted });
        }
    }

    private Task DeleteSourceAsync(string source, CancellationToken cancellationToken)
        => WriteSourceAsync(source, CarbonVoiceEntities.ActionItem, null, null, null, [], cancellationToken);

    private void Quarantine(string? entityType, string? externalId, Exception exception)
    {
        var reason = $"{exception.GetType().Name}: {exception.Message}";
        tracker.Error("ingestion", entityType, externalId, reason);
        quarantined(entityType, externalId, reason);
    }
}
