namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// <c>GET /messages/{channel_id}/index</c>: a channel's messages without transcripts, <c>{"results": [...]}</c> of
/// <c>{message_id, parent_message_id, status, created_at, creator_id, last_updated_at}</c>. <c>direction=older</c> (the
/// default) gives the latest <c>limit</c> messages newest first, <c>newer</c> the first ones oldest first. Deleted messages
/// are left out; <c>limit</c> is 1–1000, 50 by default.
/// </summary>
internal static class MessageIndexEndpoints
{
    public const int MaxLimit = 1000;

    public static void Register(Router router) => router.Add("GET", "/messages/{channel}/index", true, Index);

    private static void Index(RequestContext context)
    {
        if (!context.TryQueryInt("limit", 50, 1, MaxLimit, out var limit))
        {
            return;
        }

        var direction = context.Request.Query("direction") ?? "older";
        if (direction is not ("older" or "newer"))
        {
            context.BadRequest("direction must be one of the following values: older, newer");
            return;
        }

        lock (context.Store.Sync)
        {
            if (!Access.TryConversation(context, context.Param(0), out var conversation))
            {
                return;
            }

            var now = context.NowMs;
            var live = conversation.Messages.Where(m => !m.IsDeleted);
            var rows = (direction == "newer" ? live : live.Reverse()).Take(limit);
            var w = context.Json();
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var message in rows)
            {
                w.WriteStartObject();
                w.WriteString("message_id", message.Id);
                w.WriteStringOrNull("parent_message_id", message.Parent?.Id);
                w.WriteString("status", message.Status(now));
                w.WriteIso("created_at", message.CreatedMs);
                w.WriteString("creator_id", message.Creator.Id);
                w.WriteIso("last_updated_at", message.UpdatedAt(now));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
    }
}
