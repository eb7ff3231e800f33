using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>v3 message reads: date windows, sequence windows, recent/notified deltas and search.</summary>
internal static class MessageQueryEndpoints
{
    public static void Register(Router router)
    {
        router.Add("GET", "/v3/messages/{channel}/by-id", true, ByDate);
        router.Add("GET", "/v3/messages/{channel}/sequential/{start}/{stop}", true, Sequential);
        router.Add("POST", "/v3/messages/recent", true, Recent);
        router.Add("POST", "/v3/messages/notified", true, Notified);
        router.Add("POST", "/v3/search", true, Search);
    }

    private static void ByDate(RequestContext context)
    {
        if (!context.TryQueryInt("limit", 50, 1, 500, out var limit))
        {
            return;
        }

        var newer = string.Equals(context.Request.Query("direction"), "newer", StringComparison.OrdinalIgnoreCase);
        var rawDate = context.Request.Query("date");
        var date = JsonFormat.ParseTime(rawDate);
        if (rawDate is not null && date is null)
        {
            context.BadRequest("date must be a valid ISO 8601 date string");
            return;
        }

        lock (context.Store.Sync)
        {
            if (!Access.TryConversation(context, context.Param(0), out var conversation))
            {
                return;
            }

            var selected = Select([conversation], date, newer, limit, useLastUpdated: false, includeDeleted: false);
            WriteV3Array(context, selected);
        }
    }

