using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace CarbonVoice.Sdk.Connector;

/// <summary>An in-process <see cref="IIngestionQueue"/> over a bounded <see cref="Channel{T}"/>; a connector with a request already waiting is not queued twice.</summary>
public sealed class ChannelIngestionQueue : IIngestionQueue
{
    private readonly Channel<IngestionRequest> _channel;
    private readonly ConcurrentDictionary<(string, string), byte> _waiting = new();

    /// <summary>Creates the queue.</summary>
    /// <param name="capacity">The most requests waiting; writers wait when it is full.</param>
    public ChannelIngestionQueue(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _channel = Channel.CreateBounded<IngestionRequest>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>The number of requests waiting.</summary>
    public int Count => _waiting.Count;

    /// <inheritdoc />
    public async ValueTask EnqueueAsync(IngestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_waiting.TryAdd((request.TenantId, request.ConnectorId), 0))
        {
            return;
        }

        try
        {
            await _channel.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _waiting.TryRemove((request.TenantId, request.ConnectorId), out _);
            throw;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IngestionRequest> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_channel.Reader.TryRead(out var request))
            {
                _waiting.TryRemove((request.TenantId, request.ConnectorId), out _);
                yield return request;
            }
        }
    }
}
