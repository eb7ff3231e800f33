using System.Globalization;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// Builds the transcript chunks of one conversation: short consecutive messages are grouped into one chunk
/// (a header line with the conversation, time range and speakers, then one line per message with its time and
/// speaker); a message too long to group gets chunks of its own, split on sentences with a header naming the
/// conversation, speaker and time.
/// </summary>
internal sealed class ConversationTranscriptBuilder(TokenChunker chunker, IngestionOptions options)
{
    private const int EstimateSlack = 24;

    public List<ChunkDraft> Build(ConversationView conversation, IEnumerable<MessageView> messages)
    {
        var drafts = new List<ChunkDraft>();
        var group = new List<(MessageView Message, string Line, int Tokens)>();
        var groupTokens = 0;
        var counter = chunker.Counter;
        var ordered = messages
            .Where(m => !m.IsDeleted && !m.IsPending && !string.IsNullOrWhiteSpace(m.Transcript))
            .OrderBy(m => m.CreatedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(m => m.Id, StringComparer.Ordinal);
        foreach (var message in ordered)
        {
            var speaker = conversation.Speaker(message.CreatorId);
            var transcript = message.Transcript!.Trim();
            var line = $"[{Json.Format(message.CreatedAt)}] {speaker}: {transcript.ReplaceLineEndings(" ")}";
            var tokens = counter.CountTokens(line);
            if (tokens > options.EffectiveGroupMessageMaxTokens)
            {
                Flush(conversation, group, drafts);
                groupTokens = 0;
                AddLongMessage(conversation, message, speaker, transcript, drafts);
                continue;
            }

            var gap = group.Count > 0 && message.CreatedAt - group[^1].Message.CreatedAt > options.GroupMaxGap;
            if (group.Count > 0 && (gap || !Fits(conversation, group, groupTokens + tokens + 1, line)))
            {
                Flush(conversation, group, drafts);
                groupTokens = 0;
            }

            group.Add((message, line, tokens));
            groupTokens += tokens + 1;
        }

        Flush(conversation, group, drafts);
        return drafts;
    }

    private bool Fits(ConversationView conversation, List<(MessageView Message, string Line, int Tokens)> group, int estimate, string line)
    {
        if (estimate + (options.MaxTokens / 4) <= options.MaxTokens - EstimateSlack)
        {
            return true;
        }

        group.Add((null!, line, 0));
        try
        {
            return chunker.Counter.CountTokens(GroupText(conversation, group)) <= options.MaxTokens;
        }
        finally
        {
            group.RemoveAt(group.Count - 1);
        }
    }

    private void Flush(ConversationView conversation, List<(MessageView Message, string Line, int Tokens)> group, List<ChunkDraft> drafts)
    {
        while (group.Count > 0)
        {
            var take = group.Count;
            var text = GroupText(conversation, group);
            while (take > 1 && chunker.Counter.CountTokens(text) > options.MaxTokens)
            {
                take--;
                text = GroupText(conversation, group.GetRange(0, take));
            }

            if (take == 1 && chunker.Counter.CountTokens(text) > options.MaxTokens)
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
            drafts.Add(new ChunkDraft(text, metadata));
            group.RemoveRange(0, take);
        }
    }

    private string GroupText(ConversationView conversation, List<(MessageView Message, string Line, int Tokens)> group)
    {
        var members = group.Where(g => g.Message is not null).Select(g => g.Message).ToList();
        var speakers = string.Join(", ", members.Select(m => conversation.Speaker(m.CreatorId)).Distinct(StringComparer.Ordinal));
        var first = members.Count > 0 ? members[0].CreatedAt : null;
        var last = members.Count > 0 ? members[^1].CreatedAt : null;
        var header = chunker.FitHeader($"Conversation: {conversation.DisplayName} | {Json.Format(first)} to {Json.Format(last)} | Speakers: {speakers}", options.MaxTokens);
        return header + "\n" + string.Join("\n", group.Select(g => g.Line));
    }

    private void AddLongMessage(ConversationView conversation, MessageView message, string speaker, string transcript, List<ChunkDraft> drafts)
    {
        var header = $"Conversation: {conversation.DisplayName} | Speaker: {speaker} | Time: {Json.Format(message.CreatedAt)}";
        var pieces = chunker.Split(header, transcript, options.MaxTokens, options.OverlapTokens);
        for (var i = 0; i < pieces.Count; i++)
        {
            var metadata = Metadata(conversation, [message]);
            metadata["message_id"] = message.Id;
            metadata["part"] = (i + 1).ToString(CultureInfo.InvariantCulture);
            metadata["parts"] = pieces.Count.ToString(CultureInfo.InvariantCulture);
            drafts.Add(new ChunkDraft(pieces[i], metadata));
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
}
