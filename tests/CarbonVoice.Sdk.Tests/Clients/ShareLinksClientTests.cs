using System.Net;
using System.Text.Json;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Clients;

/// <summary><c>GET /v6/message-sharelinks/{id}</c> (403 when revoked) and <c>POST /message-sharelinks</c>.</summary>
public sealed class ShareLinksClientTests
{
    [Fact]
    public async Task GetAsync_reads_the_link_and_the_shared_v6_message()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("v6/message-sharelinks/sl1")).Respond(Json.MediaType, """
            {"id": "sl1", "share_type": "forward", "access_type": "forward", "created_by": "fwd", "end_access_at": 1772359200000,
             "has_channel_access": false, "revoked_at": null,
             "shared_message": {"id": "orig", "thread_id": "orig", "creator_id": "author", "status": "active",
               "content": {"transcript": "", "time_codes": [{"t": "forwarded", "s": 0, "e": 1}, {"t": "words", "s": 2, "e": 3}]},
               "attachments": [{"id": "a1", "type": "file", "url": "https://api/x", "status": "Uploaded", "filename": "f.pdf"}]}}
            """);
        using var client = TestClients.Create(mock);

        var link = await client.ShareLinks.GetAsync("sl1");

        Assert.Equal("sl1", link.Id);
        Assert.Equal(ShareLinkTypes.Forward, link.ShareType);
        Assert.Equal("fwd", link.CreatedBy);
        Assert.False(link.HasChannelAccess);
        Assert.Null(link.RevokedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1772359200000), link.EndAccessAt);
        Assert.Equal("forwarded words", link.SharedMessage!.Transcript);
        Assert.Equal("a1", Assert.Single(link.SharedMessage.Attachments!).Id);
        Assert.True(link.IsExpiredAt(DateTimeOffset.FromUnixTimeMilliseconds(1772359200000)));
        Assert.False(link.IsExpiredAt(DateTimeOffset.FromUnixTimeMilliseconds(1772359199999)));
    }

    [Fact]
    public async Task GetAsync_reads_the_legacy_id_spelling()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("v6/message-sharelinks/s1")).Respond(Json.MediaType, """{"_id": "s1", "share_type": "link"}""");
        using var client = TestClients.Create(mock);

        Assert.Equal("s1", (await client.ShareLinks.GetAsync("s1")).Id);
    }

    [Fact]
    public async Task GetAsync_of_a_revoked_link_throws_forbidden()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("v6/message-sharelinks/revoked"))
            .Respond(HttpStatusCode.Forbidden, Json.MediaType, """{"success": false, "requestId": "r9", "errmsg": "This share link was revoked"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.ShareLinks.GetAsync("revoked"));
        Assert.Equal("This share link was revoked", error.ErrorMessage);
        Assert.Equal("GET /v6/message-sharelinks/{id}", error.Endpoint);
    }

    [Fact]
    public async Task CreateAsync_posts_the_documented_body_once_and_reads_the_underscore_id()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        var route = mock.When(HttpMethod.Post, TestClients.Url("message-sharelinks")).Respond(async request =>
        {
            body = await request.Content!.ReadAsStringAsync();
            return Responses.Json(HttpStatusCode.Created, """{"_id": "new1", "shared_message_id": "m1", "share_type": "link", "access_type": "specified"}""");
        });
        using var client = TestClients.Create(mock);

        var link = await client.ShareLinks.CreateAsync(new CreateShareLinkRequest
        {
            SharedMessageId = "m1",
            AccessType = ShareLinkAccessTypes.Specified,
            EndAccessAt = DateTimeOffset.Parse("2026-04-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            SpecifiedAccess = [new ShareLinkAccess { Type = "user", Ids = ["u2"] }],
        });

        Assert.Equal("new1", link.Id);
        Assert.Equal(1, mock.GetMatchCount(route));
        using var sent = JsonDocument.Parse(body!);
        var root = sent.RootElement;
        Assert.Equal("m1", root.GetProperty("shared_message_id").GetString());
        Assert.Equal("link", root.GetProperty("share_type").GetString());
        Assert.Equal("specified", root.GetProperty("access_type").GetString());
        Assert.StartsWith("2026-04-01T00:00:00", root.GetProperty("end_access_at").GetString(), StringComparison.Ordinal);
        var access = Assert.Single(root.GetProperty("specified_access").EnumerateArray());
        Assert.Equal("user", access.GetProperty("type").GetString());
        Assert.Equal("u2", Assert.Single(access.GetProperty("ids").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task CreateAsync_is_not_retried_after_a_transient_fault()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Post, TestClients.Url("message-sharelinks")).Respond(HttpStatusCode.BadGateway);
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<CarbonVoiceServerException>(() => client.ShareLinks.CreateAsync(new CreateShareLinkRequest { SharedMessageId = "m1" }));
        Assert.Equal(1, mock.GetMatchCount(route));
    }

    [Theory]
    [InlineData(" ", "public", "SharedMessageId")]
    [InlineData("m1", "", "AccessType")]
    [InlineData("m1", "specified", "SpecifiedAccess")]
    public async Task CreateAsync_names_the_bad_field_without_a_request(string messageId, string accessType, string field)
    {
        var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.ShareLinks.CreateAsync(new CreateShareLinkRequest { SharedMessageId = messageId, AccessType = accessType }));
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_names_a_bad_access_entry()
    {
        var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.ShareLinks.CreateAsync(new CreateShareLinkRequest
        {
            SharedMessageId = "m1",
            AccessType = ShareLinkAccessTypes.Specified,
            SpecifiedAccess = [new ShareLinkAccess { Type = "user", Ids = ["u1"] }, new ShareLinkAccess { Type = "user", Ids = [] }],
        }));
        Assert.Contains("SpecifiedAccess[1]", error.Message, StringComparison.Ordinal);
    }
}
