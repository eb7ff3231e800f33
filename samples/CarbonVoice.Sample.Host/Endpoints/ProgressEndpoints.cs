using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using CarbonVoice.Sample.Host.Contracts;
using CarbonVoice.Sample.Host.ErrorHandling;
using CarbonVoice.Sample.Host.Progress;
using CarbonVoice.Sample.Host.Tenancy;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sample.Host.Endpoints;

internal static class ProgressEndpoints
{
    /// <summary>Maps <c>POST /progress/tickets</c>: a single-use ticket to open the tenant's progress WebSocket with.</summary>
    public static RouteGroupBuilder MapProgressTicketApi(this RouteGroupBuilder group)
    {
        group.MapPost("/progress/tickets", (ClaimsPrincipal user, ProgressTickets tickets, HttpRequest request) =>
        {
            var tenantId = user.GetTenantId();
            var (ticket, expiresAt) = tickets.Issue(tenantId);
            var scheme = request.IsHttps ? "wss" : "ws";
            return TypedResults.Ok(new ProgressTicketResponse(ticket, expiresAt, $"/ws/{Uri.EscapeDataString(tenantId)}?{ApiKeyAuthenticationHandler.TicketParameter}={ticket}", scheme));
        })
        .WithName("CreateProgressTicket")
        .WithSummary("A single-use ticket for the progress WebSocket (valid 30 s): open url on this host with it.");
        return group;
    }

    /// <summary>Maps the WebSocket <c>/ws/{tenant_id}</c>: a tenant may only watch itself.</summary>
    public static IEndpointConventionBuilder MapProgressSocket(this IEndpointRouteBuilder app)
        => app.Map("/ws/{tenant_id}", WatchAsync).RequireAuthorization(TenantClaims.Policy).ExcludeFromDescription();

    private static async Task<IResult> WatchAsync(
        HttpContext context, string tenant_id, ClaimsPrincipal user, ProgressHub hub, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime)
    {
        if (!string.Equals(user.GetTenantId(), tenant_id, StringComparison.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "A tenant can only watch its own progress.");
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Problems.Validation("connection", "This endpoint only accepts WebSocket requests.");
        }

        using var subscription = hub.Subscribe(tenant_id);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var options = json.Value.SerializerOptions;
        var reading = DrainIncomingAsync(socket, stop);
        try
        {
            await SendAsync(socket, new { type = "hello", tenant_id }, options, stop.Token);
            await foreach (var message in subscription.Reader.ReadAllAsync(stop.Token))
            {
                await SendAsync(socket, message, options, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }

        await stop.CancelAsync();
        await reading;
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var close = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", close.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
            }
        }

        return TypedResults.Empty;
    }

    private static Task SendAsync<T>(WebSocket socket, T message, JsonSerializerOptions options, CancellationToken cancellationToken)
        => socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, options), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>Reads (and ignores) what the client sends, so that its close is noticed.</summary>
    private static async Task DrainIncomingAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[1024];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
        }

        await stop.CancelAsync();
    }
}
