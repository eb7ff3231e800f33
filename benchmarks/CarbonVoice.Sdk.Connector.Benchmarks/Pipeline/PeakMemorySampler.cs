namespace CarbonVoice.Sdk.Connector.Benchmarks.Pipeline;

/// <summary>
/// Samples the process working set and the managed heap every 20 ms, from start to dispose, and keeps the peaks; also the
/// largest live heap, what survived a full (gen 2) collection: garbage the collector has not reclaimed yet is not in it.
/// </summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakWorkingSet;
    private long _peakManaged;
    private long _phasePeakWorkingSet;
    private long _peakLive;

    public PeakMemorySampler()
    {
        Sample();
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));
    }

    public long PeakWorkingSetBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peakWorkingSet);
        }
    }

    public long PeakManagedBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peakManaged);
        }
    }

    public long PeakLiveBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peakLive);
        }
    }

    /// <summary>The peak working set since the last call (or the start), then starts a new phase.</summary>
    public long EndPhase()
    {
        Sample();
        return Interlocked.Exchange(ref _phasePeakWorkingSet, Environment.WorkingSet);
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var workingSet = Environment.WorkingSet;
        Raise(ref _peakWorkingSet, workingSet);
        Raise(ref _phasePeakWorkingSet, workingSet);
        Raise(ref _peakManaged, GC.GetTotalMemory(false));
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var full = background.Index > blocking.Index ? background : blocking;
        if (full.Index > 0)
        {
            Raise(ref _peakLive, full.PromotedBytes);
        }
    }

    private static void Raise(ref long peak, long now)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref peak);
        }
        while (now > current && Interlocked.CompareExchange(ref peak, now, current) != current);
    }
}
