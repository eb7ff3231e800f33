using System.Text.Json;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>What ingestion needs of an attachment record: where it belongs, what it is, and its text when it was fetched.</summary>
internal sealed record AttachmentView(
    string Id,
    string? MessageId,
    string? ConversationId,
    string? WorkspaceId,
    string? CreatorId,
    DateTimeOffset? Time,
    string? Filename,
    string? MimeType,
    long? LengthInBytes,
    string? ContentStatus,
    string? Content)
{
    public static AttachmentView Parse(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The attachment payload is not a JSON object.");
        }

        return new AttachmentView(
            Json.Str(root, "id", "_id") ?? throw new JsonException("The attachment payload has no id."),
            Json.Str(root, "message_id"),
            Json.Str(root, "conversation_id"),
            Json.Str(root, "workspace_id"),
            Json.Str(root, "creator_id"),
            Json.Time(root, "message_created_at", "created_at"),
            Json.Str(root, "filename"),
            Json.Str(root, "mime_type"),
            Json.Long(root, "length_in_bytes"),
            Json.Str(root, "content_status"),
            root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString() : null);
    }

    /// <summary>Whether it holds text to chunk.</summary>
    public bool HasText => string.Equals(ContentStatus, AttachmentContentStatus.Fetched, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(Content);
}
