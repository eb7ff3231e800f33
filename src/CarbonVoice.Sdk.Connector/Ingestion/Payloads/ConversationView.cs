using System.Text.Json;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>What ingestion needs of a channel payload: its name, workspace and collaborator names.</summary>
internal sealed record ConversationView(string Id, string? Name, string? WorkspaceId, IReadOnlyDictionary<string, string> People)
{
    public static ConversationView Empty(string id) => new(id, null, null, new Dictionary<string, string>());

    public static ConversationView Parse(string id, string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var people = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("json_collaborators", out var collaborators) && collaborators.ValueKind == JsonValueKind.Array)
        {
            foreach (var person in collaborators.EnumerateArray())
            {
                var userId = Json.Str(person, "user_guid", "user_id", "id");
                var name = $"{Json.Str(person, "first_name")} {Json.Str(person, "last_name")}".Trim();
                if (userId is not null && name.Length > 0)
                {
                    people[userId] = name;
                }
            }
        }

        return new ConversationView(id, Json.Str(root, "channel_name", "name"), Json.Str(root, "workspace_guid", "workspace_id"), people);
    }

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;

    public string Speaker(string? userId) => userId is null ? "Unknown speaker" : People.GetValueOrDefault(userId, userId);
}
