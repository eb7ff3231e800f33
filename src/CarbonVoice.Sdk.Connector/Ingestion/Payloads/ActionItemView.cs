using System.Text.Json;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>What ingestion needs of an action item payload.</summary>
internal sealed record ActionItemView(string Id, string? Title, string? Status, string? Notes, string? AssignedTo, DateTimeOffset? DueDate, string? ContainerType, string? ContainerId, string? WorkspaceId, bool IsDeleted)
{
    public static ActionItemView Parse(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The action item payload is not a JSON object.");
        }

        return new ActionItemView(
            Json.Str(root, "id") ?? throw new JsonException("The action item payload has no id."),
            Json.Str(root, "title"),
            Json.Str(root, "status"),
            Json.Str(root, "notes_text"),
            Json.Str(root, "assigned_to"),
            Json.Time(root, "due_date"),
            Json.Str(root, "container_type"),
            Json.Str(root, "container_id"),
            Json.Str(root, "workspace_id"),
            Json.IsPresent(root, "deleted_at"));
    }

    public string? ConversationId => string.Equals(ContainerType, "channel", StringComparison.OrdinalIgnoreCase) ? ContainerId : null;
}
