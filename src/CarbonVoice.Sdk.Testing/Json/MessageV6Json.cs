using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// Writes <c>MessageV6</c>: null fields are dropped (never written as <c>null</c>), there is no <c>name</c>,
/// <c>thread_id</c> is the parent's id for a reply (else the message's own id), and <c>content</c> holds the audio and
/// the transcript. <c>content</c> is absent on attachment-only and deleted messages; while the transcript is being made it
/// has no <c>transcript</c>, <c>ai_summary</c> or <c>time_codes</c>; for half of the audio messages (by seed) its
/// <c>transcript</c> is empty and the words are only in <c>time_codes</c>.
/// </summary>
internal static class MessageV6Json
{
    public static void Write(Utf8JsonWriter w, MessageRecord m, in WriteScope scope, bool presignedUrl)
    {
        var deleted = m.IsDeleted;
        w.WriteStartObject();
        w.WriteString("id", m.Id);
        w.WriteString("type", "channel");
        w.WriteString("kind", m.KindName);
        w.WriteIso("created_at", m.CreatedMs);
        w.WriteIso("updated_at", m.UpdatedAt(scope.NowMs));
        if (deleted)
        {
            w.WriteIso("deleted_at", m.DeletedMs);
        }

        w.WriteString("conversation_id", m.Conversation.Id);
        w.WriteString("workspace_id", m.Conversation.Workspace.Id);
        w.WriteString("creator_id", m.Creator.Id);
        w.WriteString("status", m.Status(scope.NowMs));
        w.WriteString("thread_id", m.Parent?.Id ?? m.Id);
        w.WriteString("link", MessageParts.Link(m, scope));
        if (!deleted)
        {
            if (m.Attachments.Count > 0)
            {
                w.WriteStartArray("attachments");
                MessageParts.WriteAttachments(w, m, scope, v3: false);
                w.WriteEndArray();
            }

            MessageParts.WriteShareLinkId(w, m);

            if (m.Reactions is { Count: > 0 })
            {
                MessageParts.WriteReactionSummary(w, m, withEmojis: true);
            }

            if (m.Kind != MessageKind.Attachment)
            {
                WriteContent(w, m, scope, presignedUrl);
            }
        }

        w.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter w, MessageRecord m, in WriteScope scope, bool presignedUrl)
    {
        var audio = m.Kind == MessageKind.Audio;
        w.WriteStartObject("content");
        if (m.IsReady(scope.NowMs))
        {
            var transcript = m.Transcript;
            w.WriteString("transcript", m.TranscriptOnlyInTimeCodes ? string.Empty : transcript);
            if (m.HasSummary)
            {
                w.WriteString("ai_summary", MessageRecord.SummaryOf(transcript));
            }

            if (audio)
            {
                MessageParts.WriteTimeCodes(w, "time_codes", transcript);
            }
        }

        w.WriteString("language", m.Language);
        w.WriteBoolean("is_original_language", true);
        if (audio)
        {
            w.WriteString("url", MessageParts.AudioUrl(m, scope));
            w.WriteString("streaming_url", MessageParts.StreamingUrl(m, scope));
            if (presignedUrl)
            {
                w.WriteString("presigned_url", MessageParts.PresignedUrl(m, scope));
            }

            w.WriteNumber("duration_ms", m.DurationMs);
            MessageParts.WriteWaveformString(w, m);
        }

        w.WriteEndObject();
    }
}
