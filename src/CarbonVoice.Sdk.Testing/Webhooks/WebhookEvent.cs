using System.Buffers;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>An event raised by a write, with its resource already serialized (under the data lock).</summary>
internal sealed record WebhookEvent(string EventName, string ResourceType, string ResourceId, WorkspaceRecord Workspace, byte[] Resource)
{
    public static WebhookEvent ForMessage(string eventName, MessageRecord message, in WriteScope scope)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            MessageWebhookJson.Write(writer, message, scope);
        }

        return new WebhookEvent(eventName, "Message", message.Id, message.Conversation.Workspace, buffer.WrittenSpan.ToArray());
    }

    public static WebhookEvent ForChannel(string eventName, ConversationRecord conversation, in WriteScope scope)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            EntityJson.WriteChannelWebhookResource(writer, conversation, scope);
        }

        return new WebhookEvent(eventName, "Channel", conversation.Id, conversation.Workspace, buffer.WrittenSpan.ToArray());
    }

    public static WebhookEvent ForActionItem(string eventName, ActionItemRecord item)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            ItemJson.WriteActionItem(writer, item);
        }

        return new WebhookEvent(eventName, "ActionItem", item.Id, item.Workspace, buffer.WrittenSpan.ToArray());
    }
}
