
namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>What a delivery did.</summary>
/// <param name="Status"><c>processed</c> or <c>ignored</c>.</param>
/// <param name="ConnectorIds">The connectors it touched.</param>
internal sealed record WebhookOutcome(string Status, IReadOnlyList<string> ConnectorIds);

/// <summary>Acts on a verified, first-seen webhook delivery.</summary>
internal sealed class WebhookProcessor(
    IConnectorRepository connectors,
    ITokenStore tokens,
    IConnectorRunCoordinator syncs,
    ProgressHub hub,
    TimeProvider time,
    ILogger<WebhookProcessor> logger)
{
    /// <summary>Acts on a delivery by its event name.</summary>
    public async Task<WebhookOutcome> ProcessAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var eventName = webhook.EventName ?? string.Empty;
        return eventName switch
        {
            _ when webhook.Category == "message" => await OnMessageAsync(webhook, cancellationToken),
            "access_token.expired" => await OnAccessTokenExpiredAsync(webhook, cancellationToken),
            "refresh_token.expired" => await OnRefreshTokenExpiredAsync(webhook, cancellationToken),
            _ => new WebhookOutcome("ignored", []),
        };
    }

    private async Task<WebhookOutcome> OnMessageAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        // The delta covers the message's conversation only; a resource without a readable conversation id syncs all.
        string? conversationId;
        try
        {
            conversationId = CarbonVoiceWebhooks.ReadMessage(webhook)?.ChannelId is { Length: > 0 and <= 128 } channel ? channel : null;
        }
        catch (CarbonVoiceMalformedResponseException)
        {
            conversationId = null;
        }

        var touched = new List<string>();
        foreach (var connector in await ConnectorsOfAsync(webhook, includeResource: false, cancellationToken))
        {
            if (connector.Status != ConnectorStatuses.Connected || !connector.EnabledEntities.Contains(CarbonVoiceEntities.Message))
            {
                continue;
            }

            await syncs.RequestDeltaAsync(connector, conversationId, cancellationToken);
            touched.Add(connector.Id);
        }

        logger.WebhookQueued(webhook.EventName, touched.Count);
        return new WebhookOutcome(touched.Count > 0 ? "processed" : "ignored", touched);
    }

    private async Task<WebhookOutcome> OnAccessTokenExpiredAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        var touched = new List<string>();
        foreach (var connector in await ConnectorsOfAsync(webhook, includeResource: true, cancellationToken))
        {
            // Mark the access token expired so that the SDK refreshes it before the next call. The write is a
            // compare-and-swap on the version read: a token refreshed meanwhile (its new refresh token) is kept as is.
            if (await tokens.TryExpireAccessTokenAsync(connector.Id, time.GetUtcNow(), cancellationToken))
            {
                touched.Add(connector.Id);
            }
        }

        return new WebhookOutcome(touched.Count > 0 ? "processed" : "ignored", touched);
    }

    private async Task<WebhookOutcome> OnRefreshTokenExpiredAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        var touched = new List<string>();
        foreach (var connector in await ConnectorsOfAsync(webhook, includeResource: true, cancellationToken))
        {
            if (connector.Status is ConnectorStatuses.Connected or ConnectorStatuses.Error
                && await MarkExpiredAsync(connector, "Carbon Voice reported that the refresh token expired; reconnect.", cancellationToken))
            {
                touched.Add(connector.Id);
            }
        }

        return new WebhookOutcome(touched.Count > 0 ? "processed" : "ignored", touched);
    }

    private async Task<bool> MarkExpiredAsync(ConnectorRecord connector, string message, CancellationToken cancellationToken)
    {
        // Conditional: a connector disconnected since it was read stays disconnected.
        if (!await connectors.TransitionStatusAsync(connector.Id, [ConnectorStatuses.Connected, ConnectorStatuses.Error], ConnectorStatuses.Expired, message, cancellationToken))
        {
            return false;
        }

        hub.Publish(connector.TenantId, ProgressMessage.ConnectorExpired(connector.Id, null, message, time.GetUtcNow()));
        return true;
    }

    private async Task<IReadOnlyList<ConnectorRecord>> ConnectorsOfAsync(WebhookEvent webhook, bool includeResource, CancellationToken cancellationToken)
    {
        var users = new HashSet<string>(webhook.SubscribedUserIds.Where(u => !string.IsNullOrEmpty(u)), StringComparer.Ordinal);
        if (includeResource && webhook.Data?.ResourceId is { Length: > 0 } resourceId)
        {
            users.Add(resourceId);
        }

        return await connectors.ListByExternalUsersAsync(users, cancellationToken);
    }
}
