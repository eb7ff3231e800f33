using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Fans progress out to the WebSocket subscribers of one tenant only.</summary>
internal sealed class ProgressHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Channel<ProgressMessage>>> _subscribers = new(StringComparer.Ordinal);

    /// <summary>Subscribes to a tenant's progress; dispose the subscription to leave.</summary>
    /// <param name="tenantId">The tenant.</param>
    public Subscription Subscribe(string tenantId)
    {
        // A slow socket loses the oldest updates, never blocks a sync.
        var channel = Channel.CreateBounded<ProgressMessage>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(tenantId, _ => new())[id] = channel;
        return new Subscription(channel.Reader, () =>
        {
            if (_subscribers.TryGetValue(tenantId, out var set) && set.TryRemove(id, out var removed))
            {
                removed.Writer.TryComplete();
            }
        });
    }

    /// <summary>Publishes to the tenant's subscribers.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="message">The update.</param>
    public void Publish(string tenantId, ProgressMessage message)
    {
        if (_subscribers.TryGetValue(tenantId, out var set))
        {
            foreach (var channel in set.Values)
            {
                channel.Writer.TryWrite(message);
            }
        }
    }

    /// <summary>A tenant subscription.</summary>
    public sealed class Subscription(ChannelReader<ProgressMessage> reader, Action leave) : IDisposable
    {
        /// <summary>The messages of the subscription.</summary>
        public ChannelReader<ProgressMessage> Reader { get; } = reader;

        /// <summary>Ends the subscription.</summary>
        public void Dispose() => leave();
    }
}
