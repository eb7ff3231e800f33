using System.Text.Json;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>What ingestion needs of a message payload (v6, v5, v3 or webhook shape).</summary>
internal sealed record MessageView(string Id, string? ConversationId, string? WorkspaceId, string? CreatorId, DateTimeOffset? CreatedAt, string? Transcript, bool IsDeleted, bool IsPending)
{
    public static MessageView Parse(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object)
        {
            root = wrapped;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The message payload is not a JSON object.");
        }

        var id = Json.Str(root, "message_id", "id", "message_guid") ?? throw new JsonException("The message payload has no id.");
        var status = Json.Str(root, "status");
        var deleted = Json.IsPresent(root, "deleted_at") || string.Equals(status, MessageStatuses.Deleted, StringComparison.OrdinalIgnoreCase);
        return new MessageView(
            id,
            Json.Str(root, "conversation_id", "channel_ids", "channel_id", "channel_guid"),
            Json.Str(root, "workspace_id", "workspace_ids", "workspace_guid"),
            Json.Str(root, "creator_id", "creator_guid"),
            Json.Time(root, "created_at"),
            ReadTranscript(root),
            deleted,
            !deleted && status is not null && !string.Equals(status, MessageStatuses.Active, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The SDK's transcript rule over raw JSON: the text, else the words of the time codes joined by spaces (voice messages
    /// of the real service have an empty text). v6 keeps them under <c>content</c>, v3 in <c>text_models</c> (a plain
    /// <c>transcript</c> model first, then a <c>transcript_with_timecode</c> one; never the <c>summary</c>), v5 and
    /// webhooks at the top level.
    /// </summary>
    private static string? ReadTranscript(JsonElement root)
    {
        if (root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object)
        {
            return Words(content, "transcript", "time_codes");
        }

        if (root.TryGetProperty("text_models", out var models) && models.ValueKind == JsonValueKind.Array)
        {
            foreach (var type in (ReadOnlySpan<string>)["transcript", "transcript_with_timecode"])
            {
                foreach (var model in models.EnumerateArray())
                {
                    if (string.Equals(Json.Str(model, "type"), type, StringComparison.OrdinalIgnoreCase) && Words(model, "value", "timecodes") is { } words)
                    {
                        return words;
                    }
                }
            }

            return null;
        }

        return Words(root, "transcript", "time_codes") ?? Words(root, "transcript_txt", "time_codes");
    }

    private static string? Words(JsonElement element, string textName, string timecodesName)
    {
        var text = Json.Str(element, textName);
        if (!string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        if (!element.TryGetProperty(timecodesName, out var codes) || codes.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var words = string.Join(' ', codes.EnumerateArray().Select(code => Json.Str(code, "t")?.Trim()).Where(word => !string.IsNullOrEmpty(word)));
        return words.Length == 0 ? null : words;
    }
}
