using Azure;
using Azure.Storage.Queues;
using CarbonVoice.Sdk.Connector.AzureQueues.Internal;
using Microsoft.Extensions.Logging;

namespace CarbonVoice.Sdk.Connector.AzureQueues;

/// <summary>
/// Keeps a received message invisible while its job runs: every third of the visibility timeout the visibility is extended
/// (which hands out a new pop receipt). When the service says the message is no longer ours (it became visible and another
/// worker took it), <see cref="Lost"/> is cancelled so the job stops and the message is left to its new owner.
/// </summary>
internal sealed class VisibilityRenewal : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly string _messageId;
    private readonly TimeSpan _visibility;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _loop;
    private string _popReceipt;

    public VisibilityRenewal(QueueClient queue, string messageId, string popReceipt, TimeSpan visibility, TimeProvider time, ILogger logger)
    {
        _queue = queue;
        _messageId = messageId;
        _popReceipt = popReceipt;
        _visibility = visibility;
        _time = time;
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    public CancellationToken Lost => _lost.Token;

    public bool IsLost => _lost.IsCancellationRequested;

    /// <summary>Stops renewing and returns the current pop receipt (for the delete or update that settles the message).</summary>
    public async Task<string> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return Volatile.Read(ref _popReceipt);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task LoopAsync()
    {
        var interval = _visibility / 3;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, _stop.Token).ConfigureAwait(false);

                // Not cancelled by StopAsync: a renewal the service has applied hands out a new pop receipt, and abandoning it
                // mid-flight would leave the settling delete or update with a stale one (failing, so the job would run again).
                using var timeout = new CancellationTokenSource(_visibility, _time);
                var receipt = await _queue.UpdateMessageAsync(_messageId, Volatile.Read(ref _popReceipt), visibilityTimeout: _visibility, cancellationToken: timeout.Token).ConfigureAwait(false);
                Volatile.Write(ref _popReceipt, receipt.Value.PopReceipt);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 400)
            {
                Log.MessageLost(_logger, _messageId);
                await _lost.CancelAsync().ConfigureAwait(false);
                return;
            }
#pragma warning disable CA1031 // a failed renewal is retried at the next tick; the message may lapse meanwhile (then it is lost, above)
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.RenewFailed(_logger, exception, _messageId);
            }
        }
    }
}
