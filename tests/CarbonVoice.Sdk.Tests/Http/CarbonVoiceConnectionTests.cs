using System.Net;
using System.Text;
using CarbonVoice.Sdk.Internal;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>
/// How the connection sends an API request (address, headers) and reads its answer: unwrapping, what counts as an HTML
/// page or an undecoded body, what a malformed body's error says, and that an answer it does not hand on is disposed.
/// </summary>
public sealed class CarbonVoiceConnectionTests : IDisposable
{
    private const string Path = "v5/workspaces/w1";
    private const string Endpoint = "GET /v5/workspaces/{id}";
    private readonly MockHttpMessageHandler _mock = new();
    private CarbonVoiceClient? _client;

    public void Dispose()
    {
        _client?.Dispose();
        _mock.Dispose();
    }

    [Fact]
    public async Task Each_request_carries_the_configured_user_agent_and_accepts_json()
    {
        HttpRequestMessage? seen = null;
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(request =>
        {
            seen = request;
            return Responses.Json(HttpStatusCode.OK, """{"id":"w1"}""");
        });

        await Client(o => o.UserAgent = "AcmeSync/2.1").Workspaces.GetAsync("w1");

        Assert.Equal("AcmeSync/2.1", seen!.Headers.UserAgent.ToString());
        Assert.Equal("application/json", seen.Headers.Accept.ToString());
    }

    [Theory]
    [InlineData("https://gateway.test/carbon")]
    [InlineData("https://gateway.test/carbon/")]
    public async Task A_base_address_is_a_folder_whether_or_not_it_ends_with_a_slash(string baseAddress)
    {
        var route = _mock.When(HttpMethod.Get, "https://gateway.test/carbon/v5/workspaces/w1").Respond(Json.MediaType, """{"id":"w1"}""");

        await Client(o => o.BaseAddress = new Uri(baseAddress)).Workspaces.GetAsync("w1");

        Assert.Equal(1, _mock.GetMatchCount(route));
    }

    [Fact]
    public async Task A_json_route_answering_text_html_is_an_html_page_even_without_a_tag()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Responses.Html(HttpStatusCode.OK, "Please sign in to continue"));

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.Equal($"Carbon Voice {Endpoint} answered 200 with an HTML page instead of JSON; the response could not be read.", error.Message);
        Assert.Equal("Please sign in to continue", error.ResponseBodyExcerpt);
    }

    [Fact]
    public async Task A_long_malformed_body_is_quoted_up_to_the_excerpt_length()
    {
        var page = "<html>" + string.Concat(Enumerable.Range(0, 400).Select(i => i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))) + "</html>";
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Responses.Html(HttpStatusCode.OK, page));

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.Equal(page[..Redactor.MaxExcerptLength] + "…", error.ResponseBodyExcerpt);
    }

    [Fact]
    public async Task Broken_json_says_where_it_broke()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Json.MediaType, """{"id":"w1","name":"Acme""");

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.StartsWith($"Carbon Voice {Endpoint} answered 200 with malformed or truncated JSON at byte ", error.Message, StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(error.InnerException, exactMatch: false);
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("identity, br", "br")]
    [InlineData("gzip, deflate", "gzip, deflate")]
    public async Task A_body_still_encoded_says_the_handler_did_not_decompress_it(string codings, string named)
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Encoded(HttpStatusCode.OK, codings));

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.Contains($"a {named}-encoded body that the HTTP handler did not decompress", error.Message, StringComparison.Ordinal);
        Assert.Empty(error.ResponseBodyExcerpt ?? string.Empty);
    }

    [Fact]
    public async Task An_identity_coding_is_no_encoding()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ =>
        {
            var response = Responses.Json(HttpStatusCode.OK, """{"id":"w1","name":"Acme"}""");
            response.Content.Headers.ContentEncoding.Add("identity");
            return response;
        });

        var workspace = await Client().Workspaces.GetAsync("w1");

        Assert.Equal("Acme", workspace.Name);
    }

    [Fact]
    public async Task An_encoded_error_answer_is_still_the_typed_error_of_its_status()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Encoded(HttpStatusCode.NotFound, "gzip"));

        var error = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.Equal(Endpoint, error.Endpoint);
        Assert.Null(error.ResponseBodyExcerpt);
    }

    [Fact]
    public async Task An_error_answer_is_disposed_once_it_is_mapped()
    {
        HttpResponseMessage? answer = null;
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => answer = Responses.Json(HttpStatusCode.NotFound, """{"errmsg":"gone"}"""));

        await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => Client().Workspaces.GetAsync("w1"));

        var pooled = Assert.IsType<PooledBodyContent>(answer!.Content);
        Assert.Throws<ObjectDisposedException>(() => pooled.Memory);
    }

    [Fact]
    public async Task An_attempt_cancelled_by_something_other_than_the_caller_is_a_timeout()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Throw(new TaskCanceledException("The operation was canceled."));

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.Equal($"Carbon Voice {Endpoint} timed out.", error.Message);
        Assert.IsType<TaskCanceledException>(error.InnerException);
    }

    [Fact]
    public void A_wrapped_object_is_read_from_its_wrapper()
    {
        var workspace = CarbonVoiceConnection.Deserialize(Endpoint, Bytes("""{"success":true,"workspace":{"id":"w2","name":"Inner"}}"""), CarbonVoiceJsonContext.Default.Workspace, "workspace");

        Assert.Equal("Inner", workspace.Name);
    }

    [Fact]
    public void An_object_with_its_own_id_is_read_whole_even_when_it_has_a_property_named_like_the_wrapper()
    {
        var workspace = CarbonVoiceConnection.Deserialize(Endpoint, Bytes("""{"id":"w1","name":"Root","workspace":{"id":"w2","name":"Inner"}}"""), CarbonVoiceJsonContext.Default.Workspace, "workspace");

        Assert.Equal("w1", workspace.Id);
        Assert.Equal("Root", workspace.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("workspace")]
    public void A_json_null_is_a_malformed_answer(string? wrapper)
    {
        var error = Assert.Throws<CarbonVoiceMalformedResponseException>(() => CarbonVoiceConnection.Deserialize(Endpoint, Bytes("null"), CarbonVoiceJsonContext.Default.Workspace, wrapper));

        Assert.Equal($"Carbon Voice {Endpoint} answered 200 with null; the response could not be read.", error.Message);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static HttpResponseMessage Encoded(HttpStatusCode status, string codings)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var coding in codings.Split(", "))
        {
            response.Content.Headers.ContentEncoding.Add(coding);
        }

        return response;
    }

    private CarbonVoiceClient Client(Action<CarbonVoiceOptions>? configure = null)
    {
        _client = TestClients.Create(_mock, configure);
        return _client;
    }
}
