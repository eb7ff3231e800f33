using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// Writes the flat <c>MessageV3</c> of <c>/v3/messages/recent</c> and friends. Once the transcript is ready an audio
/// message carries a <c>transcript_with_timecode</c> text model whose <c>value</c> is empty (the words are in its
/// <c>timecodes</c>); a text or attachment message a <c>transcript</c> model with the text; a long message also a <c>summary</c> model.
/// There is no <c>sequence</c> field.
/// </summary>
internal static class MessageV3Json
{
    public static void Write(Utf8JsonWriter w, MessageRecord m, in WriteScope scope)
    {
        var deleted = m.IsDeleted;
        var audioId = $"{m.Id}_a";
        w.WriteStartObject();
        w.WriteString("message_id", m.Id);
        w.WriteString("creator_id", m.Creator.Id);
        w.WriteIso("created_at", m.CreatedMs);
        w.WriteIsoOrNull("deleted_at", m.DeletedMs);
        w.WriteIso("last_updated_at", m.UpdatedAt(scope.NowMs));
        w.WriteStartArray("workspace_ids");
        w.WriteStringValue(m.Conversation.Workspace.Id);
        w.WriteEndArray();
        w.WriteStartArray("channel_ids");
        w.WriteStringValue(m.Conversation.Id);
        w.WriteEndArray();
        w.WriteStringOrNull("parent_message_id", m.Parent?.Id);
        w.WriteNull("name");
        w.WriteBoolean("is_text_message", m.IsText);
        w.WriteString("status", m.Status(scope.NowMs));
        w.WriteString("type", "channel");
        w.WriteNull("folder_id");
        w.WriteNumber("duration_ms", m.DurationMs);
        w.WriteStartArray("audio_models");
        if (m.Kind == MessageKind.Audio && !deleted)
        {
            w.WriteStartObject();
            w.WriteString("_id", audioId);
            w.WriteString("url", MessageParts.AudioUrl(m, scope));
            w.WriteString("extension", "mp3");
            w.WriteBoolean("streaming", false);
            w.WriteString("language", m.Language);
            w.WriteNumber("duration_ms", m.DurationMs);
            MessageParts.WriteWaveformArray(w, m);
            w.WriteBoolean("is_original_audio", true);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("text_models");
        if (!deleted && m.IsReady(scope.NowMs))
        {
            WriteTextModels(w, m, audioId);
        }

        w.WriteEndArray();
        w.WriteStartArray("attachments");
        if (!deleted)
        {
            MessageParts.WriteAttachments(w, m, scope, v3: true);
        }

        w.WriteEndArray();
        MessageParts.WriteShareLinkId(w, m);
        w.WriteString("notes", string.Empty);
        MessageParts.WriteReactionSummary(w, m, withEmojis: false);
        w.WriteStartArray("tagged_user_ids");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTextModels(Utf8JsonWriter w, MessageRecord m, string audioId)
    {
        var transcript = m.Transcript;
        w.WriteStartObject();
        if (m.Kind == MessageKind.Audio)
        {
            w.WriteString("type", "transcript_with_timecode");
            w.WriteString("audio_id", audioId);
            w.WriteString("language_id", m.Language);
            w.WriteString("value", string.Empty);
            MessageParts.WriteTimeCodes(w, "timecodes", transcript);
        }
        else
        {
            w.WriteString("type", "transcript");
            w.WriteString("language_id", m.Language);
            w.WriteString("value", transcript);
        }

        w.WriteEndObject();
        if (m.HasSummary)
        {
            w.WriteStartObject();
            w.WriteString("type", "summary");
            w.WriteString("language_id", m.Language);
            w.WriteString("value", MessageRecord.SummaryOf(transcript));
            w.WriteEndObject();
        }
    }
}
