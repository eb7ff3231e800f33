using CarbonVoice.Sdk.Connector.AspNetCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests.Infrastructure;

/// <summary>Reads a tenant's progress messages straight from the host's hub (what its WebSockets are sent).</summary>
internal static class HubWatcher
{
    public static ProgressHub.Subscription Watch(SampleHostFactory host, string tenantId = "tenant-a")
        => host.Services.GetRequiredService<ProgressHub>().Subscribe(tenantId);

    /// <summary>The messages of a run up to its terminal one (status other than running).</summary>
    public static async Task<List<ProgressMessage>> ReadRunAsync(ProgressHub.Subscription subscription, string type, TimeSpan? deadline = null)
    {
        using var cts = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(30));
        var messages = new List<ProgressMessage>();
        await foreach (var message in subscription.Reader.ReadAllAsync(cts.Token))
        {
            if (message.Type == type)
            {
                messages.Add(message);
                if (message.Status != "running")
                {
                    return messages;
                }
            }
        }

        return messages;
    }
}
