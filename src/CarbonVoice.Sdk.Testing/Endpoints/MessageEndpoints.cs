namespace CarbonVoice.Sdk.Testing;

/// <summary>v5 message reads: by id, by ids, id listing.</summary>
internal static class MessageEndpoints
{
    public static void Register(Router router)
    {
        router.Add("GET", "/v5/messages/{id}", true, GetV5);
        router.Add("POST", "/v5/messages/by-ids", true, ByIds);
        router.Add("GET", "/v5/conversations/{id}/messages/ids", true, Ids);
        MessageQueryEndpoints.Register(router);
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
            MessageJson.WriteV5(w, message, WriteScope.Of(context));
            w.WriteEndObject();
        }
    }

    private static void ByIds(RequestContext context)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var conversationId = root.GetString("conversation_id");
            var ids = root.GetStrings("message_ids");
            var problems = new List<string>();
            if (string.IsNullOrEmpty(conversationId))
            {
                problems.Add("conversation_id should not be empty");
            }

            if (ids is null || ids.Count == 0)
            {
                problems.Add("message_ids should not be empty");
            }
            else if (ids.Count > 500)
            {
                problems.Add("message_ids must contain no more than 500 elements");
            }

            if (problems.Count > 0)
            {
                context.ValidationError([.. problems]);
                return;
            }

            var scope = WriteScope.Of(context);
            lock (context.Store.Sync)
            {
                if (!Access.TryConversation(context, conversationId, out var conversation))
                {
                    return;
                }

                var w = context.Json();
                w.WriteStartArray();
                foreach (var id in ids!)
                {
                    if (context.Store.MessagesById.TryGetValue(id, out var message) && ReferenceEquals(message.Conversation, conversation))
                    {
                        MessageJson.WriteV5(w, message, scope);
                    }
                }

                w.WriteEndArray();
            }
        }
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
