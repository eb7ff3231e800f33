namespace CarbonVoice.Sdk.Testing;

/// <summary><c>POST /apps/{client_id}/subscribe</c> and <c>DELETE /apps/{client_id}/unsubscribe/{id}</c>.</summary>
internal static class WebhookEndpoints
{
    public static void Register(Router router)
    {
        router.Add("POST", "/apps/{client}/subscribe", true, Subscribe);
        router.Add("DELETE", "/apps/{client}/unsubscribe/{id}", true, Unsubscribe);
        router.Add("GET", "/apps/{client}/subscriptions", true, List);
    }

    private static void Subscribe(RequestContext context)
    {
        var clientId = context.Param(0);
        if (!context.Emulator.Options.Clients.Any(c => c.ClientId == clientId))
        {
            context.Error(404, "App not found");
            return;
        }

        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var url = root.GetString("webhookURL");
            if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                context.BadRequest("webhookURL must be a URL address");
                return;
            }

            lock (context.Store.Sync)
            {
                WebhookSubscriptionRecord subscription;
                try
                {
                    subscription = context.Emulator.Webhooks.Subscribe(context.User, clientId, url, root.GetStrings("subscriptions") ?? []);
                }
                catch (InvalidOperationException ex)
                {
                    context.Error(400, ex.Message);
                    return;
                }

                Write(context, subscription, 201);
            }
        }
    }

    private static void Unsubscribe(RequestContext context)
    {
        var clientId = context.Param(0);
        var id = context.Param(1);
        lock (context.Store.Sync)
        {
            var subscription = context.Store.Subscriptions.FirstOrDefault(s => s.Id == id && s.ClientId == clientId);
            if (subscription is null)
            {
                context.Error(404, "Subscription not found");
                return;
            }

            if (!ReferenceEquals(subscription.User, context.User))
            {
                context.Error(403, "You do not own this subscription");
                return;
            }

            context.Store.Subscriptions.Remove(subscription);
            var w = context.Json();
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteEndObject();
        }
    }

    private static void List(RequestContext context)
    {
        var clientId = context.Param(0);
        lock (context.Store.Sync)
        {
            var w = context.Json();
            w.WriteStartArray();
            foreach (var subscription in context.Store.Subscriptions.Where(s => s.ClientId == clientId && ReferenceEquals(s.User, context.User)))
            {
                WriteSubscription(w, subscription);
            }

            w.WriteEndArray();
        }
    }

    private static void Write(RequestContext context, WebhookSubscriptionRecord subscription, int status)
        => WriteSubscription(context.Json(status), subscription);

    private static void WriteSubscription(System.Text.Json.Utf8JsonWriter w, WebhookSubscriptionRecord s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("client_id", s.ClientId);
        w.WriteString("user_id", s.User.Id);
        w.WriteStartArray("subscriptions");
        foreach (var name in s.Events)
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
        w.WriteString("webhookURL", s.WebhookUrl);
        w.WriteStartArray("subscription_filters");
        w.WriteEndArray();
        w.WriteIso("created_at", s.CreatedMs);
        w.WriteIso("updated_at", s.CreatedMs);
        w.WriteEndObject();
    }
}
