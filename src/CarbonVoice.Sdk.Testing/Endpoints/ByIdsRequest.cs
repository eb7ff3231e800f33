using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>The body of <c>POST /v5/messages/by-ids</c> and <c>POST /v6/messages/by-ids</c>: <c>{conversation_id, message_ids}</c> (1–500 ids).</summary>
internal static class ByIdsRequest
{
    /// <summary>Writes the messages of the conversation among the ids, in the order asked (other conversations' and unknown ids are left out).</summary>
    public static void Handle(RequestContext context, Action<Utf8JsonWriter, MessageRecord> write)
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
                        write(w, message);
                    }
                }

                w.WriteEndArray();
            }
        }
    }
}
