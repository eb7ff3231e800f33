using System.Net;
using System.Text.Json;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Clients;

public sealed class CarbonLinksClientTests
{
    private const string Bearer = "Bearer " + TestClients.AccessToken;

    private const string LinkJson = """
        {"id": "cl-1", "link": "https://cv.test/l/acme-sales", "type": "website", "name": "Sales line",
         "workspace_id": "KYbE5xyjBt39", "channel_id": "CH0123456789abcd", "owner_id": "u-123",
         "created_at": "2026-02-03T09:46:10.492Z", "visits": 0}
        """;

    [Fact]
    public async Task CreateAsync_posts_the_request_and_reads_the_link()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        HttpRequestMessage? seen = null;
        var route = mock.When(HttpMethod.Post, TestClients.Url("carbonlink/create"))
            .WithHeaders("Authorization", Bearer)
            .Respond(async request =>
            {
                seen = request;
                body = await request.Content!.ReadAsStringAsync();
                return JsonResponse(HttpStatusCode.Created, LinkJson);
            });
        using var client = TestClients.Create(mock);

        var link = await client.CarbonLinks.CreateAsync(new CreateCarbonLinkRequest
        {
            WorkspaceId = "KYbE5xyjBt39",
            Type = CarbonLinkTypes.Website,
            Name = "Sales line",
            ChannelId = "CH0123456789abcd",
        });

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal(HttpMethod.Post, seen!.Method);
        Assert.Equal("/carbonlink/create", seen.RequestUri!.AbsolutePath);
        Assert.Equal("application/json", seen.Content!.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(body!);
        Assert.Equal("KYbE5xyjBt39", json.RootElement.GetProperty("workspace_id").GetString());
        Assert.Equal("website", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("Sales line", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("CH0123456789abcd", json.RootElement.GetProperty("channel_id").GetString());
        Assert.Equal(4, json.RootElement.EnumerateObject().Count());

        Assert.Equal("cl-1", link.Id);
        Assert.Equal("https://cv.test/l/acme-sales", link.Link);
        Assert.Equal(CarbonLinkTypes.Website, link.Type);
        Assert.Equal("Sales line", link.Name);
        Assert.Equal("KYbE5xyjBt39", link.WorkspaceId);
        Assert.Equal("CH0123456789abcd", link.ChannelId);
        Assert.Equal("u-123", link.OwnerId);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 9, 46, 10, 492, TimeSpan.Zero), link.CreatedAt);
        Assert.Equal(0, link.AdditionalProperties!["visits"].GetInt32());
    }

    [Fact]
    public async Task CreateAsync_leaves_out_unset_optional_fields()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When(HttpMethod.Post, TestClients.Url("carbonlink/create"))
            .Respond(async request =>
            {
                body = await request.Content!.ReadAsStringAsync();
                return JsonResponse(HttpStatusCode.Created, """{"id": "cl-2", "link": "https://cv.test/l/2", "type": "qr_code", "created_at": 1770112000000}""");
            });
        using var client = TestClients.Create(mock);

        var link = await client.CarbonLinks.CreateAsync(new CreateCarbonLinkRequest { WorkspaceId = "w1", Type = CarbonLinkTypes.QrCode });

