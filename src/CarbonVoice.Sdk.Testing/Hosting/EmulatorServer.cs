using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CarbonVoice.Sdk.Testing;

/// <summary>The emulator served by Kestrel on 127.0.0.1.</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private EmulatorServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The address to call, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri BaseAddress { get; }

    internal static async Task<EmulatorServer> StartAsync(CarbonVoiceEmulator emulator, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NullHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(context => HandleAsync(emulator, context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return new EmulatorServer(app, uri);
    }

    private static async Task HandleAsync(CarbonVoiceEmulator emulator, HttpContext context)
    {
        var http = context.Request;
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await http.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }

        var (scheme, parameter) = EmulatorRequest.SplitAuthorization(http.Headers.Authorization.ToString());
        var apiKey = http.Headers["x-api-key"].ToString();
        var host = http.Host.Value;
        var request = new EmulatorRequest(http.Method, http.Path.ToUriComponent(), http.QueryString.Value ?? string.Empty, () => $"{http.Scheme}://{host}/")
        {
            AuthorizationScheme = scheme,
            AuthorizationParameter = parameter,
            ApiKey = apiKey.Length == 0 ? null : apiKey,
            ControlKey = http.Headers[ControlKey.HeaderName].ToString() is { Length: > 0 } controlKey ? controlKey : null,
            ContentType = http.ContentType,
            Body = body,
        };

        var response = await emulator.Processor.ProcessAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (response.Abort)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        if (response.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                context.Response.Headers.Append(name, value);
            }
        }

        context.Response.ContentLength = response.Body.Length;
        await WriteBodyAsync(emulator, context, response).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the body at once, or in timed parts (each flushed after its delay on the emulator's clock), or only up to
    /// <see cref="EmulatorResponse.ResetAfterBytes"/> before aborting the connection: the client has the status and
    /// headers, then the body breaks off.
    /// </summary>
    private static async Task WriteBodyAsync(CarbonVoiceEmulator emulator, HttpContext context, EmulatorResponse response)
    {
        var body = context.Response.Body;
        var aborted = context.RequestAborted;
        var end = response.ResetAfterBytes ?? response.Body.Length;
        var parts = Math.Max(1, response.BodyParts);
        var partLength = Math.Max(1, (int)Math.Ceiling(response.Body.Length / (double)parts));
        if (response.ResetAfterBytes is not null || response.PartDelay > TimeSpan.Zero)
        {
            await context.Response.StartAsync(aborted).ConfigureAwait(false);
            await body.FlushAsync(aborted).ConfigureAwait(false);
        }

        for (var position = 0; position < end; position += partLength)
        {
            if (response.PartDelay > TimeSpan.Zero)
            {
                await Task.Delay(response.PartDelay, emulator.Time, aborted).ConfigureAwait(false);
            }

            await body.WriteAsync(response.Body.AsMemory(position, Math.Min(partLength, end - position)), aborted).ConfigureAwait(false);
            await body.FlushAsync(aborted).ConfigureAwait(false);
        }

        // A reset mid-body returns here with fewer bytes written than the Content-Length announced: Kestrel cannot
        // finish that response, so it closes the connection once what was written has gone out (an abort now would
        // discard the status and headers still in its output pipe).
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when Kestrel has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
