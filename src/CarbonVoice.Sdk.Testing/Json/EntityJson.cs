using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Writes users, workspaces, channels and collaborators.</summary>
internal static class EntityJson
{
    public static void WriteUser(Utf8JsonWriter w, UserRecord u)
    {
        w.WriteStartObject();
        w.WriteString("user_guid", u.Id);
        w.WriteString("uuid", u.Id);
        w.WriteString("first_name", u.FirstName);
        w.WriteString("last_name", u.LastName);
        w.WriteString("email_txt", u.Email);
        w.WriteString("image_url", u.ImageUrl);
        w.WriteString("role", "user");
        w.WriteStartArray("workspace_guids");
        foreach (var workspace in u.Workspaces)
        {
            w.WriteStringValue(workspace.Id);
        }

        w.WriteEndArray();
        w.WriteStartArray("identities");
        w.WriteStartObject();
        w.WriteString("user_guid", u.Id);
        w.WriteString("provider_email", u.Email);
        w.WriteString("provider", "email");
        w.WriteString("provider_uid", u.Email);
        w.WriteString("image_url", u.ImageUrl);
        w.WriteString("first_name", u.FirstName);
        w.WriteString("last_name", u.LastName);
        w.WriteString("is_verified", "true");
        w.WriteNull("provider_phone");
        w.WriteNull("last_message_notified");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStringOrNull("created_by", u.CreatedBy?.Id);
        w.WriteEndObject();
    }

    public static void WriteContact(Utf8JsonWriter w, UserRecord u)
    {
        w.WriteStartObject();
        w.WriteString("user_guid", u.Id);
        w.WriteString("first_name", u.FirstName);
        w.WriteString("last_name", u.LastName);
        w.WriteString("image_url", u.ImageUrl);
        w.WriteStartArray("workspace_guids");
        foreach (var workspace in u.Workspaces)
        {
            w.WriteStringValue(workspace.Id);
        }

        w.WriteEndArray();
        w.WriteStartArray("languages");
        w.WriteStringValue(u.Language);
        w.WriteEndArray();
        w.WriteString("voice_gender", u.VoiceGender);
        w.WriteString("user_type", u.IsBot ? "bot" : "user");
        if (u.CreatedBy is { } owner)
        {
            w.WriteString("created_by", owner.Id);
        }

        w.WriteIso("created_at", u.CreatedMs);
        w.WriteIso("last_updated_at", u.CreatedMs);
        w.WriteEndObject();
    }

