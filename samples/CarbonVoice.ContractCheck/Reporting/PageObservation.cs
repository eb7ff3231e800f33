namespace CarbonVoice.ContractCheck;

/// <summary>One 2xx response of a list route, as it came over the wire.</summary>
public sealed record PageObservation
{
    /// <summary>The <c>limit</c> the request asked for (query or body), if it sent one.</summary>
    public int? Limit { get; init; }

    /// <summary>How many items the response held.</summary>
    public int Items { get; init; }

    /// <summary>Where the items were: <c>results</c>, <c>data</c>, <c>bare array</c>, another key, or what came instead.</summary>
    public required string Envelope { get; init; }

    /// <summary>Whether the response had a <c>has_more</c> key.</summary>
    public bool HasMorePresent { get; init; }

    /// <summary>The value of <c>has_more</c>, when it was a boolean.</summary>
    public bool? HasMore { get; init; }

    /// <summary>What <c>next_cursor</c> looked like.</summary>
    public CursorState NextCursor { get; init; }
}
