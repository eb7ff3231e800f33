using System.Net;
using CarbonVoice.Sdk.Internal;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>The credential of a request: never sent without one, a 401 refreshed and retried once, every answer not handed on disposed.</summary>
public sealed class AuthenticationHandlerTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public async Task In_api_key_mode_without_a_key_nothing_is_sent(string? key)
    {
        var transport = new StubTransport(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using var invoker = Invoker(null, transport, o => { o.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey; o.ApiKey = key; });

        var error = await Assert.ThrowsAsync<CarbonVoiceAuthenticationException>(() => SendAsync(invoker));

        Assert.Contains("No Carbon Voice API key is configured", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, transport.Sent);
    }

    [Fact]
    public async Task Without_a_token_provider_nothing_is_sent()
    {
        var transport = new StubTransport(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using var invoker = Invoker(null, transport);

        var error = await Assert.ThrowsAsync<CarbonVoiceAuthenticationException>(() => SendAsync(invoker));

        Assert.Contains("No access token provider is configured", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, transport.Sent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task An_empty_token_is_never_sent(string token)
    {
        var transport = new StubTransport(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using var invoker = Invoker(new Tokens(token), transport);

        var error = await Assert.ThrowsAsync<CarbonVoiceAuthenticationException>(() => SendAsync(invoker, "conn-7"));

        Assert.Contains("No access token is available for connection 'conn-7'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, transport.Sent);
    }

    [Fact]
    public async Task A_401_is_retried_once_with_the_refreshed_token_and_its_answer_disposed()
    {
        var first = TrackedContent.Text("""{"errmsg":"expired"}""");
        var transport = new StubTransport(request => request.Headers.Authorization?.Parameter == "old"
            ? Tracked.Response(HttpStatusCode.Unauthorized, first)
            : new HttpResponseMessage(HttpStatusCode.OK));
        var tokens = new Tokens("old", refreshed: "new");
        using var invoker = Invoker(tokens, transport);

        using var response = await SendAsync(invoker);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Bearer old", "Bearer new"], transport.Authorizations);
        Assert.True(first.Disposed);
    }

    [Fact]
    public async Task A_401_whose_refresh_fails_surfaces_the_failure_and_disposes_the_answer()
    {
        var first = TrackedContent.Text("""{"errmsg":"expired"}""");
        var transport = new StubTransport(_ => Tracked.Response(HttpStatusCode.Unauthorized, first));
        var tokens = new Tokens("old", refreshFailure: new CarbonVoiceTokenExpiredException("The refresh token was refused."));
        using var invoker = Invoker(tokens, transport);

        await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => SendAsync(invoker));

        Assert.Equal(1, transport.Sent);
        Assert.True(first.Disposed);
    }

    [Fact]
    public async Task A_401_refreshed_to_the_same_token_is_handed_on_as_it_is()
    {
        var first = TrackedContent.Text("""{"errmsg":"expired"}""");
        var transport = new StubTransport(_ => Tracked.Response(HttpStatusCode.Unauthorized, first));
        using var invoker = Invoker(new Tokens("same", refreshed: "same"), transport);

        using var response = await SendAsync(invoker);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, transport.Sent);
        Assert.False(first.Disposed);
    }

    [Fact]
    public async Task The_retry_after_a_401_is_logged()
    {
        var transport = new StubTransport(request => new HttpResponseMessage(request.Headers.Authorization?.Parameter == "old" ? HttpStatusCode.Unauthorized : HttpStatusCode.OK));
        var logger = new FakeLogger<AuthenticationHandler>();
        using var invoker = Invoker(new Tokens("old", refreshed: "new"), transport, logger: logger);

        using var response = await SendAsync(invoker, "conn-3");

        var record = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("401", record.Message, StringComparison.Ordinal);
        Assert.Contains("conn-3", record.Message, StringComparison.Ordinal);
    }

    private static HttpMessageInvoker Invoker(IAccessTokenProvider? tokens, HttpMessageHandler transport, Action<CarbonVoiceOptions>? configure = null, ILogger<AuthenticationHandler>? logger = null)
        => new(new AuthenticationHandler(tokens, new StaticOptionsMonitor<CarbonVoiceOptions>(TestClients.Options(configure)), logger) { InnerHandler = transport });

    private static Task<HttpResponseMessage> SendAsync(HttpMessageInvoker invoker, string? connectionId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, TestClients.Url("v5/workspaces/w1"));
        if (connectionId is not null)
        {
            request.Options.Set(CarbonVoiceRequestOptions.ConnectionId, connectionId);
        }

        return invoker.SendAsync(request, CancellationToken.None);
    }

    private sealed class Tokens(string token, string? refreshed = null, Exception? refreshFailure = null) : IAccessTokenProvider
    {
        public ValueTask<string> GetAccessTokenAsync(string connectionId, CancellationToken cancellationToken = default) => ValueTask.FromResult(token);

        public ValueTask<string> RefreshAccessTokenAsync(string connectionId, string rejectedAccessToken, CancellationToken cancellationToken = default)
            => refreshFailure is not null ? ValueTask.FromException<string>(refreshFailure) : ValueTask.FromResult(refreshed ?? token);
    }
}
