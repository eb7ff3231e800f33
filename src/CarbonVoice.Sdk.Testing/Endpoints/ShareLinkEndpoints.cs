using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// Message share links: <c>GET /v6/message-sharelinks/{id}</c> (the link with its shared message in the v6 shape; 403 when
/// revoked, expired or not for the caller) and <c>POST /message-sharelinks</c> (creates one; a <c>forward</c> with
/// <c>message_id</c> stamps its id on that message as <c>share_link_id</c>).
/// </summary>
internal static class ShareLinkEndpoints
{
    private static readonly string[] ShareTypes = ["forward", "link"];
    private static readonly string[] AccessTypes = ["forward", "public", "specified"];
    private static readonly string[] AudienceTypes = ["channel", "user", "workspace", "workspace_group"];

    public static void Register(Router router)
    {
        router.Add("GET", "/v6/message-sharelinks/{id}", true, Get);
        router.Add("POST", "/message-sharelinks", true, Create);
    }

    private static void Get(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            if (!context.Store.ShareLinksById.TryGetValue(context.Param(0), out var link))
            {
                context.Error(404, "Share link not found");
                return;
            }

            var now = context.NowMs;
            if (link.IsRevoked)
            {
                context.Error(403, "This share link has been revoked");
                return;
            }

            if (link.IsExpired(now))
            {
                context.Error(403, "This share link has expired");
                return;
            }

            if (!link.AllowsAccess(context.User))
            {
                context.Error(403, "You do not have access to this share link");
                return;
            }

            var scope = WriteScope.Of(context);
            var w = context.Json();
            w.WriteStartObject();
            w.WriteString("id", link.Id);
            WriteFields(w, link);
            var shared = link.SharedMessage.Conversation;
            w.WriteBoolean("has_channel_access", DataStore.CanRead(context.User, shared));
            w.WritePropertyName("shared_message");
            MessageV6Json.Write(w, link.SharedMessage, scope, presignedUrl: false);
            w.WriteEndObject();
        }
    }

    private static void Create(RequestContext context)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var messageId = root.GetString("shared_message_id");
            var shareType = root.GetString("share_type");
            var accessType = root.GetString("access_type");
            var errors = new List<string>();
            if (string.IsNullOrWhiteSpace(messageId))
            {
                errors.Add("shared_message_id should not be empty");
            }

            if (shareType is null || !ShareTypes.Contains(shareType, StringComparer.Ordinal))
            {
                errors.Add("share_type must be one of the following values: " + string.Join(", ", ShareTypes));
            }

            if (accessType is null || !AccessTypes.Contains(accessType, StringComparer.Ordinal))
            {
                errors.Add("access_type must be one of the following values: " + string.Join(", ", AccessTypes));
            }

            var access = ReadAccess(root, errors);
            if (accessType == "specified" && access.Count == 0)
            {
                errors.Add("specified_access should not be empty when access_type is specified");
            }

            long endMs = 0;
            if (root.TryGetProperty("end_access_at", out var end) && end.ValueKind != JsonValueKind.Null)
            {
                if (JsonFormat.ParseTime(end) is { } parsed && parsed > context.NowMs)
                {
                    endMs = parsed;
                }
                else
                {
                    errors.Add("end_access_at must be a future ISO 8601 date");
                }
            }

            var wrapperId = root.GetString("message_id");
            if (shareType == "forward" && string.IsNullOrWhiteSpace(wrapperId))
            {
                errors.Add("message_id should not be empty when share_type is forward");
            }

            if (errors.Count > 0)
            {
                context.ValidationError([.. errors]);
                return;
            }

            lock (context.Store.Sync)
            {
                if (!Access.TryMessage(context, messageId!, out var shared))
                {
                    return;
                }

                MessageRecord? wrapper = null;
                if (shareType == "forward" && !Access.TryMessage(context, wrapperId!, out wrapper))
                {
                    return;
                }

                var now = context.NowMs;
                var link = new ShareLinkRecord
                {
                    Id = ShareLinkGenerator.IdFor(context.Store.NewId(20)),
                    SharedMessage = shared,
                    Creator = context.User,
                    ShareType = shareType!,
                    AccessType = accessType!,
                    CreatedMs = now,
                    EndAccessMs = endMs,
                    Wrapper = wrapper,
                    SpecifiedAccess = access,
                };
                context.Store.ShareLinksById.Add(link.Id, link);
                if (wrapper is not null)
                {
                    wrapper.ShareLink = link;
                    DataStore.Touch(wrapper, now, ready: false);
                }

                var w = context.Json(201);
                w.WriteStartObject();
                w.WriteString("_id", link.Id);
                WriteFields(w, link);
                w.WriteEndObject();
            }
        }
    }

    private static void WriteFields(Utf8JsonWriter w, ShareLinkRecord link)
    {
        w.WriteString("shared_message_id", link.SharedMessage.Id);
        w.WriteString("share_type", link.ShareType);
        w.WriteString("access_type", link.AccessType);
        if (link.Wrapper is { } wrapper)
        {
            w.WriteString("message_id", wrapper.Id);
        }

        w.WriteString("created_by", link.Creator.Id);
        w.WriteIso("created_at", link.CreatedMs);
        w.WriteIsoOrNull("end_access_at", link.EndAccessMs);
        w.WriteIsoOrNull("revoked_at", link.RevokedMs);
        w.WriteStartArray("specified_access");
        foreach (var (type, ids) in link.SpecifiedAccess)
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteStartArray("ids");
            foreach (var id in ids)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static List<(string Type, List<string> Ids)> ReadAccess(JsonElement root, List<string> errors)
    {
        var access = new List<(string, List<string>)>();
        if (!root.TryGetProperty("specified_access", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return access;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("specified_access must be an array");
            return access;
        }

        foreach (var entry in list.EnumerateArray())
        {
            var type = entry.ValueKind == JsonValueKind.Object ? entry.GetString("type") : null;
            var ids = entry.ValueKind == JsonValueKind.Object ? entry.GetStrings("ids") : null;
            if (type is null || !AudienceTypes.Contains(type, StringComparer.Ordinal))
            {
                errors.Add("specified_access.type must be one of the following values: " + string.Join(", ", AudienceTypes));
            }
            else if (ids is not { Count: > 0 })
            {
                errors.Add("specified_access.ids should not be empty");
            }
            else
            {
                access.Add((type, ids));
            }
        }

        return access;
    }
}
