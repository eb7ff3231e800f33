namespace CarbonVoice.Sdk.Connector.Benchmarks;

/// <summary>Samples the managed heap every 20 ms and keeps the peak.</summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public PeakMemorySampler()
    {
        _peak = GC.GetTotalMemory(false);
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));
    }

    public long PeakManagedBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = GC.GetTotalMemory(false);
        long current;
        do
        {
            current = Interlocked.Read(ref _peak);
        }
        while (now > current && Interlocked.CompareExchange(ref _peak, now, current) != current);
    }
}
