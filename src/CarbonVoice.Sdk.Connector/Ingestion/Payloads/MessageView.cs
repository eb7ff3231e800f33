using System.Text.Json;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>What ingestion needs of a message payload (v3, v5 or webhook shape).</summary>
internal sealed record MessageView(string Id, string? ConversationId, string? WorkspaceId, string? CreatorId, DateTimeOffset? CreatedAt, long? Sequence, string? Transcript, bool IsDeleted)
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
        return new MessageView(
            id,
            Json.Str(root, "channel_ids", "conversation_id", "channel_id", "channel_guid"),
            Json.Str(root, "workspace_ids", "workspace_id", "workspace_guid"),
            Json.Str(root, "creator_id", "creator_guid"),
            Json.Time(root, "created_at"),
            Json.Long(root, "sequence", "conversation_sequence"),
            ReadTranscript(root),
            Json.IsPresent(root, "deleted_at") || string.Equals(status, "deleted", StringComparison.OrdinalIgnoreCase));
    }

    private static string? ReadTranscript(JsonElement root)
    {
        if (root.TryGetProperty("text_models", out var models) && models.ValueKind == JsonValueKind.Array)
        {
            string? any = null;
            foreach (var model in models.EnumerateArray())
            {
                var value = Json.Str(model, "value");
                if (string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }

                if (string.Equals(Json.Str(model, "type"), "transcript", StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }

                any ??= value;
            }

            if (any is not null)
            {
                return any;
            }
        }

        var text = Json.Str(root, "transcript", "transcript_txt");
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}
