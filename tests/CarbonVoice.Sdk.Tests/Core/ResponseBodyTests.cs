using System.Net;
using System.Text;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>The response body is read inside the resilience attempt, so a body that breaks off is a retriable transport error.</summary>
public sealed class ResponseBodyTests
{
    [Fact]
    public async Task A_body_that_breaks_off_is_retried_for_a_read()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v5/workspaces/w1")).Respond(Responses.Sequence(
            () => Broken("""{"id":"w1","name":"Acme","descr"""),
            () => Responses.Json(HttpStatusCode.OK, """{"id":"w1","name":"Acme"}""")));
        using var client = TestClients.Create(mock);

        var workspace = await client.Workspaces.GetAsync("w1");

        Assert.Equal("Acme", workspace.Name);
    }

    [Fact]
    public async Task A_body_that_breaks_off_on_a_creating_post_is_not_retried_and_says_what_happened()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = 0;
        mock.When(HttpMethod.Post, TestClients.Url("v3/workspace")).Respond(_ =>
        {
            sent++;
            return Broken("""{"id":"w9","na""");
        });
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => client.Workspaces.CreateAsync(new CreateWorkspaceRequest { Name = "Once" }));

        Assert.Equal(1, sent);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("POST /v3/workspace", error.Endpoint);
        Assert.StartsWith("Carbon Voice POST /v3/workspace answered 200 but the connection failed before its body was read", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<HttpRequestException>(error.InnerException);
    }

    /// <summary>A 200 whose content yields <paramref name="start"/> and then fails as a reset connection does.</summary>
    private static HttpResponseMessage Broken(string start)
    {
        var content = new StreamContent(new BreakingStream(Encoding.UTF8.GetBytes(start)));
        content.Headers.ContentType = new("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private sealed class BreakingStream(byte[] start) : MemoryStream(start)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("Connection reset by peer.");
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("Connection reset by peer.");
        }
    }
}
