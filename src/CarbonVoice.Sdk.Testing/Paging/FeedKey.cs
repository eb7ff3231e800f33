namespace CarbonVoice.Sdk.Testing;

/// <summary>The timestamp a message feed is ordered by (ties broken by id, ordinal).</summary>
internal enum FeedKey : byte
{
    /// <summary><c>created_at</c>: the history feeds.</summary>
    Created,

    /// <summary><c>updated_at</c> / <c>last_updated_at</c> as reported now: the change feeds.</summary>
    Updated,
}
