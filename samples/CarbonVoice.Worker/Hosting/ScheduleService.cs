using CarbonVoice.Sdk.Connector;
using CarbonVoice.Worker.Configuration;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Worker.Hosting;

/// <summary>Queues the due syncs every <see cref="WorkerSettings.ScheduleInterval"/> (when set): the worker-host twin of the Functions timer.</summary>
internal sealed partial class ScheduleService(SyncScheduler scheduler, IOptions<WorkerSettings> settings, TimeProvider time, ILogger<ScheduleService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Value.ScheduleInterval is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await scheduler.EnqueueDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the next tick tries again
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogScheduleFailed(logger, exception);
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Queuing the due syncs failed; the next tick tries again.")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception);
}
