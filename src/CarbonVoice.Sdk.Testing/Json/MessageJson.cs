using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Writes messages in the v5, v3 and webhook shapes.</summary>
internal static class MessageJson
{
    private static readonly string[] FileNames = ["report.pdf", "photo.jpg", "notes.txt", "slides.pptx", "café-menu.png"];
    private static readonly string[] MimeTypes = ["application/pdf", "image/jpeg", "text/plain", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "image/png"];

    public static string Status(MessageRecord message) => message.IsDeleted ? "deleted" : "active";

    public static string Kind(MessageRecord message) => message.Kind switch
    {
        MessageKind.Text => "text",
        MessageKind.Attachment => "attachment",
        _ => "audio",
    };

    public static string Language(MessageRecord message) => message.Spanish ? "es" : "en";

    public static void WriteV5(Utf8JsonWriter w, MessageRecord m, in WriteScope scope)
    {
        var deleted = m.IsDeleted;
        w.WriteStartObject();
        w.WriteString("id", m.Id);
        w.WriteString("type", "channel");
        w.WriteString("kind", Kind(m));
        w.WriteIso("created_at", m.CreatedMs);
        w.WriteIso("updated_at", m.UpdatedMs);
        w.WriteIsoOrNull("deleted_at", m.DeletedMs);
        w.WriteString("conversation_id", m.Conversation.Id);
        w.WriteString("workspace_id", m.Conversation.Workspace.Id);
        w.WriteString("creator_id", m.Creator.Id);
        w.WriteString("status", Status(m));
        w.WriteStringOrNull("parent_message_id", m.Parent?.Id);
        w.WriteStartArray("attachments");
        if (m.HasAttachment && !deleted)
        {
            WriteAttachment(w, m, scope, v3: false);
        }

        w.WriteEndArray();
        w.WriteString("language", Language(m));
        w.WriteBoolean("is_original_language", true);
        if (!deleted && scope.TranscriptReady(m))
        {
            var transcript = m.Transcript;
            w.WriteString("transcript", transcript);
            if (m.WordCount > 200)
            {
                w.WriteString("ai_summary", transcript.Length > 160 ? transcript[..160] + "…" : transcript);
            }
        }

        w.WriteString("link", $"{scope.BaseUrl}m/{m.Id}");
        w.WriteNumber("conversation_sequence", m.Sequence);
        if (m.Kind == MessageKind.Audio && !deleted)
        {
            w.WriteStartObject("audio");
            w.WriteString("url", $"{scope.BaseUrl}audio/{m.Id}.mp3");
            w.WriteString("streaming_url", $"{scope.BaseUrl}audio/{m.Id}.m3u8");
            w.WriteString("presigned_url", $"{scope.BaseUrl}audio/{m.Id}.mp3?X-Expires=3600");
            w.WriteIso("presigned_url_expiration_date", scope.NowMs + 3_600_000);
            w.WriteNumber("duration_ms", m.DurationMs);
            WriteWaveform(w, m);
            w.WriteEndObject();
        }

        WriteReactionSummary(w, m);
        w.WriteStartArray("tagged_user_ids");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteV3(Utf8JsonWriter w, MessageRecord m, in WriteScope scope)
    {
        var deleted = m.IsDeleted;
        var audioId = $"{m.Id}_a";
        w.WriteStartObject();
        w.WriteString("message_id", m.Id);
        w.WriteString("creator_id", m.Creator.Id);
        w.WriteIso("created_at", m.CreatedMs);
        w.WriteIsoOrNull("deleted_at", m.DeletedMs);
        w.WriteIso("last_updated_at", m.ChangedMs);
        w.WriteStartArray("workspace_ids");
        w.WriteStringValue(m.Conversation.Workspace.Id);
        w.WriteEndArray();
        w.WriteStartArray("channel_ids");
        w.WriteStringValue(m.Conversation.Id);
        w.WriteEndArray();
        w.WriteStringOrNull("parent_message_id", m.Parent?.Id);
        w.WriteNull("name");
        w.WriteBoolean("is_text_message", m.Kind != MessageKind.Audio);
        w.WriteString("status", Status(m));
        w.WriteString("type", "channel");
        w.WriteNull("folder_id");
        w.WriteNumber("duration_ms", m.DurationMs);
        w.WriteStartArray("audio_models");
        if (m.Kind == MessageKind.Audio && !deleted)
        {
            w.WriteStartObject();
            w.WriteString("_id", audioId);
            w.WriteString("url", $"{scope.BaseUrl}audio/{m.Id}.mp3");
            w.WriteString("extension", "mp3");
            w.WriteBoolean("streaming", false);
            w.WriteString("language", Language(m));
            w.WriteNumber("duration_ms", m.DurationMs);
            WriteWaveform(w, m);
            w.WriteBoolean("is_original_audio", true);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("text_models");
        if (!deleted && scope.TranscriptReady(m))
        {
            w.WriteStartObject();
            w.WriteString("type", "transcript");
            w.WriteStringOrNull("audio_id", m.Kind == MessageKind.Audio ? audioId : null);
            w.WriteString("language_id", Language(m));
            w.WriteString("value", m.Transcript);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("attachments");
        if (m.HasAttachment && !deleted)
        {
            WriteAttachment(w, m, scope, v3: true);
        }

        w.WriteEndArray();
        w.WriteString("notes", string.Empty);
        WriteReactionSummary(w, m);
        w.WriteStartArray("tagged_user_ids");
        w.WriteEndArray();
        w.WriteNumber("sequence", m.Sequence);
        w.WriteEndObject();
    }

    /// <summary>The webhook <c>resource</c> of a message (with the deprecated <c>*_guid</c> aliases).</summary>
    public static void WriteWebhookResource(Utf8JsonWriter w, MessageRecord m, in WriteScope scope)
    {
        var conversation = m.Conversation;
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
        w.WriteIso("last_updated_at", m.ChangedMs);
        w.WriteIsoOrNull("deleted_at", m.DeletedMs);
        w.WriteNumber("duration_ms", m.DurationMs);
        w.WriteString("message_url", $"{scope.BaseUrl}m/{m.Id}");
        if (m.Kind == MessageKind.Audio)
        {
            w.WriteString("audio_stream_url", $"{scope.BaseUrl}audio/{m.Id}.m3u8");
        }

        if (!m.IsDeleted && scope.TranscriptReady(m))
        {
            w.WriteString("transcript_txt", m.Transcript);
        }

        w.WriteBoolean("has_ai_summary", false);
        w.WriteNumber("reply_count", 0);
        w.WriteStringOrNull("parent_message_id", m.Parent?.Id);
        w.WriteStringOrNull("parent_message_guid", m.Parent?.Id);
        w.WriteString("language", Language(m));
        w.WriteString("status", Status(m));
        w.WriteStartArray("attachments");
        w.WriteEndArray();
        w.WriteString("type", "channel");
        w.WriteString("kind", Kind(m));
        w.WriteEndObject();
    }

    private static void WriteAttachment(Utf8JsonWriter w, MessageRecord m, in WriteScope scope, bool v3)
    {
        var pick = (int)((uint)m.TranscriptSeed % (uint)FileNames.Length);
        var id = $"{m.Id}_f";
        w.WriteStartObject();
        w.WriteString(v3 ? "_id" : "id", id);
        w.WriteString("creator_id", m.Creator.Id);
        w.WriteIso("created_at", m.CreatedMs);
        w.WriteString("type", "file");
        w.WriteString(v3 ? "link" : "url", $"{scope.BaseUrl}attachments/{id}/{Uri.EscapeDataString(FileNames[pick])}");
        w.WriteString("filename", FileNames[pick]);
        w.WriteString("mime_type", MimeTypes[pick]);
        w.WriteNumber("length_in_bytes", 1024 + ((uint)m.TranscriptSeed % 5_000_000));
        w.WriteEndObject();
    }

    private static void WriteWaveform(Utf8JsonWriter w, MessageRecord m)
    {
        Span<int> waveform = stackalloc int[24];
        TranscriptGenerator.Waveform(m.TranscriptSeed, waveform);
        w.WriteStartArray("waveform_percentages");
        foreach (var value in waveform)
        {
            w.WriteNumberValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteReactionSummary(Utf8JsonWriter w, MessageRecord m)
    {
        w.WriteStartObject("reaction_summary");
        w.WriteStartObject("reaction_counts");
        if (m.Reactions is { } reactions)
        {
            foreach (var group in reactions.GroupBy(r => r.ReactionId, StringComparer.Ordinal))
            {
                w.WriteNumber(group.Key, group.Count());
            }
        }

        w.WriteEndObject();
        w.WriteStartArray("top_user_reactions");
        if (m.Reactions is { } top)
        {
            foreach (var (user, reactionId) in top.Take(5))
            {
                w.WriteStartObject();
                w.WriteString("user_id", user.Id);
                w.WriteString("reaction_id", reactionId);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
