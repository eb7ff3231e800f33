using System.Globalization;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>Messages (sequence windows with a per-conversation cursor), pending transcripts and summaries.</summary>
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
                    await SyncMessagesAsync(conversation.Id, ct).ConfigureAwait(false);
                }

                if (_enabled.Contains(CarbonVoiceEntities.ConversationSummary))
                {
                    await SyncSummaryAsync(conversation.Id, ct).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (!IsRunStopping(ex))
            {
                RecordError("messages", CarbonVoiceEntities.Message, conversation.Id, ex.Message, container: true);
            }

            var finished = Interlocked.Increment(ref done);
            Report(SyncPhase.Messages, CarbonVoiceEntities.Message, percent: Math.Round(100.0 * finished / conversations.Count, 1));
        }).ConfigureAwait(false);
    }

    private async Task SyncMessagesAsync(string conversationId, CancellationToken cancellationToken)
    {
        var scope = SyncScopes.Messages(conversationId);
        var saved = await _state.GetCheckpointAsync(_tenantId, _connectorId, scope, cancellationToken).ConfigureAwait(false);
        // A full sync lists every conversation from the start and sweeps it, once: a resumed attempt re-lists from the start
        // each conversation whose listing did not complete (and get swept) in an earlier attempt of the same full sync.
        var sweptScope = SyncScopes.FullSwept(conversationId);
        var alreadySwept = FullMarker is not null
            && Resume
            && await _state.GetCheckpointAsync(_tenantId, _connectorId, sweptScope, cancellationToken).ConfigureAwait(false) == FullMarker;
        var fromStart = saved is null || (!IsDelta && !alreadySwept);
        var startToken = fromStart || saved!.Length == 0 ? null : saved;
        HashSet<string>? seenIds = fromStart ? new(StringComparer.Ordinal) : null;
        var seenSequences = new HashSet<long>();
        var pending = new List<(long Sequence, long CreatedUnix)>();
        var current = startToken;
        var window = Math.Clamp(_options.MessageWindowSize, 1, 500);

        // Windows leave deleted messages out, and a list without an end stops at the first empty window: a run of deleted
        // messages a window long or more would cut the listing short. The highest sequence number currently in the
        // conversation is learnt first (one request) and passed as the end, so empty windows up to it are read through;
        // beyond it the list still ends at the first empty window, picking up messages added after the probe.
        // A resumed listing (from a checkpoint) uses the end only when it lies above the checkpoint.
        int? from = startToken is null ? 1
            : int.TryParse(startToken, NumberStyles.None, CultureInfo.InvariantCulture, out var resumeAt) && resumeAt >= 1 ? resumeAt : null;
        int? end = null;
        if (from is not null && await FindLastSequenceAsync(conversationId, cancellationToken).ConfigureAwait(false) is { } last && last > from)
        {
            end = last;
        }

        var phases = new List<(SequentialListOptions Options, string? Token)>(2);
        if (end is { } through)
        {
            phases.Add((new SequentialListOptions { PageSize = window, EndSequence = through }, startToken));
            if (through < int.MaxValue)
            {
                phases.Add((new SequentialListOptions { PageSize = window, StartSequence = through + 1 }, null));
            }
        }
        else
        {
            phases.Add((new SequentialListOptions { PageSize = window }, startToken));
        }

        foreach (var (listOptions, token) in phases)
        {
            if (token is null && listOptions.StartSequence > 1)
            {
                current = listOptions.StartSequence.ToString(CultureInfo.InvariantCulture);
            }

            await ListWindowsAsync(listOptions, token).ConfigureAwait(false);
        }

        async Task ListWindowsAsync(SequentialListOptions listOptions, string? token)
        {
            var pageable = _client.Messages.ListSequentialAsync(conversationId, listOptions);
            await foreach (var page in pageable.AsPages(token, window, cancellationToken).ConfigureAwait(false))
            {
                if (page.Items.Count > 0)
                {
                    await StoreMessagesAsync(conversationId, page.Items, seenIds, seenSequences, pending, cancellationToken).ConfigureAwait(false);

                    // The cursor moves only after the store confirmed the page. It points at the start of the last non-empty
                    // window (inclusive): the next run re-reads that window, so messages added to it later are not skipped.
                    await _state.SetCheckpointAsync(_tenantId, _connectorId, scope, current ?? string.Empty, cancellationToken).ConfigureAwait(false);
                }
                else if (saved is null && current is null)
                {
                    await _state.SetCheckpointAsync(_tenantId, _connectorId, scope, string.Empty, cancellationToken).ConfigureAwait(false);
                }

                current = page.ContinuationToken;
            }
        }

        if (seenIds is not null)
        {
            await SweepAsync(CarbonVoiceEntities.Message, conversationId, seenIds, cancellationToken).ConfigureAwait(false);
            if (FullMarker is not null)
            {
                await _state.SetCheckpointAsync(_tenantId, _connectorId, sweptScope, FullMarker, cancellationToken).ConfigureAwait(false);
            }
        }

        await RecheckPendingTranscriptsAsync(conversationId, seenSequences, pending, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The sequence number of the conversation's newest message (one request), or null when it has none: the end up to
    /// which sequence windows are read through even when empty.
    /// </summary>
    private async Task<int?> FindLastSequenceAsync(string conversationId, CancellationToken cancellationToken)
    {
        var newest = _client.Messages.ListByChannelAsync(conversationId, new DateCursorOptions { PageSize = 1, Direction = MessageDirections.Older });
        await foreach (var page in newest.AsPages(null, 1, cancellationToken).ConfigureAwait(false))
        {
            var highest = page.Items.Max(m => m.Sequence);
            return highest is { } value && value >= 1 ? (int)Math.Min(value, int.MaxValue) : null;
        }

        return null;
    }

    private async Task StoreMessagesAsync(string conversationId, IReadOnlyList<LegacyMessage> messages, HashSet<string>? seenIds, HashSet<long> seenSequences, List<(long, long)> pending, CancellationToken cancellationToken)
    {
        var records = new List<RawRecordUpsert>(messages.Count);
        var now = _time.GetUtcNow();
        foreach (var message in messages)
        {
            if (string.IsNullOrWhiteSpace(message.Id) || (seenIds is not null && !seenIds.Add(message.Id)))
            {
                continue;
            }

            if (message.Sequence is { } sequence)
            {
                seenSequences.Add(sequence);
                if (message.DeletedAt is null && string.IsNullOrWhiteSpace(message.Transcript)
                    && message.CreatedAt is { } created && now - created < _options.PendingTranscriptMaxAge)
                {
                    pending.Add((sequence, created.ToUnixTimeSeconds()));
                }
            }

            if (Build(CarbonVoiceEntities.Message, message.Id, message, conversationId, message.LastUpdatedAt) is { } record)
            {
                records.Add(message.DeletedAt is null ? record : record with { IsDeleted = true });
            }
        }

        await StoreAsync(CarbonVoiceEntities.Message, records, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Re-reads messages stored earlier without a transcript (the service fills it in seconds to minutes later without
    /// bumping <c>last_updated_at</c>, so the notified feed does not bring it), then saves the ones still waiting.
    /// </summary>
    private async Task RecheckPendingTranscriptsAsync(string conversationId, HashSet<long> seenSequences, List<(long Sequence, long CreatedUnix)> pending, CancellationToken cancellationToken)
    {
        var scope = SyncScopes.PendingTranscripts(conversationId);
        var saved = await _state.GetCheckpointAsync(_tenantId, _connectorId, scope, cancellationToken).ConfigureAwait(false);
        var oldest = (_time.GetUtcNow() - _options.PendingTranscriptMaxAge).ToUnixTimeSeconds();
        var recheck = Parse(saved).Where(p => !seenSequences.Contains(p.Sequence) && p.CreatedUnix >= oldest).OrderBy(p => p.Sequence).ToList();
        foreach (var batch in recheck.Chunk(50))
        {
            foreach (var sequence in batch)
            {
                var found = await _client.Messages.GetSequenceWindowAsync(conversationId, (int)sequence.Sequence, (int)sequence.Sequence, cancellationToken).ConfigureAwait(false);
                await StoreMessagesAsync(conversationId, found, null, seenSequences, pending, cancellationToken).ConfigureAwait(false);
            }
        }

        var value = pending.Count == 0 ? null : string.Join(',', pending.Distinct().Take(500).Select(p => FormattableString.Invariant($"{p.Sequence}:{p.CreatedUnix}")));
        if (value != saved)
        {
            await _state.SetCheckpointAsync(_tenantId, _connectorId, scope, value, cancellationToken).ConfigureAwait(false);
        }
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

    private static IEnumerable<(long Sequence, long CreatedUnix)> Parse(string? saved)
    {
        foreach (var entry in (saved ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var created))
            {
                yield return (sequence, created);
            }
        }
    }
}
