namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>A synchronous <see cref="IProgress{T}"/> that keeps every event.</summary>
public sealed class RecordingProgress : IProgress<SyncProgress>
{
    private readonly List<SyncProgress> _events = [];

    public IReadOnlyList<SyncProgress> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    public void Report(SyncProgress value)
    {
        lock (_events)
        {
            _events.Add(value);
        }
    }
}
