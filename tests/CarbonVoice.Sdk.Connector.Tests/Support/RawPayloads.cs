using System.Text.Json;

namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>Raw payloads in the shapes the sync stores (v3 messages, v2 channels, action items, summaries).</summary>
public static class RawPayloads
{
    public const string TenantId = "t1";
    public const string ConnectorId = "c1";

    public static RawRecordKey Key(string entity, string id) => new(TenantId, ConnectorId, entity, id);

    public static RawRecordUpsert Channel(string id, string name, string workspace = "ws1")
        => RawRecordUpsert.FromJson(Key(CarbonVoiceEntities.Channel, id), JsonSerializer.Serialize(new
        {
            channel_guid = id,
            channel_name = name,
            workspace_guid = workspace,
            json_collaborators = new[]
            {
                new { user_guid = "u1", first_name = "Ana", last_name = "Núñez" },
                new { user_guid = "u2", first_name = "Bo", last_name = "Li" },
            },
        }), workspace);

    public static RawRecordUpsert Message(string id, string conversation, int sequence, string? transcript, string creator = "u1", int minute = 0, bool deleted = false, string? updatedAt = null)
        => RawRecordUpsert.FromJson(Key(CarbonVoiceEntities.Message, id), JsonSerializer.Serialize(new
        {
            message_id = id,
            creator_id = creator,
            created_at = new DateTimeOffset(2026, 2, 3, 9, 0, 0, TimeSpan.Zero).AddMinutes(minute),
            last_updated_at = updatedAt ?? "2026-02-03T10:00:00Z",
            deleted_at = deleted ? "2026-02-04T00:00:00Z" : null,
            status = deleted ? "deleted" : "active",
            channel_ids = new[] { conversation },
            workspace_ids = new[] { "ws1" },
            sequence,
            text_models = transcript is null ? Array.Empty<object>() : [new { type = "transcript", value = transcript }],
        }), conversation);

    public static RawRecordUpsert ActionItem(string id, string title, string? notes = null, string conversation = "conv1", bool deleted = false)
        => RawRecordUpsert.FromJson(Key(CarbonVoiceEntities.ActionItem, id), JsonSerializer.Serialize(new
        {
            id,
            title,
            notes_text = notes,
            status = "todo",
            assigned_to = "u2",
            container_type = "channel",
            container_id = conversation,
            workspace_id = "ws1",
            due_date = "2026-03-01",
            deleted_at = deleted ? "2026-02-04T00:00:00Z" : null,
        }), "ws1");

    public static RawRecordUpsert Summary(string conversation, string text)
        => RawRecordUpsert.FromJson(Key(CarbonVoiceEntities.ConversationSummary, conversation), JsonSerializer.Serialize(new
        {
            channel_guid = conversation,
            summary = text,
            language = "en",
            created_at = "2026-02-05T00:00:00Z",
        }), conversation);

    public static RawRecordUpsert Broken(string entity, string id, string parent = "conv1")
        => new() { Key = Key(entity, id), Payload = "{not json", ContentHash = RawContentHash.Compute("{not json" + id), ParentId = parent };
}
