using System.Globalization;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// Builds the transcript chunks of one conversation: short consecutive messages are grouped into one chunk
/// (a header line with the conversation, time range and speakers, then one line per message with its time and
/// speaker); a message too long to group gets chunks of its own, split on sentences with a header naming the
/// conversation, speaker and time. Each line is tokenized once: a line starts with "[", where the tokenizer always starts
/// a new piece, so a group's tokens are its header line's plus each line's (followed by its line break but the last).
/// </summary>
internal sealed class ConversationTranscriptBuilder(TokenChunker chunker, IngestionOptions options)
{
    private const int EstimateSlack = 24;

    /// <summary>A line longer than this many characters per grouping token is long without being counted (English is about 4.5).</summary>
    private const int LongLineCharactersPerToken = 6;

    /// <summary>
    /// The drafts of the conversation's transcript. <paramref name="messages"/> is consumed: it is emptied, and each message
    /// is let go once its chunk is drafted, so a conversation's transcripts and its drafts are not all held at once.
    /// </summary>
    public List<ChunkDraft> Build(ConversationView conversation, List<MessageView> messages)
    {
        var drafts = new List<ChunkDraft>();
        var group = new List<TranscriptLine>();
        var ordered = messages
            .Where(m => !m.IsDeleted && !m.IsPending && !string.IsNullOrWhiteSpace(m.Transcript))
            .OrderBy(m => m.CreatedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .ToArray();
        messages.Clear();
        for (var at = 0; at < ordered.Length; at++)
        {
            var message = ordered[at];
            ordered[at] = null!;
            var speaker = conversation.Speaker(message.CreatorId);
            var transcript = message.Transcript!.Trim();
            var text = $"[{Json.Format(message.CreatedAt)}] {speaker}: {transcript.ReplaceLineEndings(" ")}";
            var line = text.Length > options.EffectiveGroupMessageMaxTokens * LongLineCharactersPerToken ? null : TranscriptLine.Measure(chunker.Counter, message, text);
            if (line is null || line.Tokens > options.EffectiveGroupMessageMaxTokens)
            {
                Flush(conversation, group, drafts);
                AddLongMessage(conversation, message, speaker, transcript, drafts);
                continue;
            }

            var gap = group.Count > 0 && message.CreatedAt - group[^1].Message.CreatedAt > options.GroupMaxGap;
            if (group.Count > 0 && (gap || !Fits(conversation, group, line)))
            {
                Flush(conversation, group, drafts);
            }

            group.Add(line);
        }

        Flush(conversation, group, drafts);
        return drafts;
    }

    private bool Fits(ConversationView conversation, List<TranscriptLine> group, TranscriptLine line)
    {
        var lines = line.Tokens;
        foreach (var member in group)
        {
            lines += member.BreakTokens;
        }

        // The header line is at most a quarter of the limit (and its line break): no need to build it while far from the limit.
        if (lines + (options.MaxTokens / 4) <= options.MaxTokens - EstimateSlack)
        {
            return true;
        }

        group.Add(line);
        try
        {
            return Measure(conversation, group, group.Count).Tokens <= options.MaxTokens;
        }
        finally
        {
            group.RemoveAt(group.Count - 1);
        }
    }

    private void Flush(ConversationView conversation, List<TranscriptLine> group, List<ChunkDraft> drafts)
    {
        while (group.Count > 0)
        {
            var take = group.Count;
            var measure = Measure(conversation, group, take);
            while (take > 1 && measure.Tokens > options.MaxTokens)
            {
                take--;
                measure = Measure(conversation, group, take);
            }

            if (take == 1 && measure.Tokens > options.MaxTokens)
            {
                // One message whose line fits the group limit but not with the group header: split it like a long message.
                var message = group[0].Message;
                AddLongMessage(conversation, message, conversation.Speaker(message.CreatorId), message.Transcript!.Trim(), drafts);
                group.RemoveAt(0);
                continue;
            }

            var members = group.GetRange(0, take).Select(g => g.Message).ToList();
            var metadata = Metadata(conversation, members);
            metadata["message_count"] = members.Count.ToString(CultureInfo.InvariantCulture);
            drafts.Add(new ChunkDraft(measure.Text ?? Text(measure.Header, group, take), measure.Tokens, metadata));
            group.RemoveRange(0, take);
        }
    }

    /// <summary>
    /// The tokens of the first <paramref name="take"/> lines of the group under their header: counted from the lines when
    /// they are all exact (the text is not built), else from the text, which is then kept in <see cref="GroupMeasure.Text"/>.
    /// </summary>
    private GroupMeasure Measure(ConversationView conversation, List<TranscriptLine> group, int take)
    {
        var speakers = string.Join(", ", group.Take(take).Select(m => conversation.Speaker(m.Message.CreatorId)).Distinct(StringComparer.Ordinal));
        var header = chunker.FitHeader($"Conversation: {conversation.DisplayName} | {Json.Format(group[0].Message.CreatedAt)} to {Json.Format(group[take - 1].Message.CreatedAt)} | Speakers: {speakers}", options.MaxTokens, out var headerTokens);
        for (var i = 0; i < take; i++)
        {
            if (!group[i].Exact)
            {
                var text = Text(header, group, take);
                return new GroupMeasure(header, chunker.Counter.CountTokens(text), text);
            }
        }

        var tokens = headerTokens + group[take - 1].Tokens;
        for (var i = 0; i < take - 1; i++)
        {
            tokens += group[i].BreakTokens;
        }

        return new GroupMeasure(header, tokens, null);
    }

    /// <summary>The header and the first <paramref name="take"/> lines, one per line, built in one allocation.</summary>
    private static string Text(string header, List<TranscriptLine> group, int take)
    {
        var length = header.Length + take;
        for (var i = 0; i < take; i++)
        {
            length += group[i].Text.Length;
        }

        return string.Create(length, (header, group, take), static (span, state) =>
        {
            state.header.CopyTo(span);
            var at = state.header.Length;
            for (var i = 0; i < state.take; i++)
            {
                span[at++] = '\n';
                state.group[i].Text.CopyTo(span[at..]);
                at += state.group[i].Text.Length;
            }
        });
    }

    private void AddLongMessage(ConversationView conversation, MessageView message, string speaker, string transcript, List<ChunkDraft> drafts)
    {
        var header = $"Conversation: {conversation.DisplayName} | Speaker: {speaker} | Time: {Json.Format(message.CreatedAt)}";
        var pieces = chunker.SplitCounted(header, transcript, options.MaxTokens, options.OverlapTokens);
        for (var i = 0; i < pieces.Count; i++)
        {
            var metadata = Metadata(conversation, [message]);
            metadata["message_id"] = message.Id;
            metadata["part"] = (i + 1).ToString(CultureInfo.InvariantCulture);
            metadata["parts"] = pieces.Count.ToString(CultureInfo.InvariantCulture);
            drafts.Add(new ChunkDraft(pieces[i].Text, pieces[i].Tokens, metadata));
        }
    }

    private static Dictionary<string, string> Metadata(ConversationView conversation, List<MessageView> members)
    {
        var speakers = members.Select(m => conversation.Speaker(m.CreatorId)).Distinct(StringComparer.Ordinal);
        var speakerIds = members.Select(m => m.CreatorId ?? string.Empty).Distinct(StringComparer.Ordinal);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["conversation_id"] = conversation.Id,
            ["conversation_name"] = conversation.DisplayName,
            ["speakers"] = string.Join(", ", speakers),
            ["speaker_ids"] = string.Join(",", speakerIds),
            ["start_time"] = Json.Iso(members[0].CreatedAt),
            ["end_time"] = Json.Iso(members[^1].CreatedAt),
            ["message_ids"] = string.Join(",", members.Select(m => m.Id)),
        };
    }

    /// <summary>A group's fitted header, its tokens, and its text when measuring it needed the text.</summary>
    private readonly record struct GroupMeasure(string Header, int Tokens, string? Text);
}
