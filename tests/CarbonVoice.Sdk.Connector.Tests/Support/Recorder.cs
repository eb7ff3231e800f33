namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>A synchronous <see cref="IProgress{T}"/> that keeps every event (of any progress type).</summary>
public sealed class Recorder<T> : IProgress<T>
{
    private readonly List<T> _events = [];

    public IReadOnlyList<T> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    public void Report(T value)
    {
        lock (_events)
        {
            _events.Add(value);
        }
    }
}
