namespace CarbonVoice.Sdk;

/// <summary>One page of a list.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The page's items.</param>
/// <param name="ContinuationToken">An opaque token that resumes the list after this page (save it to checkpoint), or null on the last page.</param>
public sealed record CarbonVoicePage<T>(IReadOnlyList<T> Items, string? ContinuationToken)
{
    /// <summary>Whether more pages follow.</summary>
    public bool HasMore => ContinuationToken is not null;
}
