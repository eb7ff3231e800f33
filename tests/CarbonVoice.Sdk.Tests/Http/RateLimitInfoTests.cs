using System.Net;

namespace CarbonVoice.Sdk.Tests.Http;

public sealed class RateLimitInfoTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_response_without_rate_limit_headers_has_no_info()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-Request-Id", "r1");

        Assert.Null(RateLimitInfo.FromHeaders(response, Now));
    }

    [Fact]
    public void Unparsable_rate_limit_headers_count_as_none()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "many");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", "soon");

        Assert.Null(RateLimitInfo.FromHeaders(response, Now));
    }

    [Theory]
    [InlineData("X-RateLimit-Limit", "100", 100, null, false)]
    [InlineData("X-RateLimit-Remaining", "0", null, 0, false)]
    [InlineData("X-RateLimit-Reset", "5", null, null, true)]
    public void Any_one_header_alone_yields_info_with_only_that_value(string header, string value, int? limit, int? remaining, bool hasReset)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation(header, value);

        var info = RateLimitInfo.FromHeaders(response, Now);

        Assert.NotNull(info);
        Assert.Equal(limit, info.Limit);
        Assert.Equal(remaining, info.Remaining);
        Assert.Equal(hasReset ? Now.AddSeconds(5) : null, info.ResetAt);
        Assert.Equal(Now, info.ObservedAt);
    }

    [Fact]
    public void A_null_response_is_refused_by_name()
        => Assert.Equal("response", Assert.Throws<ArgumentNullException>(() => RateLimitInfo.FromHeaders(null!, Now)).ParamName);

    [Theory]
    [InlineData(1_000_000_000d, false)]
    [InlineData(1_000_000_001d, true)]
    public void A_reset_is_epoch_seconds_only_above_one_billion(double value, bool epoch)
    {
        var expected = epoch ? DateTimeOffset.FromUnixTimeSeconds((long)value) : Now.AddSeconds(value);

        Assert.Equal(expected, RateLimitInfo.ParseReset(value, Now));
    }

    [Fact]
    public void A_negative_relative_reset_is_now()
        => Assert.Equal(Now, RateLimitInfo.ParseReset(-5, Now));
}
