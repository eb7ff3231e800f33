namespace CarbonVoice.Sdk.Testing;

internal static class UserEndpoints
{
    public static void Register(Router router)
    {
        router.Add("GET", "/whoami", true, Whoami);
        router.Add("GET", "/users", true, Users);
        router.Add("GET", "/users/last-seen", true, LastSeen);
        router.Add("POST", "/contacts", true, Contacts);
        router.Add("GET", "/health", false, Health);
    }

    private static void Whoami(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            var w = context.Json();
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WritePropertyName("user");
            EntityJson.WriteUser(w, context.User);
            w.WriteEndObject();
        }
    }

    private static void Users(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            var w = context.Json();
            w.WriteStartArray();
            foreach (var user in KnownUsers(context))
            {
                EntityJson.WriteContact(w, user);
            }

            w.WriteEndArray();
        }
    }

    private static void LastSeen(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            var w = context.Json();
            w.WriteStartArray();
            foreach (var user in KnownUsers(context))
            {
                w.WriteStartObject();
                w.WriteString("user_guid", user.Id);
                w.WriteIso("last_seen_at", ReferenceEquals(user, context.User) ? context.NowMs : user.LastSeenMs);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
    }

    /// <summary>
    /// <c>POST /contacts</c>: without a body (or without <c>user_guids</c>) all of the caller's contacts (users sharing a
    /// workspace, the caller excluded); with <c>{"user_guids": [...]}</c> those users (unknown ids and strangers absent).
    /// </summary>
    private static void Contacts(RequestContext context)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var ids = document.RootElement.GetStrings("user_guids");
            lock (context.Store.Sync)
            {
                var known = KnownUsers(context).ToList();
                var w = context.Json();
                w.WriteStartArray();
                if (ids is null)
                {
                    foreach (var user in known)
                    {
                        if (!ReferenceEquals(user, context.User))
                        {
                            EntityJson.WriteContact(w, user);
                        }
                    }
                }
                else
                {
                    foreach (var id in ids)
                    {
                        if (context.Store.UsersById.TryGetValue(id, out var user) && known.Contains(user))
                        {
                            EntityJson.WriteContact(w, user);
                        }
                    }
                }

                w.WriteEndArray();
            }
        }
    }

    private static void Health(RequestContext context)
    {
        var w = context.Json();
        w.WriteStartObject();
        w.WriteString("status", "ok");
        w.WriteEndObject();
    }

    /// <summary>The caller and everyone who shares a workspace with them, in generation order.</summary>
    private static IEnumerable<UserRecord> KnownUsers(RequestContext context)
    {
        var me = context.User;
        foreach (var user in context.Store.Users)
        {
            if (ReferenceEquals(user, me) || user.Workspaces.Any(me.Workspaces.Contains))
            {
                yield return user;
            }
        }
    }
}
