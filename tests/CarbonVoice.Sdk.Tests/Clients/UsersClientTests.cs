using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Clients;

public sealed class UsersClientTests
{
    private const string Bearer = "Bearer " + TestClients.AccessToken;

    private const string UserJson = """
        {
          "user_guid": "u-123",
          "uuid": "0b7c2b0e-8d0f-4c55-9d1f-6a1a2b3c4d5e",
          "first_name": "Ada",
          "last_name": "Lovelace",
          "email_txt": "ada@example.test",
          "image_url": "https://img.test/ada.png",
          "role": "user",
          "workspace_guids": ["KYbE5xyjBt39", "Zz9876543210"],
          "identities": [
            {"user_guid": "u-123", "provider_email": "ada@example.test", "provider": "google", "provider_uid": "g-1",
             "image_url": null, "first_name": "Ada", "last_name": "Lovelace", "is_verified": "true", "provider_phone": null,
             "last_message_notified": null, "linked_at": "2026-01-01T00:00:00Z"},
            {"user_guid": "u-123", "provider": "phone", "provider_phone": "+15550100", "is_verified": false, "last_message_notified": 1767225600000}
          ],
          "created_by": "admin-1",
          "timezone": "Europe/London"
        }
        """;

    [Fact]
    public async Task WhoAmIAsync_unwraps_the_success_envelope()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        var route = mock.When(HttpMethod.Get, TestClients.Url("whoami"))
            .WithHeaders("Authorization", Bearer)
            .Respond(request =>
            {
                seen = request;
                return JsonResponse(HttpStatusCode.OK, $$"""{"success": true, "user": {{UserJson}}}""");
            });
        using var client = TestClients.Create(mock);

