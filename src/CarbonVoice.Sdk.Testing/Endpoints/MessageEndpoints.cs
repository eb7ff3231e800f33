namespace CarbonVoice.Sdk.Testing;

/// <summary>v5 message reads: by id, by ids, id listing.</summary>
internal static class MessageEndpoints
{
    public static void Register(Router router)
    {
        router.Add("GET", "/v5/messages/{id}", true, GetV5);
        router.Add("POST", "/v5/messages/by-ids", true, ByIds);
        router.Add("GET", "/v5/conversations/{id}/messages/ids", true, Ids);
    }

    private static void GetV5(RequestContext context)
    {
        var id = context.Param(0);
        lock (context.Store.Sync)
        {
            if (!Access.TryMessage(context, id, out var message))
            {
                return;
            }

            var w = context.Json();
            w.WriteStartObject();
            w.WritePropertyName("message");
            MessageV5Json.Write(w, message, WriteScope.Of(context));
            w.WriteEndObject();
        }
    }

    private static void ByIds(RequestContext context)
    {
        var scope = WriteScope.Of(context);
        ByIdsRequest.Handle(context, (w, message) => MessageV5Json.Write(w, message, scope));
    }

    private static void Ids(RequestContext context)
    {
        if (!context.TryQueryInt("limit", 100, 1, 1000, out var limit))
        {
            return;
        }

        var startingAfter = context.Request.Query("starting_after");
        lock (context.Store.Sync)
        {
            if (!Access.TryConversation(context, context.Param(0), out var conversation))
            {
                return;
            }

            var messages = conversation.Messages;
            var index = 0;
            if (!string.IsNullOrEmpty(startingAfter))
            {
                if (!context.Store.MessagesById.TryGetValue(startingAfter, out var after) || !ReferenceEquals(after.Conversation, conversation))
                {
                    context.Error(400, "Invalid cursor");
                    return;
                }

                index = after.Sequence;
            }

            var w = context.Json();
            Envelope.Start(w);
            string? last = null;
            var written = 0;
            for (; index < messages.Count && written < limit; index++)
            {
                if (!messages[index].IsDeleted)
                {
                    last = messages[index].Id;
                    w.WriteStringValue(last);
                    written++;
                }
            }

            var hasMore = false;
            for (var i = index; i < messages.Count; i++)
            {
                if (!messages[i].IsDeleted)
                {
                    hasMore = true;
                    break;
                }
            }

            Envelope.End(w, hasMore, last, conversation.ActiveCount);
        }
    }
}
