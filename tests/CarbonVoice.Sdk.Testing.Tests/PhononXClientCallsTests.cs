using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>
/// The read calls PhononX's Python client (hermes-plugin-carbonvoice) makes, described here — routes, parameters, the
/// header it derives from its token, and the fields it reads — and made against the emulator as that client would. No
/// code of that client is copied; only the calls and shapes it expects are written down.
/// </summary>
public sealed class PhononXClientCallsTests : IAsyncLifetime
{
    private CarbonVoiceEmulator _emulator = null!;
    private HttpClient _client = null!;
    private EmulatorConversation _conversation = null!;
    private IReadOnlyList<EmulatorMessage> _messages = null!;

    public Task InitializeAsync()
    {
        (_emulator, _) = Emu.Create();
        var user = _emulator.Data.Users[^1];
        _client = Emu.Client(_emulator);
        Authenticate(_client, _emulator.CreatePersonalAccessToken(user.Id));
        _conversation = _emulator.Data.WorkspacesOf(user.Id).SelectMany(w => _emulator.Data.ConversationsIn(w.Id))
            .First(c => _emulator.Data.MessagesIn(c.Id).Any(m => m.Attachments.Count > 0));
        _messages = _emulator.Data.MessagesIn(_conversation.Id);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    /// <summary>The client's rule: a token starting with <c>cv_pat_</c> goes as a bearer token, anything else as <c>x-api-key</c>.</summary>
    private static void Authenticate(HttpClient client, string token)
    {
        if (token.StartsWith("cv_pat_", StringComparison.OrdinalIgnoreCase))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else
        {
            client.DefaultRequestHeaders.Add("x-api-key", token);
        }
    }

    private static void Has(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            Assert.True(element.TryGetProperty(name, out _), $"missing '{name}' in {element}");
        }
    }

