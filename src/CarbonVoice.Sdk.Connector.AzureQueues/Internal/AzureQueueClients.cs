using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AzureQueues.Internal;

/// <summary>The job queue and its poison queue (base64 messages), created once when <see cref="AzureQueuesOptions.CreateQueues"/> is on.</summary>
internal sealed class AzureQueueClients
{
    private readonly AzureQueuesOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public AzureQueueClients(IOptions<AzureQueuesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.ConnectionString);
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        Jobs = new QueueClient(_options.ConnectionString, _options.QueueName, clientOptions);
        Poison = new QueueClient(_options.ConnectionString, _options.EffectivePoisonQueueName, clientOptions);
    }

    public QueueClient Jobs { get; }

    public QueueClient Poison { get; }

    public AzureQueuesOptions Options => _options;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ready || !_options.CreateQueues)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                await Jobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                await Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                _ready = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
