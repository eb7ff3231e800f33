using Azure.Storage.Queues.Models;
using CarbonVoice.Sdk.Connector.AzureQueues.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonVoice.Sdk.Connector.AzureQueues;

/// <summary>
/// The worker side of the job queue, for a generic host's <c>BackgroundService</c>: receives jobs with at most
/// <see cref="AzureQueuesOptions.MaxConcurrency"/> running at once, keeps each invisible while it runs (renewed every third of
/// <see cref="AzureQueuesOptions.VisibilityTimeout"/>), runs it with <see cref="ConnectorJobHandler"/>, and settles it only
/// afterwards: deleted once its run is recorded; a failure is kept in the message and retried; after
/// <see cref="AzureQueuesOptions.MaxDequeueCount"/> receives (failures, or workers that died holding it) the job moves to the
/// poison queue with its error. A job refused because another run holds the connector's lease is queued again for when the
/// lease lapses (not counted as a failure). A worker killed mid-job leaves its message to reappear after the visibility timeout.
/// </summary>
public sealed class AzureQueueJobProcessor
{
    private readonly AzureQueueClients _clients;
    private readonly AzureConnectorJobQueue _queue;
    private readonly ConnectorJobHandler _handler;
    private readonly PoisonQueue _poison;
    private readonly AzureQueuesOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal AzureQueueJobProcessor(AzureQueueClients clients, AzureConnectorJobQueue queue, ConnectorJobHandler handler, TimeProvider? timeProvider, ILogger<AzureQueueJobProcessor>? logger)
    {
        _clients = clients;
        _queue = queue;
        _handler = handler;
        _options = clients.Options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _poison = new PoisonQueue(clients, _time, _logger);
    }

    /// <summary>Raised after each job is settled (for measurements and tests).</summary>
    public event EventHandler<ConnectorJobOutcome>? JobSettled;

    /// <summary>Receives and runs jobs until <paramref name="stoppingToken"/> is cancelled; then cancels the running jobs (their messages are made visible again) and waits for them.</summary>
    /// <param name="stoppingToken">Stops the worker.</param>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var slots = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrency));
        var running = new HashSet<Task>();
        var idle = _options.MinPollInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var taken = 1;
                while (taken < Math.Clamp(_options.BatchSize, 1, 32) && slots.Wait(0))
                {
                    taken++;
                }

