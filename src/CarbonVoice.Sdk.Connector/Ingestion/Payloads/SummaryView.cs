using System.Text.Json;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>What ingestion needs of an AI conversation summary payload.</summary>
internal sealed record SummaryView(string? ConversationId, string? Summary, DateTimeOffset? CreatedAt)
{
    public static SummaryView Parse(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The summary payload is not a JSON object.");
        }

        return new SummaryView(Json.Str(root, "channel_guid", "conversation_id", "channel_id"), Json.Str(root, "summary"), Json.Time(root, "created_at"));
    }
}
