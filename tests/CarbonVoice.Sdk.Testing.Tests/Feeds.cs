using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>One page of a v6 feed.</summary>
internal sealed record FeedPage(int Status, JsonElement Body)
{
    public JsonElement[] Rows => Body.GetProperty("data").EnumerateArray().ToArray();

    public string[] Ids => Rows.Select(r => r.GetProperty("id").GetString()!).ToArray();

    public bool HasMore => Body.GetProperty("has_more").GetBoolean();

    /// <summary>The next cursor, or null when it is JSON null (the property must be there).</summary>
    public string? NextCursor => Body.GetProperty("next_cursor").ValueKind == JsonValueKind.Null ? null : Body.GetProperty("next_cursor").GetString();
}

/// <summary>Reads and walks the v6 feeds the way a client must: follow <c>next_cursor</c> until <c>has_more</c> is false.</summary>
internal static class Feeds
{
    public const string History = "/v6/messages";
    public const string Updates = "/v6/messages/updates";

    public static string Iso(DateTimeOffset value) => Uri.EscapeDataString(value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));

    public static async Task<FeedPage> Get(HttpClient client, string feed, string query)
    {
        var (status, body) = await Emu.GetJson(client, query.Length == 0 ? feed : $"{feed}?{query}");
        Assert.True(status == 200, $"{feed}?{query} answered {status}: {body}");
        return new FeedPage(status, body);
    }

    /// <summary>
    /// Walks a feed: the first request with <paramref name="fixedQuery"/> and <paramref name="firstQuery"/>, the next ones
    /// with <paramref name="fixedQuery"/> and the cursor. Every page but the last must say <c>has_more: true</c> with a cursor.
    /// </summary>
    public static async Task<List<FeedPage>> Walk(HttpClient client, string feed, string fixedQuery, string firstQuery = "")
    {
        var pages = new List<FeedPage> { await Get(client, feed, Join(fixedQuery, firstQuery)) };
        while (pages[^1].HasMore)
        {
            Assert.True(pages.Count < 10_000, "the walk does not end");
            var cursor = pages[^1].NextCursor;
            Assert.NotNull(cursor);
            pages.Add(await Get(client, feed, Join(fixedQuery, "cursor=" + Uri.EscapeDataString(cursor))));
        }

        return pages;
    }

    /// <summary>The words of a MessageV6 as a client reads them: <c>content.transcript</c>, or the time codes joined with spaces when it is empty.</summary>
    public static string Words(JsonElement message)
    {
        var content = message.GetProperty("content");
        var transcript = content.GetProperty("transcript").GetString()!;
        return transcript.Length > 0 || !content.TryGetProperty("time_codes", out var codes)
            ? transcript
            : string.Join(" ", codes.EnumerateArray().Select(t => t.GetProperty("t").GetString()));
    }

    public static string[] Ids(IEnumerable<FeedPage> pages) => pages.SelectMany(p => p.Ids).ToArray();

    public static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : $"{a}&{b}";

    /// <summary>Asserts a 400 with the NestJS validation body whose message is (or contains) <paramref name="message"/>.</summary>
    public static void AssertValidationError(int status, JsonElement body, string message)
    {
        Assert.Equal(400, status);
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("Bad Request", body.GetProperty("error").GetString());
        var messages = body.GetProperty("message");
        var all = messages.ValueKind == JsonValueKind.Array ? messages.EnumerateArray().Select(m => m.GetString()).ToArray() : [messages.GetString()];
        Assert.Contains(message, all);
    }

    /// <summary>Asserts a 400 with the standard error body and <c>errmsg: "Invalid cursor"</c>.</summary>
    public static void AssertInvalidCursor((int Status, JsonElement Body) response) => AssertInvalidCursor(response.Status, response.Body);

    /// <summary>Asserts a 400 with the standard error body and <c>errmsg: "Invalid cursor"</c>.</summary>
    public static void AssertInvalidCursor(int status, JsonElement body)
    {
        Assert.Equal(400, status);
        Emu.AssertErrorBody(body);
        Assert.Equal("Invalid cursor", body.GetProperty("errmsg").GetString());
    }
}
