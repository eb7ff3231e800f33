using System.Globalization;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// v3 message reads: one message, date windows, position windows, recent, notified (the caller's unread messages)
/// and search. <c>recent</c>, <c>notified</c> and <c>by-id</c> pages hold at most <see cref="EmulatorOptions.V3PageCap"/>
/// rows whatever limit is asked.
/// </summary>
internal static class MessageV3Endpoints
{
    public static void Register(Router router)
    {
        router.Add("GET", "/v3/messages/{id}", true, Get);
        router.Add("GET", "/v3/messages/{channel}/by-id", true, ByDate);
        router.Add("GET", "/v3/messages/{channel}/sequential/{start}/{stop}", true, Sequential);
        router.Add("POST", "/v3/messages/recent", true, context => Window(context, notified: false));
        router.Add("POST", "/v3/messages/notified", true, context => Window(context, notified: true));
        router.Add("POST", "/v3/search", true, Search);
    }

    private static int Capped(RequestContext context, int limit) => Math.Min(limit, Math.Max(1, context.Emulator.Options.V3PageCap));

    private static void Get(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            if (Access.TryMessage(context, context.Param(0), out var message))
            {
                MessageV3Json.Write(context.Json(), message, WriteScope.Of(context));
            }
        }
    }

    private static void ByDate(RequestContext context)
    {
        var limit = 50;
        if (context.Request.Query("limit") is { } rawLimit
            && (!int.TryParse(rawLimit, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            context.BadRequest("limit must be an integer not less than 1");
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

            var rows = KeysetPager.Page([conversation], FeedKey.Created, newer, Anchor(date), Capped(context, limit), m => !m.IsDeleted, context.NowMs);
            WriteV3Array(context, rows);
        }
    }

    private static void Sequential(RequestContext context)
    {
        if (!int.TryParse(context.Param(1), CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(context.Param(2), CultureInfo.InvariantCulture, out var stop)
            || start < 0 || stop < start)
        {
            context.BadRequest("start and stop must be positions with start <= stop");
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
            for (var position = Math.Max(1, start); position <= stop && position <= messages.Count; position++)
            {
                var message = messages[position - 1];
                if (!message.IsDeleted)
                {
                    selected.Add(message);
                }
            }

            WriteV3Array(context, selected);
        }
    }

    /// <summary><c>recent</c> (messages not deleted) and <c>notified</c> (the caller's unread messages) over an inclusive date window.</summary>
    private static void Window(RequestContext context, bool notified)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var limit = root.GetInt("limit") ?? 20;
            if (limit < 1)
            {
                context.BadRequest("limit must not be less than 1");
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
            var key = root.GetBool("use_last_updated") ? FeedKey.Updated : FeedKey.Created;
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
                    conversations = DataStore.VisibleConversations(context.User);
                }

                var me = context.User;
                Func<MessageRecord, bool> include = notified ? m => m.IsUnreadFor(me) : m => !m.IsDeleted;
                var scoped = notified ? conversations.Where(c => c.IsCollaborator(me)).ToList() : conversations.ToList();
                WriteV3Array(context, KeysetPager.Page(scoped, key, newer, Anchor(date), Capped(context, limit), include, context.NowMs));
            }
        }
    }

    /// <summary>The inclusive anchor of a v3 window: newer gives rows at or after the date, older rows at or before it.</summary>
    private static FeedPosition? Anchor(long? date) => date is { } ms ? new FeedPosition(ms, null) : null;

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

                    conversations = workspace.Conversations.Where(c => !c.IsDeleted).ToList();
                }
                else
                {
                    conversations = DataStore.VisibleConversations(context.User).ToList();
                }

                // Newest first; starting_after is the last message id of the previous page.
                FeedPosition? after = null;
                if (startingAfter is not null)
                {
                    if (!context.Store.MessagesById.TryGetValue(startingAfter, out var previous))
                    {
                        context.Error(400, "Invalid cursor");
                        return;
                    }

                    after = new FeedPosition(previous.CreatedMs, previous.Id);
                }

                var now = context.NowMs;
                var found = KeysetPager.Page(conversations, FeedKey.Created, newer: false, after, limit + 1,
                    m => !m.IsDeleted && m.IsReady(now) && m.Transcript.Contains(query, StringComparison.OrdinalIgnoreCase), now);
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
                    MessageV3Json.Write(w, message, scope);
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
            MessageV3Json.Write(w, message, scope);
        }

        w.WriteEndArray();
    }
}