    [Fact]
    public async Task The_oauth_token_the_emulator_printed_first_fails_that_rule_and_the_pat_passes_it()
    {
        using var jwt = Emu.Client(_emulator);
        Authenticate(jwt, _emulator.IssueTokens(_emulator.Data.Users[0].Id).AccessToken);
        using var refused = await jwt.GetAsync("/whoami");
        using var accepted = await _client.GetAsync("/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Every_read_call_of_the_client_is_answered_in_the_shape_it_reads()
    {
        var first = _messages[0];
        var ids = _messages.Take(3).Select(m => m.Id).ToList();
        var attachment = _messages.SelectMany(m => m.Attachments).First();
        var forward = _emulator.Data.ShareLinks.First(l => !l.IsRevoked && !l.IsExpired);
        var date = Emu.Start.AddDays(-365).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var answered = 0;

        // 1. whoami: user.user_guid and user.created_by (the bot's owner).
        var (_, whoami) = await Emu.GetJson(_client, "/whoami");
        Has(whoami.GetProperty("user"), "user_guid", "created_by");
        Assert.Equal(_emulator.Data.Users[0].Id, whoami.GetProperty("user").GetProperty("created_by").GetString());
        answered++;

        // 2. the change feed: direction, limit ≤ 200, date then cursor; reads data, has_more, next_cursor.
        var (_, updates) = await Emu.GetJson(_client, $"/v6/messages/updates?direction=newer&limit=200&date={Uri.EscapeDataString(date)}");
        Has(updates, "data", "has_more", "next_cursor");
        var (cursorStatus, _) = await Emu.GetJson(_client, $"/v6/messages/updates?direction=newer&limit=200&cursor={Uri.EscapeDataString(updates.GetProperty("next_cursor").GetString()!)}");
        Assert.Equal(200, cursorStatus);
        answered++;

        // 3. recent messages (legacy poll): a bare array.
        var (_, recent) = await Emu.PostJson(_client, "/v3/messages/recent", $$"""{"date": "{{date}}", "direction": "newer", "limit": 100, "use_last_updated": true}""");
        Assert.Equal(JsonValueKind.Array, recent.ValueKind);
        answered++;

        // 4. one message, v6: {"message": {...}} with the optional query.
        var (_, v6) = await Emu.GetJson(_client, $"/v6/messages/{first.Id}?language=english&presigned_url=true&fresh=true");
        Has(v6.GetProperty("message"), "id", "thread_id", "creator_id", "conversation_id");
        answered++;

        // 5. by ids, v6: {conversation_id, message_ids} → a bare array.
        var (_, byIdsV6) = await Emu.PostJson(_client, "/v6/messages/by-ids", JsonSerializer.Serialize(new { conversation_id = _conversation.Id, message_ids = ids }));
        Assert.Equal(ids.Count, byIdsV6.GetArrayLength());
        answered++;

        // 6. one message, v5: {"message": {...}}.
        var (_, v5) = await Emu.GetJson(_client, $"/v5/messages/{first.Id}");
        Has(v5.GetProperty("message"), "id", "parent_message_id", "tagged_user_ids");
        answered++;

        // 7. by ids, v5: a bare array.
        var (_, byIdsV5) = await Emu.PostJson(_client, "/v5/messages/by-ids", JsonSerializer.Serialize(new { conversation_id = _conversation.Id, message_ids = ids }));
        Assert.Equal(ids.Count, byIdsV5.GetArrayLength());
        answered++;

        // 8. one message, v3: flat.
        var (_, v3) = await Emu.GetJson(_client, $"/v3/messages/{first.Id}");
        Has(v3, "message_id", "creator_id", "text_models", "channel_ids");
        answered++;

        // 9. the channel's message index: limit, direction=older; {"results": [...]} (or bare).
        var (_, index) = await Emu.GetJson(_client, $"/messages/{_conversation.Id}/index?limit=200&direction=older");
        Has(index.GetProperty("results")[0], "message_id", "parent_message_id", "status", "created_at");
        answered++;

        // 10. the channel: type, dm_hash (DMs), json_collaborators.
        var (_, channel) = await Emu.GetJson(_client, $"/channel/{_conversation.Id}");
        Has(channel, "type", "json_collaborators");
        answered++;

        // 11. reactions: a bare array.
        var (_, reactions) = await Emu.GetJson(_client, "/reactions");
        Assert.True(reactions.GetArrayLength() > 0);
        answered++;

        // 12. a forwarded message's share link: the link with shared_message (MessageV6).
        var (_, link) = await Emu.GetJson(_client, $"/v6/message-sharelinks/{forward.Id}");
        Has(link, "id", "has_channel_access", "shared_message");
        Has(link.GetProperty("shared_message"), "id", "creator_id");
        answered++;

        // 13. an attachment's signed URL: the bare body, quotes stripped.
        using var signed = await _client.GetAsync($"/attachments/signedurl/{attachment.Id}");
        var url = (await signed.Content.ReadAsStringAsync()).Trim().Trim('"');
        Assert.StartsWith("http", url, StringComparison.Ordinal);
        answered++;

        // 14. the signed URL itself, fetched with no Carbon Voice header, the size checked.
        using (var plain = new HttpClient(_emulator.CreateHandler()))
        using (var file = await plain.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(attachment.LengthInBytes, file.Content.Headers.ContentLength);
        }

        answered++;

        // 15. signed URLs in bulk: {ids} → [{attachment_id, signed_url}].
        var (_, bulk) = await Emu.PostJson(_client, "/v5/attachments/download/signedurl/bulk", JsonSerializer.Serialize(new { ids = new[] { attachment.Id } }));
        Has(bulk[0], "attachment_id", "signed_url");
        answered++;

        // 16. the user lookup the client still has: GET /v3/users/{id} is dead on the real service (404 for every id).
        using var user = await _client.GetAsync($"/v3/users/{_emulator.Data.Users[0].Id}");
        Assert.Equal(HttpStatusCode.NotFound, user.StatusCode);
        answered++;

        Assert.Equal(16, answered);
    }
}
