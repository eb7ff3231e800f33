using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// A list as the service returns it: a bare array, an array wrapped in an object (<c>{"workspaces": [...]}</c>)
/// or a cursor envelope (<c>{"results": [...], "has_more": true, "next_cursor": "..."}</c>).
/// </summary>
[JsonConverter(typeof(ApiListConverterFactory))]
internal sealed class ApiList<T>
{
    public ApiList(IReadOnlyList<T> items, bool? hasMore = null, string? nextCursor = null, long? total = null)
    {
        Items = items;
        HasMore = hasMore;
        NextCursor = nextCursor;
        Total = total;
    }

    public IReadOnlyList<T> Items { get; }

    /// <summary>The envelope's <c>has_more</c>, or null for a bare array.</summary>
    public bool? HasMore { get; }

    public string? NextCursor { get; }

    public long? Total { get; }
}
