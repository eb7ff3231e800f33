using System.Net;
using System.Net.Http.Headers;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>Every body is read inside the attempt into a pooled buffer; whatever fails, the answer is disposed.</summary>
public sealed class ResponseBufferingHandlerTests
{
    [Fact]
    public async Task The_body_is_read_into_memory_with_its_headers_and_the_original_content_is_released()
    {
        var original = TrackedContent.Text("""{"id":"w1"}""");
        original.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        original.Headers.ContentLanguage.Add("en");
        using var invoker = Invoker(_ => Tracked.Response(HttpStatusCode.OK, original));

        using var response = await SendAsync(invoker);

        var pooled = Assert.IsType<PooledBodyContent>(response.Content);
        Assert.Equal("""{"id":"w1"}""", System.Text.Encoding.UTF8.GetString(pooled.Memory.Span));
        Assert.Equal("application/json; charset=utf-8", pooled.Headers.ContentType?.ToString());
        Assert.Equal(["en"], pooled.Headers.ContentLanguage);
        Assert.Equal(11, pooled.Headers.ContentLength);
        Assert.True(original.Disposed);
    }

    [Fact]
    public async Task A_body_that_breaks_off_is_a_body_error_of_the_answer_and_the_answer_is_disposed()
    {
        var original = new TrackedContent(new byte[10_000]) { FailAfter = 3000 };
        using var invoker = Invoker(_ => Tracked.Response(HttpStatusCode.Accepted, original));

        var error = await Assert.ThrowsAsync<ResponseBodyException>(() => SendAsync(invoker));

        Assert.Equal(HttpStatusCode.Accepted, error.StatusCode);
        Assert.IsType<IOException>(error.InnerException);
        Assert.True(original.Disposed);
    }

    [Fact]
    public async Task An_announced_body_over_the_limit_is_refused_unread_and_the_answer_is_disposed()
    {
        var original = new TrackedContent(new byte[5000]);
        using var invoker = Invoker(_ => Tracked.Response(HttpStatusCode.OK, original));

        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(() => SendAsync(invoker, maxBytes: 4999));

        Assert.Equal(5000, error.ContentLength);
        Assert.Equal("announced 5000 bytes, more than the limit of 4999", error.Message);
        Assert.False(original.Opened);
        Assert.True(original.Disposed);
    }

    [Fact]
    public async Task A_body_over_the_limit_without_a_length_is_cut_at_the_limit()
    {
        var original = new TrackedContent(new byte[5000], announceLength: false);
        using var invoker = Invoker(_ => Tracked.Response(HttpStatusCode.OK, original));

        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(() => SendAsync(invoker, maxBytes: 4999));

        Assert.Null(error.ContentLength);
        Assert.Equal("sent more than the limit of 4999 bytes", error.Message);
        Assert.True(original.Disposed);
    }

    [Fact]
    public async Task An_announced_body_at_the_limit_is_read()
    {
        using var invoker = Invoker(_ => Tracked.Response(HttpStatusCode.OK, new TrackedContent(new byte[5000])));

        using var response = await SendAsync(invoker, maxBytes: 5000);

        Assert.Equal(5000, Assert.IsType<PooledBodyContent>(response.Content).Memory.Length);
    }

    [Fact]
    public async Task The_error_body_of_a_bounded_request_is_neither_read_nor_limited()
    {
        var original = new TrackedContent(new byte[5000]);
        using var invoker = Invoker(_ => Tracked.Response(HttpStatusCode.Forbidden, original));

        using var response = await SendAsync(invoker, maxBytes: 10);

        Assert.Same(original, response.Content);
        Assert.False(original.Opened);
    }

    private static HttpMessageInvoker Invoker(Func<HttpRequestMessage, HttpResponseMessage> respond)
        => new(new ResponseBufferingHandler { InnerHandler = new StubTransport(respond) });

    private static Task<HttpResponseMessage> SendAsync(HttpMessageInvoker invoker, long? maxBytes = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://files.test/a1");
        if (maxBytes is { } max)
        {
            request.Options.Set(CarbonVoiceRequestOptions.MaxResponseBytes, max);
        }

        return invoker.SendAsync(request, CancellationToken.None);
    }
}
