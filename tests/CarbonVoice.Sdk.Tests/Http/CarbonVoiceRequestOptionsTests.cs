using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>What the handlers read from a request's options, and what they assume when an option is not set.</summary>
public sealed class CarbonVoiceRequestOptionsTests
{
    [Fact]
    public void A_request_without_an_endpoint_is_named_by_method_and_path_without_its_query()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.test/oauth/token?client_secret=s3cret");

        Assert.Equal("POST /oauth/token", CarbonVoiceRequestOptions.GetEndpoint(request));
    }

    [Fact]
    public void A_request_with_an_endpoint_is_named_by_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/v5/workspaces/w1");
        request.Options.Set(CarbonVoiceRequestOptions.Endpoint, "GET /v5/workspaces/{id}");

        Assert.Equal("GET /v5/workspaces/{id}", CarbonVoiceRequestOptions.GetEndpoint(request));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void A_request_is_external_only_when_the_option_says_so(bool? external, bool expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://files.test/a");
        if (external is { } value)
        {
            request.Options.Set(CarbonVoiceRequestOptions.External, value);
        }

        Assert.Equal(expected, CarbonVoiceRequestOptions.IsExternal(request));
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("HEAD", true)]
    [InlineData("OPTIONS", true)]
    [InlineData("PUT", true)]
    [InlineData("DELETE", true)]
    [InlineData("POST", false)]
    [InlineData("PATCH", false)]
    public void Without_the_option_a_request_is_idempotent_by_its_method(string method, bool expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://api.test/v5/x");

        Assert.Equal(expected, CarbonVoiceRequestOptions.IsIdempotent(request));
    }

    [Theory]
    [InlineData("GET", false)]
    [InlineData("POST", true)]
    public void The_option_overrides_the_method(string method, bool idempotent)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://api.test/v5/x");
        request.Options.Set(CarbonVoiceRequestOptions.Idempotent, idempotent);

        Assert.Equal(idempotent, CarbonVoiceRequestOptions.IsIdempotent(request));
    }
}
