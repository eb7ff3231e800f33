using System.Text.Json;

namespace CarbonVoice.ContractCheck.Analysis;

/// <summary>The shape of one raw response body: where the items are and what envelope keys came with them.</summary>
/// <param name="Readable">Whether the body is JSON at all.</param>
/// <param name="Envelope">
/// Where the object or the items were: <c>bare object</c>, <c>wrapped in "user"</c>, <c>bare array</c>, the key of the
/// list in an envelope (<c>results</c>, <c>data</c>, …), or what was found instead.
/// </param>
/// <param name="Keys">The top-level keys when the body is an object.</param>
/// <param name="Items">The item objects (copies, independent of the parsed document).</param>
/// <param name="ItemCount">How many items the list had (strings included).</param>
/// <param name="HasMorePresent">Whether a <c>has_more</c> (or <c>hasMore</c>, <c>has_next_page</c>) key was present.</param>
/// <param name="HasMore">Its value when it was a boolean.</param>
/// <param name="NextCursor">The state of <c>next_cursor</c> (or <c>nextCursor</c>).</param>
internal sealed record BodyShape(
    bool Readable,
    string Envelope,
    IReadOnlyList<string> Keys,
    IReadOnlyList<JsonElement> Items,
    int ItemCount,
    bool HasMorePresent,
    bool? HasMore,
    CursorState NextCursor)
{
    /// <summary>The envelope label of a bare array.</summary>
    public const string BareArray = "bare array";

    /// <summary>The envelope label of an unwrapped object.</summary>
    public const string BareObject = "bare object";

    private static readonly string[] HasMoreKeys = ["has_more", "hasMore", "has_next_page"];
    private static readonly string[] NextCursorKeys = ["next_cursor", "nextCursor"];

    /// <summary>Reads a body the way the SDK locates its data: one object (unwrapped from <paramref name="wrapper"/> like the SDK does) or a list (a bare array, or the first array in an object).</summary>
    /// <param name="body">The raw body.</param>
    /// <param name="list">Whether the route answers a list.</param>
    /// <param name="wrapper">The key the SDK unwraps a single object from, if any.</param>
    public static BodyShape Read(byte[] body, bool list, string? wrapper)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return new BodyShape(false, "not JSON", [], [], 0, false, null, CursorState.Absent);
        }

        using (document)
        {
            var root = document.RootElement;
            return list ? ReadList(root) : ReadSingle(root, wrapper);
        }
    }

    private static BodyShape ReadSingle(JsonElement root, string? wrapper)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new BodyShape(true, Describe(root.ValueKind), [], [], 0, false, null, CursorState.Absent);
        }

        var keys = KeysOf(root);
        if (wrapper is not null && root.TryGetProperty(wrapper, out var inner) && inner.ValueKind == JsonValueKind.Object && !root.TryGetProperty("id", out _))
        {
            return new BodyShape(true, $"wrapped in \"{wrapper}\"", keys, [inner.Clone()], 1, false, null, CursorState.Absent);
        }

        return new BodyShape(true, BareObject, keys, [root.Clone()], 1, false, null, CursorState.Absent);
    }

    private static BodyShape ReadList(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return new BodyShape(true, BareArray, [], ObjectsOf(root), CountOf(root), false, null, CursorState.Absent);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return new BodyShape(true, Describe(root.ValueKind), [], [], 0, false, null, CursorState.Absent);
        }

        var keys = KeysOf(root);
        var hasMorePresent = false;
        bool? hasMore = null;
        foreach (var key in HasMoreKeys)
        {
            if (root.TryGetProperty(key, out var value))
            {
                hasMorePresent = true;
                hasMore = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
                break;
            }
        }

        var cursor = CursorState.Absent;
        foreach (var key in NextCursorKeys)
        {
            if (root.TryGetProperty(key, out var value))
            {
                cursor = value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && value.GetString() is "") ? CursorState.Null : CursorState.Value;
                break;
            }
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                return new BodyShape(true, property.Name, keys, ObjectsOf(property.Value), CountOf(property.Value), hasMorePresent, hasMore, cursor);
            }
        }

        return new BodyShape(true, "object without a list", keys, [], 0, hasMorePresent, hasMore, cursor);
    }

    private static List<string> KeysOf(JsonElement root) => [.. root.EnumerateObject().Select(p => p.Name)];

    private static List<JsonElement> ObjectsOf(JsonElement array)
        => [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => e.Clone())];

    private static int CountOf(JsonElement array) => array.EnumerateArray().Count(e => e.ValueKind != JsonValueKind.Null);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array instead of an object",
        JsonValueKind.Object => "object",
        JsonValueKind.String => "a bare string",
        JsonValueKind.Number => "a bare number",
        JsonValueKind.True or JsonValueKind.False => "a bare boolean",
        _ => "null",
    };
}
