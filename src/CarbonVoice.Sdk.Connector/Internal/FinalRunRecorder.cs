using Microsoft.Extensions.Logging;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// Records a run's end: retries a failing save with backoff on the <see cref="TimeProvider"/> (bounded, well inside a
/// lease), and when the store still refuses, says so in a run record that is interrupted, which is what the stored run
/// becomes once its lease lapses (the terminal progress message then matches what the sync log will show).
/// </summary>
internal static class FinalRunRecorder
{
    /// <summary>The waits between attempts: five attempts over 7.5 seconds.</summary>
    internal static readonly IReadOnlyList<TimeSpan> RetryDelays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>Saves <paramref name="final"/>; returns it, or, when it could not be saved, the interrupted record the sync log will show.</summary>
    public static async Task<SyncRun> SaveAsync(ISyncStateStore state, SyncRun final, TimeProvider time, ILogger logger)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await state.SaveRunAsync(final, CancellationToken.None).ConfigureAwait(false);
                return final;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                if (attempt > RetryDelays.Count)
                {
                    Log.FinalSaveFailed(logger, ex, final.Id, final.TenantId, final.ConnectorId, final.Status, attempt);
                    return Unrecorded(final);
                }

                var delay = RetryDelays[attempt - 1];
                Log.FinalSaveRetrying(logger, ex, final.Id, final.TenantId, final.ConnectorId, final.Status, attempt, delay);
                await Task.Delay(delay, time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The record of a run whose end could not be saved.</summary>
    public static SyncRun Unrecorded(SyncRun final) => final with
    {
        Status = SyncRunStatus.Interrupted,
        StatusMessage = $"The run ended ({final.Status.ToString().ToLowerInvariant()}) but its end could not be recorded: the sync state store is unavailable. "
            + "It shows as interrupted once its lease lapses; the next run resumes from the checkpoints.",
    };
}
