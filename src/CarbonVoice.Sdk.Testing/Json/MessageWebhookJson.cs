using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Writes the webhook <c>resource</c> of a message (with the deprecated <c>*_guid</c> aliases).</summary>
internal static class MessageWebhookJson
{
    public static void Write(Utf8JsonWriter w, MessageRecord m, in WriteScope scope)
    {
        var conversation = m.Conversation;
        var ready = !m.IsDeleted && m.IsReady(scope.NowMs);
        w.WriteStartObject();
        w.WriteString("id", m.Id);
        w.WriteString("message_guid", m.Id);
        w.WriteString("self_link", $"{scope.BaseUrl}v5/messages/{m.Id}");
        w.WriteString("creator_id", m.Creator.Id);
        w.WriteString("creator_guid", m.Creator.Id);
        w.WriteString("channel_id", conversation.Id);
        w.WriteString("channel_guid", conversation.Id);
        w.WriteString("conversation_id", conversation.Id);
        w.WriteString("workspace_id", conversation.Workspace.Id);
        w.WriteString("workspace_guid", conversation.Workspace.Id);
        w.WriteIso("created_at", m.CreatedMs);
        w.WriteIso("last_updated_at", m.UpdatedAt(scope.NowMs));
        w.WriteIsoOrNull("deleted_at", m.DeletedMs);
        w.WriteNumber("duration_ms", m.DurationMs);
        w.WriteString("message_url", MessageParts.Link(m, scope));
        if (m.Kind == MessageKind.Audio)
        {
            w.WriteString("audio_stream_url", MessageParts.StreamingUrl(m, scope));
        }

        var summary = ready && m.HasSummary;
        if (ready)
        {
            var transcript = m.Transcript;
            w.WriteString("transcript_txt", transcript);
            if (summary)
            {
                w.WriteString("ai_summary_txt", MessageRecord.SummaryOf(transcript));
            }
        }

        w.WriteBoolean("has_ai_summary", summary);
        w.WriteNumber("reply_count", 0);
        w.WriteStringOrNull("parent_message_id", m.Parent?.Id);
        w.WriteStringOrNull("parent_message_guid", m.Parent?.Id);
        w.WriteString("language", m.Language);
        w.WriteString("status", m.Status(scope.NowMs));
        w.WriteStartArray("attachments");
        if (!m.IsDeleted)
        {
            MessageParts.WriteAttachments(w, m, scope, v3: false);
        }

        w.WriteEndArray();
        MessageParts.WriteShareLinkId(w, m);
        w.WriteString("type", "channel");
        w.WriteString("kind", m.KindName);
        w.WriteEndObject();
    }
}
