namespace CarbonVoice.Sdk.Connector.FaultHost;

/// <summary>Writes numbered lines to stdout, flushed one by one (the test kills the process after the n-th).</summary>
internal sealed class LineWriter(TextWriter output) : IDisposable
{
    private readonly Lock _gate = new();
    private int _count;

    public void Line(string text)
    {
        lock (_gate)
        {
            _count++;
            output.WriteLine($"{_count} {text}");
            output.Flush();
        }
    }

    public void Dispose() => output.Flush();
}
