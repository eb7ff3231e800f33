namespace CarbonVoice.ContractCheck;

/// <summary>How a list route paged, as observed on the wire.</summary>
public sealed record PagingReport
{
    /// <summary>Whether the SDK pages this list (otherwise it is read in one request).</summary>
    public bool PagedBySdk { get; init; }

    /// <summary>The page size the first request asked for.</summary>
    public int? LimitAsked { get; init; }

    /// <summary>Every 2xx response, in order.</summary>
    public IReadOnlyList<PageObservation> Pages { get; init; } = [];

    /// <summary>Whether any page had a <c>has_more</c> key.</summary>
    public bool HasMorePresent { get; init; }

    /// <summary>Whether any page had a <c>next_cursor</c> key.</summary>
    public bool NextCursorPresent { get; init; }

    /// <summary>Whether a second page came (the SDK asked for one and got a 2xx answer).</summary>
    public bool SecondPage { get; init; }

    /// <summary>
    /// Whether a page held fewer items than asked although more followed (a later page was not empty, or the page said
    /// <c>has_more: true</c>): the service caps pages below the limit asked.
    /// </summary>
    public bool ShortPageBeforeEnd { get; init; }

    /// <summary>A sentence on what paging showed (a cap, why the list ended after one page, ...), if any.</summary>
    public string? Note { get; init; }
}
