using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>The answer to a webhook delivery.</summary>
/// <param name="Status"><c>processed</c>, <c>ignored</c> or <c>duplicate</c>.</param>
/// <param name="EventName">The event.</param>
/// <param name="ConnectorIds">The connectors it touched.</param>
public sealed record WebhookResponse(string Status, string? EventName, IReadOnlyList<string> ConnectorIds);

internal static class WebhookEndpoints
{
    /// <summary>The most subscribed users a delivery may name (they and the resource id become SQL parameters).</summary>
    private const int MaxSubscribedUsers = ConnectorRepository.MaxExternalUserIds - 1;

    public static RouteGroupBuilder MapWebhookApi(this RouteGroupBuilder group)
    {
        group.MapPost("/webhook", ReceiveAsync).AllowAnonymous().WithName("ReceiveWebhook")
            .WithSummary("Receives Carbon Voice webhooks (authenticated by the static header, default X-Webhook-Secret).");
        return group;
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request,
        CarbonVoiceWebhookValidator validator,
        WebhookDeliveryLog deliveries,
        WebhookProcessor processor,
        IOptions<CarbonVoiceConnectorEndpointsOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        // Authenticate before reading anything else: a bad or missing header changes nothing.
        if (!validator.IsValid(name => request.Headers[name]))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid webhook signature", detail: $"The {validator.HeaderName} header is missing or wrong.");
        }

        var maxBodyBytes = options.Value.MaxWebhookBodyBytes;

        // The limit holds for chunked bodies too: the server stops reading past it (Kestrel), and so does the loop below.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBodyBytes;
        }

        if (request.ContentLength > maxBodyBytes)
        {
            return TooLarge(maxBodyBytes);
        }

        var body = await ReadBoundedAsync(request.Body, maxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TooLarge(maxBodyBytes);
        }

        WebhookEvent webhook;
        try
        {
            webhook = CarbonVoiceWebhooks.Parse(body);
        }
        catch (CarbonVoiceWebhookPayloadException exception)
        {
            return Problems.Validation(exception.Field ?? "body", exception.Message);
        }
        catch (CarbonVoiceMalformedResponseException exception)
        {
            return Problems.Validation("body", exception.Message);
        }

        // A delivery without subscribedUserIds parses as naming nobody: it is processed (events about a user act on its
        // resource id) or ignored, answered 200 and recorded like any other.
        if (webhook.SubscribedUserIds.Count > MaxSubscribedUsers)
        {
            return Problems.Validation("subscribedUserIds", $"A delivery names at most {MaxSubscribedUsers} subscribed users.");
        }

        // Replays are recognised by the event's identity (or the canonical body), not the raw bytes: the same event
        // re-serialised is still a duplicate. The record is a conditional insert, so concurrent duplicates process once.
        var key = CarbonVoiceWebhooks.GetDeliveryKey(webhook, body);
        if (!await deliveries.TryRecordAsync(key, webhook.EventName, time.GetUtcNow(), options.Value.WebhookReplayWindow, cancellationToken))
        {
            return TypedResults.Ok(new WebhookResponse("duplicate", webhook.EventName, []));
        }

        WebhookOutcome outcome;
        try
        {
            outcome = await processor.ProcessAsync(webhook, cancellationToken);
        }
        catch
        {
            await deliveries.ForgetAsync(key, CancellationToken.None);
            throw;
        }

        return TypedResults.Ok(new WebhookResponse(outcome.Status, webhook.EventName, outcome.ConnectorIds));
    }

    private static ProblemHttpResult TooLarge(int maxBodyBytes)
        => TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Webhook body too large",
            detail: $"A webhook body is at most {maxBodyBytes} bytes.",
            extensions: new Dictionary<string, object?> { ["max_body_bytes"] = maxBodyBytes });

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null; // Kestrel's own limit
        }

        return buffer.ToArray();
    }
}
