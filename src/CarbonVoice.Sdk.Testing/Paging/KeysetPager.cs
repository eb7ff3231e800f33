namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// Selects the next rows of a message feed after a keyset position, without sorting the store. By <c>created_at</c> it
/// binary-searches each conversation (messages are kept in creation order) and merges the conversations; by
/// <c>updated_at</c> it scans the conversations that changed after the position and keeps the best rows in a bounded heap.
/// </summary>
internal static class KeysetPager
{
    /// <summary>Up to <paramref name="take"/> rows that <paramref name="include"/> accepts, after <paramref name="after"/> (from the first row when null), in walk order.</summary>
    public static List<MessageRecord> Page(
        IReadOnlyList<ConversationRecord> conversations, FeedKey key, bool newer, FeedPosition? after, int take,
        Func<MessageRecord, bool> include, long nowMs)
    {
        var rows = new List<MessageRecord>(Math.Min(take, 256));
        if (take <= 0)
        {
            return rows;
        }

        if (key == FeedKey.Created)
        {
            ByCreation(conversations, newer, after, take, include, rows);
        }
        else
        {
            ByUpdate(conversations, newer, after, take, include, nowMs, rows);
        }

        return rows;
    }

    /// <summary>The row's key in the feed.</summary>
    public static long KeyOf(MessageRecord message, FeedKey key, long nowMs) => key == FeedKey.Created ? message.CreatedMs : message.UpdatedAt(nowMs);

    private static int Compare(long aKey, string aId, long bKey, string bId)
    {
        var byKey = aKey.CompareTo(bKey);
        return byKey != 0 ? byKey : string.CompareOrdinal(aId, bId);
    }

    private static void ByCreation(
        IReadOnlyList<ConversationRecord> conversations, bool newer, FeedPosition? after, int take,
        Func<MessageRecord, bool> include, List<MessageRecord> rows)
    {
        var step = newer ? 1 : -1;
        if (conversations.Count == 1)
        {
            var messages = conversations[0].Messages;
            for (var i = StartIndex(messages, newer, after); i >= 0 && i < messages.Count && rows.Count < take; i += step)
            {
                if (include(messages[i]))
                {
                    rows.Add(messages[i]);
                }
            }

            return;
        }

        // A k-way merge of the conversations' heads; the head that comes first in the walk is dequeued first.
        var order = Comparer<(long Key, string Id)>.Create((a, b) => newer ? Compare(a.Key, a.Id, b.Key, b.Id) : Compare(b.Key, b.Id, a.Key, a.Id));
        var heads = new PriorityQueue<(List<MessageRecord> Messages, int Index), (long, string)>(conversations.Count, order);
        foreach (var conversation in conversations)
        {
            var messages = conversation.Messages;
            var start = StartIndex(messages, newer, after);
            if (start >= 0 && start < messages.Count)
            {
                heads.Enqueue((messages, start), (messages[start].CreatedMs, messages[start].Id));
            }
        }

        while (rows.Count < take && heads.TryDequeue(out var head, out _))
        {
            var message = head.Messages[head.Index];
            if (include(message))
            {
                rows.Add(message);
            }

            var next = head.Index + step;
            if (next >= 0 && next < head.Messages.Count)
            {
                heads.Enqueue((head.Messages, next), (head.Messages[next].CreatedMs, head.Messages[next].Id));
            }
        }
    }

    /// <summary>The index of the first row after the position in the walk's direction (creation order is ascending).</summary>
    private static int StartIndex(List<MessageRecord> messages, bool newer, FeedPosition? after)
    {
        if (after is not { } position)
        {
            return newer ? 0 : messages.Count - 1;
        }

        // Rows admitted by a newer walk form a suffix, those of an older walk a prefix: find the boundary.
        int low = 0, high = messages.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var admitted = position.Admits(messages[middle].CreatedMs, messages[middle].Id, newer);
            if (admitted == newer)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return newer ? low : low - 1;
    }

    private static void ByUpdate(
        IReadOnlyList<ConversationRecord> conversations, bool newer, FeedPosition? after, int take,
        Func<MessageRecord, bool> include, long nowMs, List<MessageRecord> rows)
    {
        // The heap's top is the worst row kept so far: the latest for a newer walk, the earliest for an older one.
        var worstFirst = Comparer<(long Key, string Id)>.Create((a, b) => newer ? Compare(b.Key, b.Id, a.Key, a.Id) : Compare(a.Key, a.Id, b.Key, b.Id));
        var kept = new PriorityQueue<MessageRecord, (long Key, string Id)>(take + 1, worstFirst);
        foreach (var conversation in conversations)
        {
            if (newer && after is { } bound && conversation.LatestChangeMs < bound.KeyMs)
            {
                continue;
            }

            foreach (var message in conversation.Messages)
            {
                var key = message.UpdatedAt(nowMs);
                if ((after is { } position && !position.Admits(key, message.Id, newer)) || !include(message))
                {
                    continue;
                }

                if (kept.Count < take)
                {
                    kept.Enqueue(message, (key, message.Id));
                }
                else if (kept.TryPeek(out _, out var worst) && worstFirst.Compare((key, message.Id), worst) > 0)
                {
                    kept.DequeueEnqueue(message, (key, message.Id));
                }
            }
        }

        while (kept.TryDequeue(out var message, out _))
        {
            rows.Add(message);
        }

        rows.Reverse();
    }
}
