using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Core;

public sealed class ErrorHandlingTests : IDisposable
{
    private const string Path = "v5/workspaces/w1";
    private const string Endpoint = "GET /v5/workspaces/{id}";
    private readonly MockHttpMessageHandler _mock = new();
    private readonly RecordingHandler _recorder;
    private CarbonVoiceClient? _client;

    public ErrorHandlingTests() => _recorder = new RecordingHandler(_mock);

    private int Sent => _recorder.Count(HttpMethod.Get, Path);

    public void Dispose()
    {
        _client?.Dispose();
        _recorder.Dispose();
    }

    [Theory]
    [InlineData("""{"id": "w1", "name": }""")]
    [InlineData("""{"id":"w1","name":"Ac""")]
    [InlineData("""{"id":"w1",""")]
    [InlineData("""not json""")]
    [InlineData("""{"id": {"value": 12}, "name": "an object where the id string belongs"}""")]
    [InlineData("""{"name": "no id"}""")]
    [InlineData("""[{"id":"w1"}]""")]
    public async Task A_malformed_or_truncated_body_gives_a_clear_error_naming_the_endpoint(string body)
    {
        Answer(HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.Contains(Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Equal(Endpoint, error.Endpoint);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.NotNull(error.ResponseBodyExcerpt);
        Assert.Equal(1, Sent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n ")]
    public async Task An_empty_body_gives_a_clear_error(string body)
    {
        Answer(HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.Contains(Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_200_html_page_gives_a_malformed_response_error()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Responses.Html(HttpStatusCode.OK, "<html><body><h1>Sign in</h1></body></html>"));

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.Contains(Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains("HTML", error.Message, StringComparison.Ordinal);
        Assert.Contains("<h1>Sign in</h1>", error.ResponseBodyExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_502_html_error_page_gives_a_server_error_with_a_bounded_excerpt()
    {
        var page = "<html><head><title>502 Bad Gateway</title></head><body>" + new string('x', 5000) + "</body></html>";
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Responses.Html(HttpStatusCode.BadGateway, page));

        var error = await Assert.ThrowsAsync<CarbonVoiceServerException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains(Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains("502", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("<html><head><title>502 Bad Gateway", error.ResponseBodyExcerpt, StringComparison.Ordinal);
        Assert.InRange(error.ResponseBodyExcerpt!.Length, 1, 520);
    }

    [Fact]
    public async Task Unknown_fields_are_kept()
    {
        Answer(HttpStatusCode.OK, """{"id":"w1","name":"Acme","brand_new_field":{"nested":[1,2]},"flag":true}""");

        var workspace = await Client().Workspaces.GetAsync("w1");

        Assert.Equal("Acme", workspace.Name);
        Assert.NotNull(workspace.AdditionalProperties);
        Assert.Equal(2, workspace.AdditionalProperties["brand_new_field"].GetProperty("nested").GetArrayLength());
        Assert.True(workspace.AdditionalProperties["flag"].GetBoolean());
    }

    [Fact]
    public async Task Missing_optional_fields_are_null()
    {
        Answer(HttpStatusCode.OK, """{"id":"w1"}""");

        var workspace = await Client().Workspaces.GetAsync("w1");

        Assert.Equal("w1", workspace.Id);
        Assert.Null(workspace.Name);
        Assert.Null(workspace.CreatedAt);
        Assert.Null(workspace.OwnerId);
        Assert.Null(workspace.AdditionalProperties);
    }

    [Fact]
    public async Task Explicit_nulls_are_accepted_for_optional_fields()
    {
        Answer(HttpStatusCode.OK, """{"id":"w1","name":null,"created_at":null,"description":null}""");

        var workspace = await Client().Workspaces.GetAsync("w1");

        Assert.Null(workspace.Name);
        Assert.Null(workspace.CreatedAt);
    }

    [Fact]
    public async Task A_200_with_success_false_is_an_error_with_request_id_and_message()
    {
        Answer(HttpStatusCode.OK, """{"success":false,"requestId":"r","errmsg":"nope"}""");

        var error = await Assert.ThrowsAsync<CarbonVoiceException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.Equal("r", error.RequestId);
        Assert.Equal("nope", error.ErrorMessage);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Contains(Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
        Assert.Contains("r", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_200_with_success_true_is_not_an_error()
    {
        Answer(HttpStatusCode.OK, """{"success":true,"workspace":{"id":"w1","name":"Acme"}}""");

        var workspace = await Client().Workspaces.GetAsync("w1");

        Assert.Equal("Acme", workspace.Name);
    }

    [Fact]
    public async Task A_nestjs_validation_body_gives_a_validation_error_with_the_joined_messages()
    {
        Answer(HttpStatusCode.BadRequest, """{"statusCode":400,"message":["conversation_id should not be empty","message_ids must be an array"],"error":"Bad Request"}""");

        var error = await Assert.ThrowsAsync<CarbonVoiceValidationException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("conversation_id should not be empty; message_ids must be an array", error.ErrorMessage);
        Assert.Contains("conversation_id should not be empty; message_ids must be an array", error.Message, StringComparison.Ordinal);
        Assert.Contains(Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public async Task A_nestjs_validation_body_with_a_single_message_is_read()
    {
        Answer(HttpStatusCode.BadRequest, """{"statusCode":400,"message":"conversation_id should not be empty","error":"Bad Request"}""");

        var error = await Assert.ThrowsAsync<CarbonVoiceValidationException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.Equal("conversation_id should not be empty", error.ErrorMessage);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, typeof(CarbonVoiceNotFoundException))]
    [InlineData(HttpStatusCode.Forbidden, typeof(CarbonVoiceForbiddenException))]
    [InlineData(HttpStatusCode.InternalServerError, typeof(CarbonVoiceServerException))]
    [InlineData(HttpStatusCode.Conflict, typeof(CarbonVoiceValidationException))]
    [InlineData(HttpStatusCode.UnprocessableEntity, typeof(CarbonVoiceValidationException))]
    [InlineData(HttpStatusCode.Unauthorized, typeof(CarbonVoiceAuthenticationException))]
    [InlineData(HttpStatusCode.Gone, typeof(CarbonVoiceException))]
    public async Task Error_statuses_map_to_typed_exceptions_that_name_the_endpoint(HttpStatusCode status, Type expected)
    {
        Answer(status, """{"success":false,"requestId":"req-9","errmsg":"it failed"}""");

        var error = await Assert.ThrowsAnyAsync<CarbonVoiceException>(() => Client(o => o.MaxRetryAttempts = 0).Workspaces.GetAsync("w1"));

        Assert.IsType(expected, error);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("req-9", error.RequestId);
        Assert.Equal("it failed", error.ErrorMessage);
        Assert.Equal(Endpoint, error.Endpoint);
        Assert.Contains(Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_id_header_is_used_when_the_body_has_none()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Responses.Json(HttpStatusCode.NotFound, """{"errmsg":"gone"}""", ("x-request-id", "hdr-1")));

        var error = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.Equal("hdr-1", error.RequestId);
    }

    [Fact]
    public async Task The_body_excerpt_is_bounded_and_credentials_are_redacted()
    {
        var body = $$"""{"success":false,"requestId":"r1","errmsg":"bad token at-secret-value","access_token":"at-secret-value","refresh_token":"rt-secret-value","padding":"{{new string('p', 4000)}}"}""";
        Answer(HttpStatusCode.BadRequest, body);

        var error = await Assert.ThrowsAsync<CarbonVoiceValidationException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.NotNull(error.ResponseBodyExcerpt);
        Assert.InRange(error.ResponseBodyExcerpt.Length, 1, 520);
        Assert.DoesNotContain("\"access_token\":\"at-secret-value\"", error.ResponseBodyExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("rt-secret-value", error.ResponseBodyExcerpt, StringComparison.Ordinal);
        Assert.Contains("\"access_token\":\"***\"", error.ResponseBodyExcerpt, StringComparison.Ordinal);
        Assert.InRange(error.Message.Length, 1, 700);
    }

    [Fact]
    public async Task Jwt_and_pat_shaped_values_are_redacted_from_messages_and_excerpts()
    {
        var jwt = TokenJson.Jwt(DateTimeOffset.UnixEpoch.AddYears(60));
        Answer(HttpStatusCode.NotFound, $$"""{"success":false,"errmsg":"no workspace for {{jwt}} or cv_pat_abcdef123"}""");

        var error = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => Client().Workspaces.GetAsync("w1"));

        Assert.DoesNotContain(jwt, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cv_pat_abcdef123", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(jwt, error.ResponseBodyExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("cv_pat_abcdef123", error.ResponseBodyExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_503_on_a_get_is_retried()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(
            () => Responses.Json(HttpStatusCode.ServiceUnavailable, """{"success":false,"errmsg":"busy"}"""),
            () => Responses.Json(HttpStatusCode.OK, """{"id":"w1"}""")));

        var workspace = await Client().Workspaces.GetAsync("w1");

        Assert.Equal("w1", workspace.Id);
        Assert.Equal(2, Sent);
    }

    [Fact]
    public async Task Persistent_5xx_on_a_get_is_retried_up_to_the_bound_then_surfaces()
    {
        Answer(HttpStatusCode.InternalServerError, """{"success":false,"errmsg":"boom"}""");

        var error = await Assert.ThrowsAsync<CarbonVoiceServerException>(() => Client(o => o.MaxRetryAttempts = 2).Workspaces.GetAsync("w1"));

        Assert.Equal(3, Sent);
        Assert.Equal("boom", error.ErrorMessage);
    }

    [Fact]
    public async Task A_503_on_a_create_is_not_retried()
    {
        _mock.When(HttpMethod.Post, TestClients.Url("v3/workspace")).Respond(HttpStatusCode.ServiceUnavailable, Json.MediaType, """{"success":false,"errmsg":"busy"}""");

        await Assert.ThrowsAsync<CarbonVoiceServerException>(() => Client().Workspaces.CreateAsync(new CreateWorkspaceRequest { Name = "New" }));

        Assert.Equal(1, _recorder.Count(HttpMethod.Post, "v3/workspace"));
    }

    [Fact]
    public async Task A_connection_failure_on_a_get_is_retried_then_surfaces_as_a_transport_error()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Throw(new HttpRequestException("Connection refused"));

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => Client(o => o.MaxRetryAttempts = 3).Workspaces.GetAsync("w1"));

        Assert.Equal(4, Sent);
        Assert.Contains(Endpoint, error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task A_connection_failure_followed_by_success_is_transparent()
    {
        var attempts = 0;
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Interlocked.Increment(ref attempts) == 1
            ? throw new HttpRequestException("Connection reset")
            : Responses.Json(HttpStatusCode.OK, """{"id":"w1"}"""));

        var workspace = await Client().Workspaces.GetAsync("w1");

        Assert.Equal("w1", workspace.Id);
        Assert.Equal(2, Sent);
    }

    [Fact]
    public async Task A_connection_failure_on_a_create_is_not_retried()
    {
        _mock.When(HttpMethod.Post, TestClients.Url("v3/workspace")).Throw(new HttpRequestException("Connection reset"));

        await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => Client().Workspaces.CreateAsync(new CreateWorkspaceRequest { Name = "New" }));

        Assert.Equal(1, _recorder.Count(HttpMethod.Post, "v3/workspace"));
    }

    [Fact]
    public async Task Attempts_that_hang_time_out_and_surface_as_a_transport_error()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var hanging = new HangingHandler();
        using var client = new CarbonVoiceClient(
            TestClients.Options(o =>
            {
                o.Timeout = TimeSpan.FromSeconds(20);
                o.AttemptTimeout = TimeSpan.FromSeconds(2);
                o.MaxRetryAttempts = 1;
            }),
            new StaticAccessTokenProvider(TestClients.AccessToken),
            hanging,
            timeProvider: time);

        var call = client.Workspaces.GetAsync("w1");
        await TimeDriver.YieldUntilAsync(() => hanging.Attempts == 1, "the first attempt");
        time.Advance(TimeSpan.FromSeconds(2));
        await TimeDriver.YieldUntilAsync(() => hanging.Attempts == 2, "the retry after the first attempt timed out");
        time.Advance(TimeSpan.FromSeconds(2));
        await TimeDriver.EnsureCompletedAsync(call);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => call);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Contains(Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, hanging.Attempts);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_an_sdk_error()
    {
        using var hanging = new HangingHandler();
        using var client = new CarbonVoiceClient(TestClients.Options(), new StaticAccessTokenProvider(TestClients.AccessToken), hanging);
        using var cts = new CancellationTokenSource();

        var call = client.Workspaces.GetAsync("w1", cts.Token);
        await TimeDriver.YieldUntilAsync(() => hanging.Attempts == 1, "the request to be sent");
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private void Answer(HttpStatusCode status, string body)
        => _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(status, Json.MediaType, body);

    private CarbonVoiceClient Client(Action<CarbonVoiceOptions>? configure = null)
    {
        _client = new CarbonVoiceClient(TestClients.Options(configure), new StaticAccessTokenProvider(TestClients.AccessToken), _recorder);
        return _client;
    }
}
