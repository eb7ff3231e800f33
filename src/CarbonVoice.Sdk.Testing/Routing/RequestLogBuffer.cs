namespace CarbonVoice.Sdk.Testing;

/// <summary>A bounded ring buffer of the last requests.</summary>
internal sealed class RequestLogBuffer
{
    private readonly EmulatorRequestLog[] _items;
    private readonly Lock _sync = new();
    private long _total;
    private long _cleared;

    public RequestLogBuffer(int capacity)
    {
        _items = new EmulatorRequestLog[capacity];
    }

    public long Total
    {
        get { lock (_sync) { return _total - _cleared; } }
    }

    public void Add(EmulatorRequestLog entry)
    {
        lock (_sync)
        {
            _items[_total % _items.Length] = entry;
            _total++;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _cleared = _total;
        }
    }

    public IReadOnlyList<EmulatorRequestLog> Snapshot()
    {
        lock (_sync)
        {
            var count = (int)Math.Min(_items.Length, _total - _cleared);
            var result = new EmulatorRequestLog[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = _items[(_total - count + i) % _items.Length];
            }

            return result;
        }
    }
}
