using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>The unauthenticated control API under <c>/_emulator/</c>.</summary>
internal static class ControlEndpoints
{
    public static void Register(Router router)
    {
        Add(router, "POST", "/_emulator/messages", PostMessage);
        Add(router, "PATCH", "/_emulator/messages/{id}", EditMessage);
        Add(router, "DELETE", "/_emulator/messages/{id}", DeleteMessage);
        Add(router, "POST", "/_emulator/messages/{id}/reactions", AddReaction);
        Add(router, "POST", "/_emulator/messages/{id}/played", MarkPlayed);
        Add(router, "POST", "/_emulator/messages/{id}/attachments", AddAttachment);
        Add(router, "POST", "/_emulator/share-links/{id}/revoke", RevokeShareLink);
        Add(router, "POST", "/_emulator/conversations", CreateConversation);
        Add(router, "DELETE", "/_emulator/conversations/{id}", DeleteConversation);
        Add(router, "DELETE", "/_emulator/action-items/{id}", DeleteActionItem);
        Add(router, "POST", "/_emulator/cursors/invalidate", InvalidateCursors);
        Add(router, "POST", "/_emulator/faults", SetFaults);
        Add(router, "DELETE", "/_emulator/faults", ClearFaults);
        Add(router, "POST", "/_emulator/tokens", IssueTokens);
        Add(router, "GET", "/_emulator/state", State);
    }

    /// <summary>A control route: unauthenticated as an API route, but only for callers presenting the control key.</summary>
    private static void Add(Router router, string method, string path, EndpointHandler handler)
        => router.Add(method, path, false, context =>
        {
            if (ControlKey.Check(context))
            {
                handler(context);
            }
        });

