namespace CarbonVoice.Sdk;

/// <summary>One page of a list.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The page's items.</param>
/// <param name="ContinuationToken">An opaque token that resumes the list after this page (save it to checkpoint), or null on the last page.</param>
public sealed record CarbonVoicePage<T>(IReadOnlyList<T> Items, string? ContinuationToken)
{
    private readonly string? _resumeToken;
    private readonly bool _hasResumeToken;

    /// <summary>Whether more pages follow.</summary>
    public bool HasMore => ContinuationToken is not null;

    /// <summary>
    /// An opaque token to read the list again later from where this page ended, to get what was added or changed since:
    /// the <see cref="ContinuationToken"/>, except on the last page of a change feed, where the service still gives a resume
    /// point (<see cref="IMessagesClient.ListUpdatesAsync"/>). Persist the last page's value and pass it to
    /// <see cref="CarbonVoicePageable{T}.AsPages"/> on the next poll. Null when the list cannot be resumed.
    /// </summary>
    public string? ResumeToken
    {
        get => _hasResumeToken ? _resumeToken : ContinuationToken;
        init
        {
            _resumeToken = value;
            _hasResumeToken = true;
        }
    }
}
