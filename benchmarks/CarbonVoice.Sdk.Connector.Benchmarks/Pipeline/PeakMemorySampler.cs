namespace CarbonVoice.Sdk.Connector.Benchmarks.Pipeline;

/// <summary>Samples the process working set and the managed heap every 20 ms, from start to dispose, and keeps the peaks.</summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakWorkingSet;
    private long _peakManaged;

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

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        Raise(ref _peakWorkingSet, Environment.WorkingSet);
        Raise(ref _peakManaged, GC.GetTotalMemory(false));
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