    private static void WithBody(RequestContext context, Action<JsonElement> action)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            action(document.RootElement);
        }
    }

    private static string Required(JsonElement root, string name)
        => root.GetString(name) is { Length: > 0 } value ? value : throw new ArgumentException($"{name} is required");

    private static void PostMessage(RequestContext context) => WithBody(context, root =>
    {
        var id = context.Emulator.Control.PostMessage(Required(root, "conversation_id"), Required(root, "creator_id"), root.GetString("transcript") ?? string.Empty);
        WriteId(context, id, 201);
    });

    private static void EditMessage(RequestContext context) => WithBody(context, root =>
    {
        var id = context.Param(0);
        context.Emulator.Control.EditMessage(id, Required(root, "transcript"));
        WriteId(context, id, 200);
    });

    private static void DeleteMessage(RequestContext context)
    {
        var id = context.Param(0);
        context.Emulator.Control.DeleteMessage(id);
        WriteId(context, id, 200);
    }

    private static void AddReaction(RequestContext context) => WithBody(context, root =>
    {
        var id = context.Param(0);
        context.Emulator.Control.AddReaction(id, Required(root, "user_id"), Required(root, "reaction_id"));
        WriteId(context, id, 200);
    });

    private static void MarkPlayed(RequestContext context) => WithBody(context, root =>
    {
        var id = context.Param(0);
        context.Emulator.Control.MarkPlayed(id, Required(root, "user_id"));
        WriteId(context, id, 200);
    });

    /// <summary><c>POST /_emulator/messages/{id}/attachments {filename, mime_type, text | content_base64}</c>.</summary>
    private static void AddAttachment(RequestContext context) => WithBody(context, root =>
    {
        var content = root.GetString("content_base64") is { } base64 ? Convert.FromBase64String(base64)
            : System.Text.Encoding.UTF8.GetBytes(root.GetString("text") ?? throw new ArgumentException("text or content_base64 is required"));
        var id = context.Emulator.Control.AddAttachment(context.Param(0), Required(root, "filename"), Required(root, "mime_type"), content);
        WriteId(context, id, 201);
    });

    private static void RevokeShareLink(RequestContext context)
    {
        var id = context.Param(0);
        context.Emulator.Control.RevokeShareLink(id);
        WriteId(context, id, 200);
    }

    /// <summary><c>DELETE /_emulator/conversations/{id}</c>; <c>?still_listed=true</c> keeps it in <c>/channels/{ws}</c>.</summary>
    private static void DeleteConversation(RequestContext context)
    {
        var id = context.Param(0);
        var stillListed = string.Equals(context.Request.Query("still_listed"), "true", StringComparison.OrdinalIgnoreCase);
        context.Emulator.Control.DeleteConversation(id, stillListed);
        WriteId(context, id, 200);
    }

    private static void DeleteActionItem(RequestContext context)
    {
        var id = context.Param(0);
        context.Emulator.Control.DeleteActionItem(id);
        WriteId(context, id, 200);
    }

    private static void InvalidateCursors(RequestContext context)
    {
        context.Emulator.Control.InvalidateCursors();
        var w = context.Json();
        w.WriteStartObject();
        w.WriteBoolean("invalidated", true);
        w.WriteEndObject();
    }

    private static void CreateConversation(RequestContext context) => WithBody(context, root =>
    {
        var id = context.Emulator.Control.CreateConversation(
            Required(root, "workspace_id"), root.GetString("name") ?? "New conversation", root.GetInt("messages") ?? 0, root.GetStrings("collaborator_ids"));
        WriteId(context, id, 201);
    });

    private static void SetFaults(RequestContext context) => WithBody(context, root =>
    {
        var faults = context.Emulator.Faults;
        if (root.GetStrings("sequence") is { } sequence)
        {
            var kinds = new List<FaultKind>();
            foreach (var name in sequence)
            {
                var normalized = name.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
                if (!Enum.TryParse<FaultKind>(normalized, ignoreCase: true, out var kind)
                    && !Enum.TryParse("Status" + normalized, ignoreCase: true, out kind))
                {
                    throw new ArgumentException($"Unknown fault '{name}'. Known: {string.Join(", ", Enum.GetNames<FaultKind>())}");
                }

                kinds.Add(kind);
            }

            faults.Enqueue([.. kinds]);
        }

        if (root.TryGetProperty("statuses", out var statuses) && statuses.ValueKind == JsonValueKind.Array)
        {
            faults.Statuses = statuses.EnumerateArray().Select(s => s.GetInt32()).ToArray();
        }

        if (root.TryGetProperty("failure_rate", out var rate) && rate.ValueKind == JsonValueKind.Number)
        {
            faults.FailureRate = rate.GetDouble();
        }

        if (root.GetInt("latency_ms") is { } latency)
        {
            faults.Latency = TimeSpan.FromMilliseconds(latency);
        }

        WriteFaults(context);
    });

    private static void ClearFaults(RequestContext context)
    {
        context.Emulator.Faults.Clear();
        WriteFaults(context);
    }

    private static void IssueTokens(RequestContext context) => WithBody(context, root =>
    {
        var emulator = context.Emulator;
        var userId = root.GetString("user_id") ?? emulator.Data.Users[0].Id;
        var w = context.Json();
        w.WriteStartObject();
        w.WriteString("user_id", userId);
        switch (root.GetString("kind") ?? "oauth")
        {
            case "pat":
                w.WriteString("personal_access_token", emulator.CreatePersonalAccessToken(userId));
                break;
            case "api_key":
                w.WriteString("api_key", emulator.CreateApiKey(userId));
                break;
            default:
                var tokens = emulator.IssueTokens(userId, root.GetString("scope"));
                w.WriteString("access_token", tokens.AccessToken);
                w.WriteString("refresh_token", tokens.RefreshToken);
                w.WriteString("token_type", "Bearer");
                w.WriteIso("expires_at", tokens.ExpiresAt.ToUnixTimeMilliseconds());
                break;
        }

        w.WriteEndObject();
    });

    private static void State(RequestContext context)
    {
        var emulator = context.Emulator;
        var store = context.Store;
        var totalRequests = emulator.TotalRequests;
        var pendingFaults = emulator.Faults.Pending;
        lock (store.Sync)
        {
            var w = context.Json();
            w.WriteStartObject();
            w.WriteNumber("users", store.Users.Count);
            w.WriteNumber("workspaces", store.Workspaces.Count);
            w.WriteNumber("conversations", store.Conversations.Count);
            w.WriteNumber("messages", store.MessageCount - store.DeletedMessageCount);
            w.WriteNumber("deleted_messages", store.DeletedMessageCount);
            w.WriteNumber("action_items", store.ActionItems.Count);
            w.WriteNumber("subscriptions", store.Subscriptions.Count);
            w.WriteNumber("requests", totalRequests);
            w.WriteNumber("pending_faults", pendingFaults);
            w.WriteStartArray("user_ids");
            foreach (var user in store.Users)
            {
                w.WriteStringValue(user.Id);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    private static void WriteFaults(RequestContext context)
    {
        var faults = context.Emulator.Faults;
        var w = context.Json();
        w.WriteStartObject();
        w.WriteNumber("pending", faults.Pending);
        w.WriteNumber("failure_rate", faults.FailureRate);
        w.WriteStartArray("statuses");
        foreach (var status in faults.Statuses)
        {
            w.WriteNumberValue(status);
        }

        w.WriteEndArray();
        w.WriteNumber("latency_ms", (long)faults.Latency.TotalMilliseconds);
        w.WriteEndObject();
    }

    private static void WriteId(RequestContext context, string id, int status)
    {
        var w = context.Json(status);
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteEndObject();
    }
}
