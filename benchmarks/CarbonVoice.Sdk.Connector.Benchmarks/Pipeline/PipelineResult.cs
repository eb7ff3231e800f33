using System.Globalization;

namespace CarbonVoice.Sdk.Connector.Benchmarks.Pipeline;

/// <summary>One pipeline run: sync and ingestion timed separately, peak memory over the whole run (live heap: what survived the full collections).</summary>
internal sealed record PipelineResult(int Messages, double SyncSeconds, int Chunks, double IngestSeconds, long PeakWorkingSet, long PeakManaged, long PeakLive, bool Succeeded)
{
    private const string Prefix = "pipeline-result ";

    public double TotalSeconds => SyncSeconds + IngestSeconds;

    public static PipelineResult? TryParse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var f = line[Prefix.Length..].Split(' ');
        return new PipelineResult(int.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture), long.Parse(f[5], CultureInfo.InvariantCulture), long.Parse(f[6], CultureInfo.InvariantCulture), bool.Parse(f[7]));
    }

    /// <summary>The machine-readable line the parent process reads from a child run.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Messages} {SyncSeconds:F3} {Chunks} {IngestSeconds:F3} {PeakWorkingSet} {PeakManaged} {PeakLive} {Succeeded}");

    public string ToRow() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Messages:N0} | {SyncSeconds:F1} s | {Messages / SyncSeconds:F0} | {IngestSeconds:F1} s | {Messages / IngestSeconds:F0} | {Chunks:N0} | {Chunks / IngestSeconds:F0} | {TotalSeconds:F1} s | {Mb(PeakWorkingSet)} MiB | {Mb(PeakManaged)} MiB | {Mb(PeakLive)} MiB |");

    public static string Header =>
        "| messages | sync | sync msg/s | ingestion | ingestion msg/s | chunks | chunks/s | total | peak working set | peak managed heap | peak live heap |\n|---|---|---|---|---|---|---|---|---|---|---|";

    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture);
}
