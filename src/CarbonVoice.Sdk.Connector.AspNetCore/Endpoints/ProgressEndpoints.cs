using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

internal static class ProgressEndpoints
{
    /// <summary>The query parameter carrying a progress ticket on the WebSocket request.</summary>
    public const string TicketParameter = "ticket";

    /// <summary>Maps <c>POST /progress/tickets</c>: a single-use ticket to open the tenant's progress WebSocket with.</summary>
    public static RouteGroupBuilder MapProgressTicketApi(this RouteGroupBuilder group)
    {
        group.MapPost("/progress/tickets", (ConnectorTenant tenant, ProgressTickets tickets, ConnectorRoutes routes, HttpRequest request) =>
        {
            var tenantId = tenant.Id;
            var (ticket, expiresAt) = tickets.Issue(tenantId);
            var scheme = request.IsHttps ? "wss" : "ws";
            return TypedResults.Ok(new ProgressTicketResponse(ticket, expiresAt, $"{request.PathBase}{routes.ProgressPath(tenantId)}?{TicketParameter}={ticket}", scheme));
        })
        .WithName("CreateProgressTicket")
        .WithSummary("A single-use ticket for the progress WebSocket (valid 30 s): open url on this host with it.");
        return group;
    }

    /// <summary>
    /// Maps the WebSocket <c>{prefix}/{tenant_id}</c>. A browser cannot set headers on a WebSocket, so the request carries a
    /// single-use <c>?ticket=</c> from <c>POST .../progress/tickets</c> (an API key or token never travels in a URL); a
    /// client that can authenticate the request itself needs none. A tenant may only watch itself.
    /// </summary>
    public static IEndpointConventionBuilder MapProgressSocket(this IEndpointRouteBuilder app, string prefix)
        => app.Map(prefix + "/{tenant_id}", WatchAsync).AllowAnonymous().WithName("WatchProgress")
            .WithSummary("The tenant's progress WebSocket (open it with a ticket from POST .../progress/tickets).");

    private static async Task<IResult> WatchAsync(
        HttpContext context, string tenant_id, ProgressTickets tickets, ITenantResolver tenants, ProgressHub hub, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime)
    {
        string? watcher;
        if (context.Request.Query.ContainsKey(TicketParameter))
        {
            watcher = tickets.Redeem(context.Request.Query[TicketParameter].ToString());
            if (watcher is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required", detail: "Unknown, used or expired progress ticket.");
            }
        }
        else
        {
            watcher = tenants.GetTenantId(context);
            if (watcher is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required", detail: "Open the progress WebSocket with a ticket from POST .../progress/tickets.");
            }
        }

        if (!string.Equals(watcher, tenant_id, StringComparison.Ordinal))
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
