namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// Decides which requests fail. Sequenced faults are given to the next requests in order; then a seeded random
/// applies the quirk bursts of 502 and <see cref="FailureRate"/>. The same seed and the same requests give the same faults.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _sync = new();
    private readonly Queue<FaultKind> _queue = new();
    private readonly Random _random;
    private readonly QuirkOptions _quirks;
    private IReadOnlyList<int> _statuses;
    private double _failureRate;
    private int _burstLeft;
    private TimeSpan _dripInterval;
    private int _dripChunks;

    internal FaultInjector(int seed, FaultOptions options, QuirkOptions quirks)
    {
        _random = new Random(seed);
        _quirks = quirks;
        _failureRate = options.FailureRate;
        _statuses = [.. options.Statuses];
        Latency = options.Latency;
        DripInterval = options.DripInterval;
        DripChunks = options.DripChunks;
        foreach (var fault in options.Sequence)
        {
            _queue.Enqueue(fault);
        }
    }

    /// <summary>Fraction (0–1) of requests that fail with one of <see cref="Statuses"/>.</summary>
    public double FailureRate
    {
        get { lock (_sync) { return _failureRate; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            lock (_sync)
            {
                _failureRate = value;
            }
        }
    }

    /// <summary>Statuses used by <see cref="FailureRate"/> (chosen with the seeded random).</summary>
    public IReadOnlyList<int> Statuses
    {
        get { lock (_sync) { return _statuses; } }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0)
            {
                throw new ArgumentException("At least one status is needed.", nameof(value));
            }

            lock (_sync)
            {
                _statuses = [.. value];
            }
        }
    }

    /// <summary>Delay of <see cref="FaultKind.Latency"/> faults (waited on the emulator's time provider).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Delay before each part of a <see cref="FaultKind.SlowBody"/> answer (waited on the emulator's time provider).</summary>
    public TimeSpan DripInterval
    {
        get { lock (_sync) { return _dripInterval; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_sync)
            {
                _dripInterval = value;
            }
        }
    }

    /// <summary>Number of parts a <see cref="FaultKind.SlowBody"/> answer is sent in (at least 1).</summary>
    public int DripChunks
    {
        get { lock (_sync) { return _dripChunks; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (_sync)
            {
                _dripChunks = value;
            }
        }
    }

    /// <summary>Number of sequenced faults not yet used.</summary>
    public int Pending
    {
        get { lock (_sync) { return _queue.Count; } }
    }

    /// <summary>Gives the next requests these faults, in order.</summary>
    /// <param name="faults">The faults.</param>
    public void Enqueue(params FaultKind[] faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        lock (_sync)
        {
            foreach (var fault in faults)
            {
                _queue.Enqueue(fault);
            }
        }
    }

    /// <summary>Removes every sequenced fault, sets the failure rate to 0 and ends a running 502 burst.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _queue.Clear();
            _failureRate = 0;
            _burstLeft = 0;
        }
    }

    internal FaultDecision Next()
    {
        lock (_sync)
        {
            if (_queue.Count > 0)
            {
                return new FaultDecision(_queue.Dequeue(), 0);
            }

            if (_burstLeft > 0)
            {
                _burstLeft--;
                return new FaultDecision(FaultKind.Status502, 502);
            }

            if (_quirks.Enabled && _quirks.Burst502Probability > 0 && _random.NextDouble() < _quirks.Burst502Probability)
            {
                _burstLeft = Math.Max(0, _quirks.Burst502Length - 1);
                return new FaultDecision(FaultKind.Status502, 502);
            }

            if (_failureRate > 0 && _random.NextDouble() < _failureRate)
            {
                var status = _statuses[_random.Next(_statuses.Count)];
                var kind = status switch { 502 => FaultKind.Status502, 503 => FaultKind.Status503, _ => FaultKind.Status500 };
                return new FaultDecision(kind, status);
            }

            return default;
        }
    }
}