    public static void WriteWorkspaceV5(Utf8JsonWriter w, WorkspaceRecord ws, in WriteScope scope)
    {
        w.WriteStartObject();
        w.WriteString("id", ws.Id);
        w.WriteString("name", ws.Name);
        w.WriteString("vanity_name", NamePools.Slug(ws.Name));
        w.WriteString("description", ws.Description);
        w.WriteString("image_url", $"{scope.BaseUrl}workspaces/{ws.Id}.png");
        w.WriteString("type", ws.Type);
        w.WriteIso("created_at", ws.CreatedMs);
        w.WriteIso("last_updated_at", ws.UpdatedMs);
        w.WriteString("owner_id", ws.Owner.Id);
        w.WriteString("creator_id", ws.Owner.Id);
        w.WriteString("plan_type", ws.PlanType);
        w.WriteStartArray("phones");
        w.WriteEndArray();
        w.WriteNull("background_color");
        w.WriteString("conversation_default", "private");
        w.WriteString("invitation_mode", "admins_only");
        w.WriteBoolean("is_retention_enabled", false);
        w.WriteNull("retention_days");
        w.WriteStartArray("domains");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteWorkspaceV3(Utf8JsonWriter w, WorkspaceRecord ws, in WriteScope scope)
    {
        w.WriteStartObject();
        w.WriteString("id", ws.Id);
        w.WriteString("name", ws.Name);
        w.WriteString("description", ws.Description);
        w.WriteString("image_url", $"{scope.BaseUrl}workspaces/{ws.Id}.png");
        w.WriteString("owner_id", ws.Owner.Id);
        w.WriteString("owner_first_name", ws.Owner.FirstName);
        w.WriteString("owner_last_name", ws.Owner.LastName);
        w.WriteIso("created_at", ws.CreatedMs);
        w.WriteIso("last_updated_at", ws.UpdatedMs);
        w.WriteNull("deleted_at");
        w.WriteEndObject();
    }

    /// <summary>A <c>Channel</c>; <paramref name="asListedBeforeDeletion"/> writes a deleted one as a stale listing shows it (<c>deleted_at: null</c>).</summary>
    public static void WriteChannel(Utf8JsonWriter w, ConversationRecord c, bool asListedBeforeDeletion)
    {
        w.WriteStartObject();
        w.WriteString("workspace_guid", c.Workspace.Id);
        w.WriteString("channel_guid", c.Id);
        w.WriteString("channel_name", c.Name);
        w.WriteString("channel_kind", "standard");
        w.WriteString("type", c.Type);
        w.WriteString("channel_description", c.Description);
        w.WriteNull("image_url");
        w.WriteString("workspace_name", c.Workspace.Name);
        w.WriteNumber("sort_order", c.SortOrder);
        w.WriteNumber("last_updated_ts", c.UpdatedMs);
        w.WriteNumber("created_ts", c.CreatedMs);
        w.WriteEpochOrNull("last_posted_ts", c.LastPostedMs());
        w.WriteEpochOrNull("deleted_at", asListedBeforeDeletion ? 0 : c.DeletedMs);
        w.WriteStartArray("json_collaborators");
        foreach (var collaborator in c.Collaborators)
        {
            WriteCollaborator(w, c, collaborator);
        }

        w.WriteEndArray();
        w.WriteNumber("total_messages", c.ActiveCount);
        w.WriteNumber("total_duration_milliseconds", c.TotalDurationMs);
        if (c.DmHash is { } hash)
        {
            w.WriteString("dm_hash", hash);
        }

        w.WriteEndObject();
    }

    public static void WriteCollaborator(Utf8JsonWriter w, ConversationRecord c, (UserRecord User, string Permission, long JoinedMs) collaborator)
    {
        var (user, permission, joined) = collaborator;
        w.WriteStartObject();
        w.WriteString("user_guid", user.Id);
        w.WriteString("image_url", user.ImageUrl);
        w.WriteString("first_name", user.FirstName);
        w.WriteString("last_name", user.LastName);
        w.WriteString("permission", permission);
        w.WriteNumber("joined", joined);
        w.WriteEpochOrNull("last_posted", LastPostedBy(c, user));
        w.WriteEndObject();
    }

    public static void WriteChannelWebhookResource(Utf8JsonWriter w, ConversationRecord c, in WriteScope scope)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("channel_guid", c.Id);
        w.WriteString("name", c.Name);
        w.WriteString("channel_name", c.Name);
        w.WriteString("link", $"{scope.BaseUrl}c/{c.Id}");
        w.WriteString("workspace_id", c.Workspace.Id);
        w.WriteString("workspace_guid", c.Workspace.Id);
        w.WriteString("workspace_name", c.Workspace.Name);
        w.WriteString("creator_id", c.Creator.Id);
        w.WriteString("owner_guid", c.Creator.Id);
        w.WriteString("owner_id", c.Creator.Id);
        w.WriteString("type", c.Type);
        w.WriteString("visibility", "private");
        w.WriteBoolean("is_private", true);
        w.WriteBoolean("is_async", c.Type == "asyncMeeting");
        w.WriteNull("async_stats");
        w.WriteNumber("total_messages", c.ActiveCount);
        w.WriteNumber("total_duration_ms", c.TotalDurationMs);
        w.WriteIso("created_at", c.CreatedMs);
        w.WriteIso("last_updated_at", c.UpdatedMs);
        w.WriteIsoOrNull("deleted_at", c.DeletedMs);
        w.WriteEndObject();
    }

    private static long LastPostedBy(ConversationRecord c, UserRecord user)
    {
        var messages = c.Messages;
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(messages[i].Creator, user) && !messages[i].IsDeleted)
            {
                return messages[i].CreatedMs;
            }
        }

        return 0;
    }
}
