using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// The v6 message reads: the history feed <c>GET /v6/messages</c> (by <c>created_at</c>), the change feed
/// <c>GET /v6/messages/updates</c> (by <c>updated_at</c>, deleted messages included), one message by id and by ids.
/// </summary>
internal static class MessageV6Endpoints
{
    /// <summary>The largest (and default) feed page.</summary>
    public const int MaxFeedLimit = 200;

    public static void Register(Router router)
    {
        router.Add("GET", "/v6/messages", true, context => Feed(context, FeedKey.Created));
        router.Add("GET", "/v6/messages/updates", true, context => Feed(context, FeedKey.Updated));
        router.Add("GET", "/v6/messages/{id}", true, Get);
        router.Add("POST", "/v6/messages/by-ids", true, ByIds);
    }

    private static bool PresignedUrl(RequestContext context) => string.Equals(context.Request.Query("presigned_url"), "true", StringComparison.OrdinalIgnoreCase);

    private static void Get(RequestContext context)
    {
        var presigned = PresignedUrl(context);
        lock (context.Store.Sync)
        {
            if (!Access.TryMessage(context, context.Param(0), out var message))
            {
                return;
            }

            var w = context.Json();
            w.WriteStartObject();
            w.WritePropertyName("message");
            MessageV6Json.Write(w, message, WriteScope.Of(context), presigned);
            w.WriteEndObject();
        }
    }

    private static void ByIds(RequestContext context)
    {
        var scope = WriteScope.Of(context);
        ByIdsRequest.Handle(context, (w, message) => MessageV6Json.Write(w, message, scope, presignedUrl: false));
    }

    private static void Feed(RequestContext context, FeedKey feed)
    {
        if (!FeedRequest.TryParse(context, out var request))
        {
            return;
        }

        var store = context.Store;
        var redeliveryMs = (long)context.Emulator.Options.FeedRedelivery.TotalMilliseconds;
        lock (store.Sync)
        {
            IReadOnlyList<ConversationRecord> conversations;
            if (request.ConversationId is { } conversationId)
            {
                if (!Access.TryConversation(context, conversationId, out var conversation))
                {
                    return;
                }

                conversations = [conversation];
            }
            else
            {
                conversations = DataStore.VisibleConversations(context.User).ToList();
            }

            var cursor = request.Cursor;
            if (cursor is not null && (cursor.Generation != store.CursorGeneration || cursor.Feed != feed
                || cursor.ConversationId != request.ConversationId || (request.Newer is { } asked && asked != cursor.Newer)))
            {
                context.Error(400, "Invalid cursor");
                return;
            }

            // A cursor continues its walk; a date anchors the first page (a newer one starts a little before it).
            var newer = cursor?.Newer ?? request.Newer ?? feed == FeedKey.Updated;
            var position = cursor?.Position ?? (request.DateMs is { } date ? new FeedPosition(newer ? date - redeliveryMs : date, null) : null);
            var now = context.NowMs;
            var rows = KeysetPager.Page(conversations, feed, newer, position, request.Limit + 1, feed == FeedKey.Created ? m => !m.IsDeleted : _ => true, now);
            var hasMore = rows.Count > request.Limit;
            if (hasMore)
            {
                rows.RemoveAt(request.Limit);
            }

            string? next;
            if (hasMore)
            {
                var last = rows[^1];
                next = new FeedCursor(store.CursorGeneration, feed, newer, request.ConversationId, new FeedPosition(KeysetPager.KeyOf(last, feed, now), last.Id)).Encode();
            }
            else if (!newer)
            {
                next = null;
            }
            else if (rows.Count == 0)
            {
                next = cursor is null ? null : request.RawCursor;
            }
            else
            {
                // The resume point of the next poll: a little before the last row, so the last rows come again.
                var resume = new FeedPosition(KeysetPager.KeyOf(rows[^1], feed, now) - redeliveryMs, null);
                next = new FeedCursor(store.CursorGeneration, feed, newer, request.ConversationId, resume).Encode();
            }

            WriteEnvelope(context.Json(), rows, hasMore, next, WriteScope.Of(context), request.PresignedUrl);
        }
    }

    private static void WriteEnvelope(Utf8JsonWriter w, List<MessageRecord> rows, bool hasMore, string? next, in WriteScope scope, bool presignedUrl)
    {
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (var message in rows)
        {
            MessageV6Json.Write(w, message, scope, presignedUrl);
        }

        w.WriteEndArray();
        w.WriteBoolean("has_more", hasMore);
        w.WriteStringOrNull("next_cursor", next);
        w.WriteEndObject();
    }
}
