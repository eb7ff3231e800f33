using CarbonVoice.Sample.Host.Configuration;
using CarbonVoice.Sample.Host.ErrorHandling;
using CarbonVoice.Sample.Host.Persistence;
using CarbonVoice.Sample.Host.Webhooks;
using CarbonVoice.Sdk;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sample.Host.Endpoints;

/// <summary>The answer to a webhook delivery.</summary>
/// <param name="Status"><c>processed</c>, <c>ignored</c> or <c>duplicate</c>.</param>
/// <param name="EventName">The event.</param>
/// <param name="ConnectorIds">The connectors it touched.</param>
public sealed record WebhookResponse(string Status, string? EventName, IReadOnlyList<string> ConnectorIds);

internal static class WebhookEndpoints
{
    private const int MaxBodyBytes = 1024 * 1024;

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
        IOptions<SampleHostOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        // Authenticate before reading anything else: a bad or missing header changes nothing.
        if (!validator.IsValid(name => request.Headers[name]))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid webhook signature", detail: $"The {validator.HeaderName} header is missing or wrong.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Webhook body too large");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        WebhookEvent webhook;
        try
        {
            webhook = CarbonVoiceWebhooks.Parse(body);
        }
        catch (CarbonVoiceMalformedResponseException exception)
        {
            return Problems.Validation("body", exception.Message);
        }

        if (!await deliveries.TryRecordAsync(body, webhook.EventName, time.GetUtcNow(), options.Value.WebhookReplayWindow, cancellationToken))
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
            await deliveries.ForgetAsync(body, CancellationToken.None);
            throw;
        }

        return TypedResults.Ok(new WebhookResponse(outcome.Status, webhook.EventName, outcome.ConnectorIds));
    }
}
