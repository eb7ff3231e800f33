using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CarbonVoice.Sample.Host.Backend;

/// <summary>
/// In embedded mode (emulator on a socket), subscribes the host's own webhook URL for every emulator user once
/// Kestrel is listening, so that messages posted through the emulator's control API reach <c>POST /webhook</c>.
/// </summary>
internal sealed class EmulatorWebhookSubscriber(
    CarbonVoiceBackend backend,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<EmulatorWebhookSubscriber> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (backend.Emulator is { } emulator && !backend.InProcess)
        {
            lifetime.ApplicationStarted.Register(() => Subscribe(emulator));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Subscribe(Sdk.Testing.CarbonVoiceEmulator emulator)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (address is null)
        {
            return;
        }

        var url = new Uri(LoopbackAddress(address) + SampleHostEndpoints.ApiPrefix + "/webhook");
        foreach (var user in emulator.Data.Users)
        {
            emulator.SubscribeWebhook(user.Id, url);
        }

        logger.LogInformation("Emulator webhooks subscribed to {Url}.", url);
    }

    private static string LoopbackAddress(string address)
    {
        var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));
        return uri.GetLeftPart(UriPartial.Authority);
    }
}