        Assert.Equal("""{"workspace_id":"w1","type":"qr_code"}""", body);
        Assert.Equal("qr_code", link.Type);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770112000000), link.CreatedAt);
    }

    [Fact]
    public async Task CreatePersonalAsync_posts_the_name()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        var route = mock.When(HttpMethod.Post, TestClients.Url("carbonlink/personal"))
            .WithHeaders("Authorization", Bearer)
            .Respond(async request =>
            {
                body = await request.Content!.ReadAsStringAsync();
                return JsonResponse(HttpStatusCode.Created, """{"id": "cl-p", "link": "https://cv.test/ada", "type": "website", "name": "Ada", "owner_id": "u-123", "created_at": "2026-01-01T00:00:00Z"}""");
            });
        using var client = TestClients.Create(mock);

        var link = await client.CarbonLinks.CreatePersonalAsync(new CreatePersonalCarbonLinkRequest { Name = "Ada" });

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal("""{"name":"Ada"}""", body);
        Assert.Equal("cl-p", link.Id);
        Assert.Equal("https://cv.test/ada", link.Link);
        Assert.Equal("u-123", link.OwnerId);
        Assert.Null(link.WorkspaceId);
    }

    [Fact]
    public async Task CreatePersonalAsync_without_a_request_sends_an_empty_object()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When(HttpMethod.Post, TestClients.Url("carbonlink/personal"))
            .Respond(async request =>
            {
                body = await request.Content!.ReadAsStringAsync();
                return JsonResponse(HttpStatusCode.Created, """{"carbonlink": {"id": "cl-p", "link": "https://cv.test/ada"}}""");
            });
        using var client = TestClients.Create(mock);

        var link = await client.CarbonLinks.CreatePersonalAsync();

        Assert.Equal("{}", body);
        Assert.Equal("cl-p", link.Id);
    }

    [Fact]
    public async Task Invalid_requests_throw_before_any_call()
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond(Json.MediaType, "{}");
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.CarbonLinks.CreateAsync(null!));
        var blankWorkspace = await Assert.ThrowsAsync<ArgumentException>(() => client.CarbonLinks.CreateAsync(new CreateCarbonLinkRequest { WorkspaceId = " ", Type = "website" }));
        Assert.Equal("request", blankWorkspace.ParamName);
        Assert.Contains("WorkspaceId", blankWorkspace.Message, StringComparison.Ordinal);
        var nullType = await Assert.ThrowsAsync<ArgumentException>(() => client.CarbonLinks.CreateAsync(new CreateCarbonLinkRequest { WorkspaceId = "w1", Type = null! }));
        Assert.Contains("Type", nullType.Message, StringComparison.Ordinal);
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    [Fact]
    public async Task A_create_answered_502_is_not_retried()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Post, TestClients.Url("carbonlink/create"))
            .Respond(HttpStatusCode.BadGateway, Json.MediaType, """{"success":false,"requestId":"r-5","errmsg":"Bad gateway"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceServerException>(() => client.CarbonLinks.CreateAsync(new CreateCarbonLinkRequest { WorkspaceId = "w1", Type = "website" }));

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal("r-5", error.RequestId);
        Assert.Equal("POST /carbonlink/create", error.Endpoint);
    }

    [Fact]
    public async Task A_personal_create_answered_502_is_not_retried()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Post, TestClients.Url("carbonlink/personal"))
            .Respond(HttpStatusCode.BadGateway, Json.MediaType, """{"success":false,"requestId":"r-6","errmsg":"Bad gateway"}""");
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<CarbonVoiceServerException>(() => client.CarbonLinks.CreatePersonalAsync());

        Assert.Equal(1, mock.GetMatchCount(route));
    }

    [Fact]
    public async Task A_404_becomes_CarbonVoiceNotFoundException_with_the_request_id()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.Url("carbonlink/create"))
            .Respond(HttpStatusCode.NotFound, Json.MediaType, """{"success":false,"requestId":"r-1","errmsg":"Channel not found"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.CarbonLinks.CreateAsync(new CreateCarbonLinkRequest { WorkspaceId = "w1", Type = "website", ChannelId = "nope" }));

        Assert.Equal("r-1", error.RequestId);
        Assert.Equal("Channel not found", error.ErrorMessage);
    }

    [Fact]
    public async Task A_403_becomes_CarbonVoiceForbiddenException()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.Url("carbonlink/create"))
            .Respond(HttpStatusCode.Forbidden, Json.MediaType, """{"success":false,"requestId":"r-3","errmsg":"Only admins can create links"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.CarbonLinks.CreateAsync(new CreateCarbonLinkRequest { WorkspaceId = "w1", Type = "website" }));

        Assert.Equal("r-3", error.RequestId);
    }

    private static HttpResponseMessage JsonResponse(HttpStatusCode status, string json)
        => new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
}
