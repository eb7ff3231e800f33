using System.Globalization;

namespace CarbonVoice.Sdk.Connector.FaultHost;

/// <summary>Prints progress events; the first event of a run is printed as <c>run-started kind id unix-ms</c>.</summary>
internal sealed class RunPrinter(LineWriter output)
{
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);

    public IProgress<SyncProgress> Sync => new Callback<SyncProgress>(p => Print("sync", p.RunId, p.Phase.ToString(), p.Status));

    public IProgress<IngestionProgress> Ingestion => new Callback<IngestionProgress>(p => Print("ingestion", p.RunId, p.Phase.ToString(), p.Status));

    private void Print(string kind, string runId, string phase, SyncRunStatus status)
    {
        lock (_started)
        {
            if (_started.Add(runId))
            {
                output.Line($"run-started {kind} {runId} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}");
            }
        }

        output.Line($"progress {kind} {phase} {status}");
    }

    private sealed class Callback<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
