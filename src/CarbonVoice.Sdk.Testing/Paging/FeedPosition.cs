namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// A keyset position in a feed ordered by (key, id). The rows that come next are those strictly after it in the walk's
/// direction. A position with a null id is a boundary at its key that lets every row of that key through
/// (newer: key &gt;= <see cref="KeyMs"/>; older: key &lt;= <see cref="KeyMs"/>).
/// </summary>
internal readonly record struct FeedPosition(long KeyMs, string? Id)
{
    /// <summary>Whether the row (<paramref name="keyMs"/>, <paramref name="id"/>) comes after this position.</summary>
    public bool Admits(long keyMs, string id, bool newer)
    {
        if (keyMs != KeyMs)
        {
            return newer ? keyMs > KeyMs : keyMs < KeyMs;
        }

        if (Id is null)
        {
            return true;
        }

        var byId = string.CompareOrdinal(id, Id);
        return newer ? byId > 0 : byId < 0;
    }
}