    private static void Sequential(RequestContext context)
    {
        if (!int.TryParse(context.Param(1), System.Globalization.CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(context.Param(2), System.Globalization.CultureInfo.InvariantCulture, out var stop)
            || start < 0 || stop < start)
        {
            context.BadRequest("start and stop must be sequence numbers with start <= stop");
            return;
        }

        if (stop - start >= 500)
        {
            context.BadRequest("stop - start must be less than 500");
            return;
        }

        lock (context.Store.Sync)
        {
            if (!Access.TryConversation(context, context.Param(0), out var conversation))
            {
                return;
            }

            var messages = conversation.Messages;
            var selected = new List<MessageRecord>();
            for (var sequence = Math.Max(1, start); sequence <= stop && sequence <= messages.Count; sequence++)
            {
                var message = messages[sequence - 1];
                if (!message.IsDeleted)
                {
                    selected.Add(message);
                }
            }

            WriteV3Array(context, selected);
        }
    }

    private static void Recent(RequestContext context) => Delta(context, notified: false);

    private static void Notified(RequestContext context) => Delta(context, notified: true);

    private static void Delta(RequestContext context, bool notified)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var limit = root.GetInt("limit") ?? 20;
            if (limit is < 1 or > 100)
            {
                context.BadRequest("limit must not be greater than 100", "limit must not be less than 1");
                return;
            }

            long? date = null;
            if (root.TryGetProperty("date", out var dateElement) && dateElement.ValueKind != JsonValueKind.Null)
            {
                date = JsonFormat.ParseTime(dateElement);
                if (date is null)
                {
                    context.BadRequest("date must be a valid ISO 8601 date string");
                    return;
                }
            }

            var newer = string.Equals(root.GetString("direction"), "newer", StringComparison.OrdinalIgnoreCase);
            var useLastUpdated = notified || root.GetBool("use_last_updated");
            var channelId = root.GetString("channel_id");
            lock (context.Store.Sync)
            {
                IEnumerable<ConversationRecord> conversations;
                if (channelId is not null)
                {
                    if (!Access.TryConversation(context, channelId, out var conversation))
                    {
                        return;
                    }

                    conversations = [conversation];
                }
                else
                {
                    conversations = context.Store.VisibleConversations(context.User);
                }

                WriteV3Array(context, Select(conversations, date, newer, limit, useLastUpdated, includeDeleted: notified));
            }
        }
    }

    /// <summary>Inclusive window: newer = ascending with key &gt;= date; older = descending with key &lt;= date.</summary>
    internal static List<MessageRecord> Select(
        IEnumerable<ConversationRecord> conversations, long? date, bool newer, int limit, bool useLastUpdated, bool includeDeleted)
    {
        var matches = new List<MessageRecord>();
        foreach (var conversation in conversations)
        {
            foreach (var message in conversation.Messages)
            {
                if (message.IsDeleted && !includeDeleted)
                {
                    continue;
                }

                var key = Key(message, useLastUpdated);
                if (date is null || (newer ? key >= date : key <= date))
                {
                    matches.Add(message);
                }
            }
        }

        Comparison<MessageRecord> ascending = (a, b) =>
        {
            var byKey = Key(a, useLastUpdated).CompareTo(Key(b, useLastUpdated));
            if (byKey != 0)
            {
                return byKey;
            }

            var byConversation = string.CompareOrdinal(a.Conversation.Id, b.Conversation.Id);
            return byConversation != 0 ? byConversation : a.Sequence.CompareTo(b.Sequence);
        };
        matches.Sort(newer ? ascending : (a, b) => ascending(b, a));
        if (matches.Count > limit)
        {
            matches.RemoveRange(limit, matches.Count - limit);
        }

        return matches;
    }

    private static long Key(MessageRecord message, bool useLastUpdated) => useLastUpdated ? message.ChangedMs : message.CreatedMs;

    private static void Search(RequestContext context)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var query = root.GetString("query");
            if (string.IsNullOrWhiteSpace(query))
            {
                context.BadRequest("query should not be empty");
                return;
            }

            var limit = root.GetInt("limit") ?? 20;
            if (limit is < 1 or > 100)
            {
                context.BadRequest("limit must be between 1 and 100");
                return;
            }

            var workspaceId = root.GetString("workspace_id");
            var channelId = root.GetString("channel_id");
            var startingAfter = root.GetString("starting_after");
            lock (context.Store.Sync)
            {
                List<ConversationRecord> conversations;
                if (channelId is not null)
                {
                    if (!Access.TryConversation(context, channelId, out var conversation))
                    {
                        return;
                    }

                    conversations = [conversation];
                }
                else if (workspaceId is not null)
                {
                    if (!Access.TryWorkspace(context, workspaceId, out var workspace))
                    {
                        return;
                    }

                    conversations = workspace.Conversations.Where(c => c.DeletedMs == 0).ToList();
                }
                else
                {
                    conversations = context.Store.VisibleConversations(context.User).ToList();
                }

                var candidates = Select(conversations, null, newer: false, int.MaxValue, useLastUpdated: false, includeDeleted: false);
                var start = 0;
                if (startingAfter is not null)
                {
                    start = candidates.FindIndex(m => m.Id == startingAfter) + 1;
                    if (start == 0)
                    {
                        context.Error(400, "Invalid cursor");
                        return;
                    }
                }

                var found = new List<MessageRecord>(limit + 1);
                for (var i = start; i < candidates.Count && found.Count <= limit; i++)
                {
                    if (candidates[i].Transcript.Contains(query, StringComparison.OrdinalIgnoreCase))
                    {
                        found.Add(candidates[i]);
                    }
                }

                var hasMore = found.Count > limit;
                if (hasMore)
                {
                    found.RemoveAt(limit);
                }

                var scope = WriteScope.Of(context);
                var w = context.Json();
                Envelope.Start(w);
                foreach (var message in found)
                {
                    MessageJson.WriteV3(w, message, scope);
                }

                Envelope.End(w, hasMore, found.Count > 0 ? found[^1].Id : null, null);
            }
        }
    }

    private static void WriteV3Array(RequestContext context, List<MessageRecord> messages)
    {
        var scope = WriteScope.Of(context);
        var w = context.Json();
        w.WriteStartArray();
        foreach (var message in messages)
        {
            MessageJson.WriteV3(w, message, scope);
        }

        w.WriteEndArray();
    }
}
