using System.Net;
using System.Net.Http.Headers;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Clients;

/// <summary>
/// The download of a signed URL: a plain GET of a file host, never with a Carbon Voice credential, size-limited, and the
/// URL's query (its signature) in no log, no exception and no rate-limit state.
/// </summary>
public sealed class AttachmentDownloadTests
{
    private const string Signature = "sig-fedcba9876543210";
    private static readonly Uri Signed = new("https://files.test/a1/notes.txt?X-Amz-Expires=900&X-Amz-Signature=" + Signature);

    [Fact]
    public async Task It_sends_no_credential_and_returns_the_bytes_and_type()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        mock.When(HttpMethod.Get, "https://files.test/a1/notes.txt").Respond(request =>
        {
            seen = request;
            return Responses.Create(HttpStatusCode.OK, "hello file", "text/plain", []);
        });
        using var client = TestClients.Create(mock, o => { o.AuthenticationMode = CarbonVoiceAuthenticationMode.OAuth; });

        var download = await client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 1024);

        Assert.Equal("hello file", System.Text.Encoding.UTF8.GetString(download.Content.Span));
        Assert.Equal("text/plain", download.MediaType);
        Assert.Equal("utf-8", download.CharSet);
        Assert.Null(seen!.Headers.Authorization);
        Assert.False(seen.Headers.Contains("x-api-key"));
        Assert.Equal(Signed, seen.RequestUri);
        Assert.Contains(seen.Headers.Accept, a => a.MediaType == "*/*");
    }

    [Fact]
    public async Task In_api_key_mode_the_key_is_not_sent_either()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        mock.When(HttpMethod.Get, "https://files.test/a1/notes.txt").Respond(request =>
        {
            seen = request;
            return Responses.Create(HttpStatusCode.OK, "x", "text/plain", []);
        });
        using var client = new CarbonVoiceClient(
            TestClients.Options(o => { o.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey; o.ApiKey = "key-1234567890"; }),
            primaryHandler: mock);

        await client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 10);

        Assert.False(seen!.Headers.Contains("x-api-key"));
        Assert.Null(seen.Headers.Authorization);
    }

    [Fact]
    public async Task An_announced_size_over_the_limit_is_refused_before_reading()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, "https://files.test/a1/notes.txt").Respond(_ => Responses.Create(HttpStatusCode.OK, new string('x', 5000), "text/plain", []));
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceContentTooLargeException>(() => client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 4096));

        Assert.Equal(4096, error.MaxBytes);
        Assert.Equal(5000, error.ContentLength);
        Assert.Equal("The attachment download announced 5000 bytes, more than the limit of 4096; nothing more was read.", error.Message);
        Assert.DoesNotContain(Signature, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_length_is_cut_at_the_limit_and_not_retried()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, "https://files.test/a1/notes.txt").Respond(_ =>
        {
            var content = new StreamContent(new UnannouncedStream(new byte[10_000]));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceContentTooLargeException>(() => client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 9_999));

        Assert.Null(error.ContentLength);
        Assert.Equal("The attachment download sent more than the limit of 9999 bytes; nothing more was read.", error.Message);
        Assert.Equal(1, mock.GetMatchCount(route));
    }

    [Fact]
    public async Task A_body_at_the_limit_is_read_whole()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, "https://files.test/a1/notes.txt").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new UnannouncedStream(new byte[200_000])) });
        using var client = TestClients.Create(mock);

        var download = await client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 200_000);

        Assert.Equal(200_000, download.Length);
    }

    [Fact]
    public async Task An_expired_url_is_forbidden_and_the_hosts_body_is_not_quoted()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, "https://files.test/a1/notes.txt").Respond(_ => Responses.Create(
            HttpStatusCode.Forbidden, $"<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>{Signature}</SignatureProvided></Error>", "application/xml", []));
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 100));

        Assert.DoesNotContain(Signature, error.ToString(), StringComparison.Ordinal);
        Assert.Null(error.ResponseBodyExcerpt);
    }

    [Fact]
    public async Task A_transient_fault_is_retried()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, "https://files.test/a1/notes.txt").Respond(Responses.Sequence(
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            () => Responses.Create(HttpStatusCode.OK, "ok", "text/plain", [])));
        using var client = TestClients.Create(mock);

        var download = await client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 100);

        Assert.Equal(2, mock.GetMatchCount(route));
        Assert.Equal(2, download.Length);
    }

    [Fact]
    public async Task A_file_hosts_rate_limit_headers_do_not_touch_the_connections_state()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("whoami")).Respond(_ => Responses.Json(HttpStatusCode.OK, """{"user": {"user_guid": "u1"}}""", ("X-RateLimit-Limit", "100"), ("X-RateLimit-Remaining", "99"), ("X-RateLimit-Reset", "60")));
        mock.When(HttpMethod.Get, "https://files.test/a1/notes.txt").Respond(_ => Responses.Create(HttpStatusCode.OK, "x", "text/plain", [("X-RateLimit-Limit", "5"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "3600")]));
        using var client = TestClients.Create(mock);

        await client.Users.WhoAmIAsync();
        await client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 100);

        Assert.Equal(99, client.RateLimit!.Remaining);
        await client.Users.WhoAmIAsync();
    }

    [Fact]
    public async Task A_final_address_of_another_scheme_is_refused()
    {
        using var handler = new RedirectingHandler(new Uri("file:///etc/passwd"));
        using var client = new CarbonVoiceClient(TestClients.Options(), new StaticAccessTokenProvider(TestClients.AccessToken), handler);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 100));

        Assert.Contains("file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://files.test/a1")]
    [InlineData("/relative/a1")]
    public async Task A_url_that_is_not_absolute_http_is_refused_without_a_request(string url)
    {
        var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Attachments.DownloadAsync(new AttachmentDownloadUrl { AttachmentId = "a1", Url = new Uri(url, UriKind.RelativeOrAbsolute) }, 100));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 0));
    }

    [Fact]
    public async Task Neither_logs_nor_errors_carry_the_signature()
    {
        using var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace));
        var collector = new FakeLogCollector();
        loggers.AddProvider(new FakeLoggerProvider(collector));
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("attachments/signedurl/a1")).Respond(_ => Responses.Create(HttpStatusCode.OK, Signed.AbsoluteUri, "text/html", []));
        mock.When(HttpMethod.Get, "https://files.test/a1/notes.txt").Respond(Responses.Sequence(
            () => Responses.Create(HttpStatusCode.OK, "ok", "text/plain", []),
            () => throw new HttpRequestException("connection refused (files.test:443)")));
        using var client = new CarbonVoiceClient(TestClients.Options(o => o.MaxRetryAttempts = 0), new StaticAccessTokenProvider(TestClients.AccessToken), mock, loggerFactory: loggers);

        var url = await client.Attachments.GetDownloadUrlAsync("a1");
        await client.Attachments.DownloadAsync(url, 100);
        var failure = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => client.Attachments.DownloadAsync(url, 100));

        Assert.NotEmpty(collector.GetSnapshot());
        Assert.All(collector.GetSnapshot(), record =>
        {
            Assert.DoesNotContain(Signature, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Signature, record.Exception?.ToString() ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain(Signature, string.Join(";", record.StructuredState?.Select(p => p.Value) ?? []), StringComparison.Ordinal);
        });
        Assert.DoesNotContain(Signature, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_breaks_off_is_a_transport_error_of_the_status_it_came_with()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, "https://files.test/a1/notes.txt").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream(new byte[10_000], 4000)) });
        using var client = TestClients.Create(mock, o => o.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 100_000));

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("GET {signed attachment URL}", error.Endpoint);
        Assert.Equal("The attachment download answered 200 but the connection failed before its body was read: The connection was reset.", error.Message);
    }

    [Fact]
    public async Task A_connection_failure_says_what_failed_but_not_where()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, "https://files.test/a1/notes.txt").Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (files.test:443)"));
        using var client = TestClients.Create(mock, o => o.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 100));

        Assert.Equal("The attachment download failed without a response (ConnectionError).", error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_cancellation_the_caller_did_not_ask_for_is_a_timeout()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, "https://files.test/a1/notes.txt").Throw(new TaskCanceledException("cancelled below"));
        using var client = TestClients.Create(mock, o => o.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 100));

        Assert.Equal("The attachment download timed out.", error.Message);
    }

    [Fact]
    public async Task An_attempt_that_hangs_times_out()
    {
        var time = new TrackingTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var hanging = new HangingHandler();
        using var hangingClient = new CarbonVoiceClient(
            TestClients.Options(o => (o.Timeout, o.AttemptTimeout, o.MaxRetryAttempts) = (TimeSpan.FromHours(1), TimeSpan.FromSeconds(2), 0)),
            new StaticAccessTokenProvider(TestClients.AccessToken),
            hanging,
            timeProvider: time);

        var call = hangingClient.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 100);
        await time.AdvanceUntilCompletedAsync((Task)call);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => call);
        Assert.Equal("The attachment download timed out.", error.Message);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 2, TimeSpan.Zero), time.GetUtcNow());
    }

    [Fact]
    public async Task A_download_the_caller_cancelled_stays_a_cancellation()
    {
        using var hanging = new HangingHandler();
        using var client = new CarbonVoiceClient(TestClients.Options(), new StaticAccessTokenProvider(TestClients.AccessToken), hanging);
        using var cts = new CancellationTokenSource();

        var call = client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 100, cts.Token);
        await TimeDriver.YieldUntilAsync(() => hanging.Attempts == 1, "the download to be sent");
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>A body that breaks off after <c>failAfter</c> bytes, like a reset connection.</summary>
    private sealed class BreakingStream(byte[] bytes, int failAfter) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => Position >= failAfter
                ? throw new IOException("The connection was reset.")
                : base.ReadAsync(buffer[..Math.Min(buffer.Length, failAfter - (int)Position)], cancellationToken);
    }

    /// <summary>A stream whose length is not known, so the content announces none.</summary>
    private sealed class UnannouncedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A transport that answers as if it had followed a redirect to <paramref name="final"/>.</summary>
    private sealed class RedirectingHandler(Uri final) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("root:x:0:0"),
                RequestMessage = new HttpRequestMessage(HttpMethod.Get, final),
            });
    }
}