        var user = await client.Users.WhoAmIAsync();

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal(HttpMethod.Get, seen!.Method);
        Assert.Equal("/whoami", seen.RequestUri!.AbsolutePath);
        Assert.Equal(string.Empty, seen.RequestUri.Query);
        AssertUser(user);
    }

    [Fact]
    public async Task WhoAmIAsync_accepts_a_bare_user()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("whoami")).Respond(Json.MediaType, UserJson);
        using var client = TestClients.Create(mock);

        AssertUser(await client.Users.WhoAmIAsync());
    }

    [Fact]
    public async Task WhoAmIAsync_treats_a_200_with_success_false_as_an_error()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("whoami"))
            .Respond(Json.MediaType, """{"success": false, "requestId": "r-7", "errmsg": "Session expired"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAnyAsync<CarbonVoiceException>(() => client.Users.WhoAmIAsync());

        Assert.Equal("r-7", error.RequestId);
        Assert.Equal("Session expired", error.ErrorMessage);
    }

    [Fact]
    public async Task WhoAmIAsync_without_a_user_id_is_a_malformed_response()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("whoami")).Respond(Json.MediaType, """{"success": true, "user": {"first_name": "Ada"}}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Users.WhoAmIAsync());

        Assert.Contains("GET /whoami", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_reads_the_contacts()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        var route = mock.When(HttpMethod.Get, TestClients.Url("users"))
            .WithHeaders("Authorization", Bearer)
            .Respond(request =>
            {
                seen = request;
                return JsonResponse(HttpStatusCode.OK, """
                    [
                      {"user_guid": "u1", "first_name": "Ada", "last_name": "Lovelace", "image_url": "https://img.test/u1.png",
                       "workspace_guids": ["KYbE5xyjBt39"], "languages": ["en", "fr"], "voice_gender": "F", "user_type": "user",
                       "created_at": "2026-01-01T00:00:00.000Z", "last_updated_at": 1770112000000, "is_favorite": true},
                      {"user_guid": "bot1", "first_name": "Helper", "user_type": "bot"}
                    ]
                    """);
            });
        using var client = TestClients.Create(mock);

        var contacts = await client.Users.ListAsync();

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal("/users", seen!.RequestUri!.AbsolutePath);
        Assert.Equal(2, contacts.Count);
        var ada = contacts[0];
        Assert.Equal("u1", ada.Id);
        Assert.Equal("Ada", ada.FirstName);
        Assert.Equal("Lovelace", ada.LastName);
        Assert.Equal("https://img.test/u1.png", ada.ImageUrl);
        Assert.Equal(["KYbE5xyjBt39"], ada.WorkspaceIds!);
        Assert.Equal(["en", "fr"], ada.Languages!);
        Assert.Equal("F", ada.VoiceGender);
        Assert.Equal("user", ada.UserType);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), ada.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770112000000), ada.LastUpdatedAt);
        Assert.True(ada.AdditionalProperties!["is_favorite"].GetBoolean());
        Assert.Equal("bot", contacts[1].UserType);
        Assert.Null(contacts[1].WorkspaceIds);
    }

    [Fact]
    public async Task ListAsync_also_accepts_a_wrapped_array()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("users")).Respond(Json.MediaType, """{"users": [{"user_guid": "u1"}, {"user_guid": "u2"}]}""");
        using var client = TestClients.Create(mock);

        var contacts = await client.Users.ListAsync();

        Assert.Equal(["u1", "u2"], contacts.Select(c => c.Id));
    }

    [Fact]
    public async Task ListLastSeenAsync_reads_iso_and_epoch_timestamps()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        var route = mock.When(HttpMethod.Get, TestClients.Url("users/last-seen"))
            .WithHeaders("Authorization", Bearer)
            .Respond(request =>
            {
                seen = request;
                return JsonResponse(HttpStatusCode.OK, """
                    [{"user_guid": "u1", "last_seen_at": "2026-02-03T09:46:10.492Z", "device": "ios"},
                     {"user_guid": "u2", "last_seen_at": 1770112000},
                     {"user_guid": "u3", "last_seen_at": null}]
                    """);
            });
        using var client = TestClients.Create(mock);

        var seenAt = await client.Users.ListLastSeenAsync();

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal("/users/last-seen", seen!.RequestUri!.AbsolutePath);
        Assert.Equal(3, seenAt.Count);
        Assert.Equal("u1", seenAt[0].UserId);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 9, 46, 10, 492, TimeSpan.Zero), seenAt[0].LastSeenAt);
        Assert.Equal("ios", seenAt[0].AdditionalProperties!["device"].GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1770112000), seenAt[1].LastSeenAt);
        Assert.Null(seenAt[2].LastSeenAt);
    }

    [Fact]
    public async Task A_404_becomes_CarbonVoiceNotFoundException_with_the_request_id()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("users/last-seen"))
            .Respond(HttpStatusCode.NotFound, Json.MediaType, """{"success":false,"requestId":"r-1","errmsg":"Channel not found"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.Users.ListLastSeenAsync());

        Assert.Equal("r-1", error.RequestId);
        Assert.Equal("GET /users/last-seen", error.Endpoint);
    }

    [Fact]
    public async Task A_403_becomes_CarbonVoiceForbiddenException()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("users"))
            .Respond(HttpStatusCode.Forbidden, Json.MediaType, """{"success":false,"requestId":"r-4","errmsg":"Insufficient scope"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.Users.ListAsync());

        Assert.Equal("r-4", error.RequestId);
        Assert.Equal("Insufficient scope", error.ErrorMessage);
    }

    [Fact]
    public async Task A_GET_answered_502_is_retried()
    {
        var mock = new MockHttpMessageHandler();
        var calls = 0;
        var route = mock.When(HttpMethod.Get, TestClients.Url("whoami"))
            .Respond(_ => Interlocked.Increment(ref calls) == 1
                ? JsonResponse(HttpStatusCode.BadGateway, """{"success":false,"requestId":"r-5","errmsg":"Bad gateway"}""")
                : JsonResponse(HttpStatusCode.OK, $$"""{"success": true, "user": {{UserJson}}}"""));
        using var client = TestClients.Create(mock);

        var user = await client.Users.WhoAmIAsync();

        Assert.Equal(2, mock.GetMatchCount(route));
        Assert.Equal("u-123", user.Id);
    }

    private static void AssertUser(User user)
    {
        Assert.Equal("u-123", user.Id);
        Assert.Equal("0b7c2b0e-8d0f-4c55-9d1f-6a1a2b3c4d5e", user.Uuid);
        Assert.Equal("Ada", user.FirstName);
        Assert.Equal("Lovelace", user.LastName);
        Assert.Equal("ada@example.test", user.Email);
        Assert.Equal("https://img.test/ada.png", user.ImageUrl);
        Assert.Equal("user", user.Role);
        Assert.Equal(["KYbE5xyjBt39", "Zz9876543210"], user.WorkspaceIds!);
        Assert.Equal("admin-1", user.CreatedBy);
        Assert.Equal("Europe/London", user.AdditionalProperties!["timezone"].GetString());
        Assert.Equal(2, user.Identities!.Count);
        var google = user.Identities[0];
        Assert.Equal("u-123", google.UserId);
        Assert.Equal("ada@example.test", google.ProviderEmail);
        Assert.Equal("google", google.Provider);
        Assert.Equal("g-1", google.ProviderUid);
        Assert.Null(google.ImageUrl);
        Assert.Equal("Ada", google.FirstName);
        Assert.Equal("Lovelace", google.LastName);
        Assert.True(google.IsVerified);
        Assert.Null(google.ProviderPhone);
        Assert.Null(google.LastMessageNotified);
        Assert.Equal("2026-01-01T00:00:00Z", google.AdditionalProperties!["linked_at"].GetString());
        var phone = user.Identities[1];
        Assert.Equal("+15550100", phone.ProviderPhone);
        Assert.False(phone.IsVerified);
        Assert.Equal("1767225600000", phone.LastMessageNotified);
    }

    private const string ContactsJson = """
        [{"user_guid": "u-2", "first_name": "Grace", "last_name": "Hopper", "image_url": null, "workspace_guids": ["KYbE5xyjBt39"],
          "languages": ["en"], "voice_gender": "F", "created_by": "u-9", "user_type": "bot", "is_allowed_to_receive_notification": true,
          "workspace_roles": [{"workspace_id": "KYbE5xyjBt39", "role": "member", "joined_at": "2026-01-02T00:00:00Z", "sort_order": 2}],
          "created_at": "2026-01-01T00:00:00Z", "last_updated_at": 1767225600000}]
        """;

    [Fact]
    public async Task ListContactsAsync_without_ids_posts_no_body_and_reads_every_contact()
    {
        var mock = new MockHttpMessageHandler();
        HttpContent? content = null;
        mock.Expect(HttpMethod.Post, TestClients.Url("contacts")).WithHeaders("Authorization", Bearer).Respond(request =>
        {
            content = request.Content;
            return JsonResponse(HttpStatusCode.OK, ContactsJson);
        });
        using var client = TestClients.Create(mock);

        var contact = Assert.Single(await client.Users.ListContactsAsync());

        Assert.Null(content);
        Assert.Equal("u-2", contact.Id);
        Assert.Equal("u-9", contact.CreatedBy);
        Assert.Equal("bot", contact.UserType);
        Assert.True(contact.IsAllowedToReceiveNotification);
        var role = Assert.Single(contact.WorkspaceRoles!);
        Assert.Equal(("KYbE5xyjBt39", "member", 2L), (role.WorkspaceId, role.Role, role.SortOrder));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225600000), contact.LastUpdatedAt);
        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task ListContactsAsync_with_ids_posts_user_guids_without_blanks_or_repeats()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.Expect(HttpMethod.Post, TestClients.Url("contacts")).Respond(async request =>
        {
            body = await request.Content!.ReadAsStringAsync();
            return JsonResponse(HttpStatusCode.OK, ContactsJson);
        });
        using var client = TestClients.Create(mock);

        await client.Users.ListContactsAsync(["u-2", "u-2", " ", "u-3"]);

        Assert.Equal("""{"user_guids":["u-2","u-3"]}""", body);
    }

    [Fact]
    public async Task ListContactsAsync_with_an_empty_id_list_sends_nothing()
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond(Json.MediaType, "[]");
        using var client = TestClients.Create(mock);

        Assert.Empty(await client.Users.ListContactsAsync([]));
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    private static HttpResponseMessage JsonResponse(HttpStatusCode status, string json)
        => new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
}
