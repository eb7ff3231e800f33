namespace CarbonVoice.ContractCheck.Capture;

/// <summary>
/// Collects the exchanges of the route being checked. The scope flows with the async call (an
/// <see cref="AsyncLocal{T}"/>), so every request the SDK sends for one route — retries and later pages included —
/// lands in that route's scope.
/// </summary>
internal sealed class CaptureRecorder
{
    private readonly AsyncLocal<List<CapturedExchange>?> _current = new();

    /// <summary>Starts collecting for the current async flow; returns the list that fills up.</summary>
    public List<CapturedExchange> Begin()
    {
        var scope = new List<CapturedExchange>();
        _current.Value = scope;
        return scope;
    }

    /// <summary>Stops collecting for the current async flow.</summary>
    public void End() => _current.Value = null;

    /// <summary>Adds an exchange to the current scope (dropped when there is none).</summary>
    /// <param name="exchange">The exchange.</param>
    public void Record(CapturedExchange exchange)
    {
        if (_current.Value is { } scope)
        {
            lock (scope)
            {
                scope.Add(exchange);
            }
        }
    }
}
