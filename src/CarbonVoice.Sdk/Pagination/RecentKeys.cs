namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// The last <see cref="Capacity"/> distinct keys seen, oldest forgotten first (FIFO): a set whose memory is bounded
/// however long the list it watches.
/// </summary>
internal sealed class RecentKeys
{
    /// <summary>How many keys a pageable remembers across pages by default (about 25 pages of the largest v6 page).</summary>
    public const int DefaultCapacity = 5_000;

    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public RecentKeys(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>The number of keys remembered (never above <see cref="Capacity"/>).</summary>
    public int Count => _keys.Count;

    /// <summary>Remembers <paramref name="key"/>; false when it is already remembered (a repeat).</summary>
    public bool Add(string key)
    {
        if (!_keys.Add(key))
        {
            return false;
        }

        _order.Enqueue(key);
        if (_order.Count > Capacity)
        {
            _keys.Remove(_order.Dequeue());
        }

        return true;
    }
}
