using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Writes <c>MessageV5</c>: the transcript as text, plus <c>time_codes</c> on audio messages, once the transcript is ready.</summary>
internal static class MessageV5Json
{
    public static void Write(Utf8JsonWriter w, MessageRecord m, in WriteScope scope)
    {
        var deleted = m.IsDeleted;
        var ready = !deleted && m.IsReady(scope.NowMs);
        w.WriteStartObject();
        w.WriteString("id", m.Id);
        w.WriteString("type", "channel");
        w.WriteString("kind", m.KindName);
        w.WriteIso("created_at", m.CreatedMs);
        w.WriteIso("updated_at", m.UpdatedAt(scope.NowMs));
        w.WriteIsoOrNull("deleted_at", m.DeletedMs);
        w.WriteString("conversation_id", m.Conversation.Id);
        w.WriteString("workspace_id", m.Conversation.Workspace.Id);
        w.WriteString("creator_id", m.Creator.Id);
        w.WriteString("status", m.Status(scope.NowMs));
        w.WriteStringOrNull("parent_message_id", m.Parent?.Id);
        w.WriteStartArray("attachments");
        if (!deleted)
        {
            MessageParts.WriteAttachments(w, m, scope, v3: false);
        }

        w.WriteEndArray();
        MessageParts.WriteShareLinkId(w, m);
        w.WriteString("language", m.Language);
        w.WriteBoolean("is_original_language", true);
        if (ready)
        {
            var transcript = m.Transcript;
            w.WriteString("transcript", transcript);
            if (m.HasSummary)
            {
                w.WriteString("ai_summary", MessageRecord.SummaryOf(transcript));
            }

            if (m.Kind == MessageKind.Audio)
            {
                MessageParts.WriteTimeCodes(w, "time_codes", transcript);
            }
        }

        w.WriteString("link", MessageParts.Link(m, scope));
        w.WriteNumber("conversation_sequence", m.Sequence);
        if (m.Kind == MessageKind.Audio && !deleted)
        {
            w.WriteStartObject("audio");
            w.WriteString("url", MessageParts.AudioUrl(m, scope));
            w.WriteString("streaming_url", MessageParts.StreamingUrl(m, scope));
            w.WriteString("presigned_url", MessageParts.PresignedUrl(m, scope));
            w.WriteIso("presigned_url_expiration_date", scope.NowMs + 3_600_000);
            w.WriteNumber("duration_ms", m.DurationMs);
            MessageParts.WriteWaveformArray(w, m);
            w.WriteEndObject();
        }

        MessageParts.WriteReactionSummary(w, m, withEmojis: false);
        w.WriteStartArray("tagged_user_ids");
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