                QueueMessage[] messages;
                try
                {
                    await _clients.EnsureAsync(stoppingToken).ConfigureAwait(false);
                    messages = (await _clients.Jobs.ReceiveMessagesAsync(taken, _options.VisibilityTimeout, stoppingToken).ConfigureAwait(false)).Value;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    slots.Release(taken);
                    break;
                }
#pragma warning disable CA1031 // a queue outage is waited out
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    slots.Release(taken);
                    Log.ReceiveFailed(_logger, exception, _options.MaxPollInterval);
                    await DelayAsync(_options.MaxPollInterval, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                if (taken > messages.Length)
                {
                    slots.Release(taken - messages.Length);
                }

                if (messages.Length == 0)
                {
                    await DelayAsync(idle, stoppingToken).ConfigureAwait(false);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxPollInterval.Ticks));
                    continue;
                }

                idle = _options.MinPollInterval;
                foreach (var message in messages)
                {
                    var task = Task.Run(() => ProcessAsync(message, stoppingToken), CancellationToken.None);
                    lock (running)
                    {
                        running.Add(task);
                    }

                    _ = task.ContinueWith(
                        t =>
                        {
                            slots.Release();
                            lock (running)
                            {
                                running.Remove(t);
                            }
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        Task[] left;
        lock (running)
        {
            left = [.. running];
        }

        await Task.WhenAll(left).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Runs one received message to its settlement. Never throws: a message that cannot be settled reappears after its visibility timeout.</summary>
    internal async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        var text = message.Body.ToString();
        JobMessage? parsed = null;
        ConnectorJob? job = null;
        string? invalid = null;
        try
        {
            parsed = JobMessage.Parse(text);
            job = parsed.ToJob();
        }
        catch (FormatException exception)
        {
            invalid = exception.Message;
        }

        if (invalid is not null || message.DequeueCount > _options.MaxDequeueCount)
        {
            var error = invalid ?? parsed?.LastError ?? $"Received {message.DequeueCount} times without finishing (its workers stopped, died or timed out).";
            await SettleAsync(message.MessageId, "poison", ct => PoisonThenDeleteAsync(message.MessageId, message.PopReceipt, parsed, text, message.DequeueCount, error, ct)).ConfigureAwait(false);
            JobSettled?.Invoke(this, new ConnectorJobOutcome(ConnectorJobStatus.Rejected) { Error = error });
            return;
        }

        ConnectorJobOutcome outcome;
        string popReceipt;
        bool lost;
        var renewal = new VisibilityRenewal(_clients.Jobs, message.MessageId, message.PopReceipt, _options.VisibilityTimeout, _time, _logger);
        await using (renewal.ConfigureAwait(false))
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, renewal.Lost);
            outcome = await _handler.HandleAsync(job!, linked.Token).ConfigureAwait(false);
            popReceipt = await renewal.StopAsync().ConfigureAwait(false);
            lost = renewal.IsLost;
        }

        if (lost)
        {
            return; // another worker owns the message now
        }

        switch (outcome.Status)
        {
            case ConnectorJobStatus.Completed:
                await SettleAsync(message.MessageId, "delete", ct => _clients.Jobs.DeleteMessageAsync(message.MessageId, popReceipt, ct)).ConfigureAwait(false);
                break;
            case ConnectorJobStatus.RetryLater when stoppingToken.IsCancellationRequested:
                // The worker is stopping: make the job visible again now, for another worker.
                await SettleAsync(message.MessageId, "release", ct => _clients.Jobs.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: ct)).ConfigureAwait(false);
                break;
            case ConnectorJobStatus.RetryLater:
                // A fresh copy for when the lease lapses (a busy connector is not a failure: the receive count starts again), then the original goes.
                await SettleAsync(message.MessageId, "requeue", async ct =>
                {
                    await _queue.SendAsync(parsed!, outcome.RetryAfter, ct).ConfigureAwait(false);
                    await _clients.Jobs.DeleteMessageAsync(message.MessageId, popReceipt, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
                break;
            case ConnectorJobStatus.Failed when message.DequeueCount < _options.MaxDequeueCount:
                var failed = parsed! with { FailedAttempts = parsed.FailedAttempts + 1, LastError = JobMessage.Truncate(outcome.Error) };
                Log.Retrying(_logger, job!.JobId, message.DequeueCount, _options.MaxDequeueCount, _options.FailureRetryDelay, outcome.Error ?? string.Empty);
                await SettleAsync(message.MessageId, "retry", ct => _clients.Jobs.UpdateMessageAsync(message.MessageId, popReceipt, failed.Serialize(), _options.FailureRetryDelay, ct)).ConfigureAwait(false);
                break;
            default:
                var last = parsed! with { FailedAttempts = parsed.FailedAttempts + (outcome.Status == ConnectorJobStatus.Failed ? 1 : 0) };
                await SettleAsync(message.MessageId, "poison", ct => PoisonThenDeleteAsync(message.MessageId, popReceipt, last, text, message.DequeueCount, outcome.Error ?? outcome.Status.ToString(), ct)).ConfigureAwait(false);
                break;
        }

        JobSettled?.Invoke(this, outcome);
    }

    private async Task PoisonThenDeleteAsync(string messageId, string popReceipt, JobMessage? message, string text, long dequeueCount, string error, CancellationToken cancellationToken)
    {
        await _poison.SendAsync(messageId, message, text, dequeueCount, error, cancellationToken).ConfigureAwait(false);
        await _clients.Jobs.DeleteMessageAsync(messageId, popReceipt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Settles a message with its own short timeout (also while stopping); a failure leaves it to reappear.</summary>
    private async Task SettleAsync(string messageId, string action, Func<CancellationToken, Task> settle)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), _time);
        try
        {
            await settle(timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the message reappears after its visibility timeout: nothing is lost
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.SettleFailed(_logger, exception, messageId, action);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
