namespace CarbonVoice.Sdk.Connector.FaultHost;

/// <summary>
/// Writes numbered lines to stdout, flushed one by one (the test kills the process after the n-th). With a hold line, the
/// writer stops at that line for good: it is printed, and a thread that reaches a later line (after its store write) waits
/// there until the process is killed. The kill then lands at that line however late the test reads it.
/// </summary>
internal sealed class LineWriter(TextWriter output, int? holdAtLine = null) : IDisposable
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
            if (_count == holdAtLine)
            {
                // Held with the gate taken: no later line is printed, and a thread that reaches one waits here with it.
                Thread.Sleep(Timeout.Infinite);
            }
        }
    }

    public void Dispose() => output.Flush();
}
