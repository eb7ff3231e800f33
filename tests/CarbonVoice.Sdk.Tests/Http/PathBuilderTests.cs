using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>Relative paths with escaped segments and query strings (null values left out).</summary>
public sealed class PathBuilderTests
{
    [Fact]
    public void Segments_and_query_values_are_escaped()
    {
        var path = PathBuilder.Format("v5/messages/{0}", "a/b c").Add("q", "x&y=z").Add("n", 5);

        Assert.Equal("v5/messages/a%2Fb%20c?q=x%26y%3Dz&n=5", path.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_segment_is_refused_since_it_would_name_another_route(string segment)
        => Assert.Throws<ArgumentException>(() => PathBuilder.Format("v5/messages/{0}", segment));

    [Fact]
    public void Booleans_are_sent_as_true_and_false()
    {
        var path = PathBuilder.Format("v5/x").Add("a", true).Add("b", false).Add("c", (bool?)null);

        Assert.Equal("v5/x?a=true&b=false", path.ToString());
    }

    [Fact]
    public void Each_value_of_a_list_is_a_parameter_of_its_own()
    {
        var path = PathBuilder.Format("v5/x").AddEach("id", ["m1", "m 2"]).AddEach("none", null);

        Assert.Equal("v5/x?id=m1&id=m%202", path.ToString());
    }

    [Fact]
    public void Times_are_sent_in_utc_with_milliseconds()
    {
        var path = PathBuilder.Format("v5/x").Add("since", new DateTimeOffset(2026, 3, 1, 14, 5, 6, 789, TimeSpan.FromHours(2)));

        Assert.Equal("v5/x?since=2026-03-01T12%3A05%3A06.789Z", path.ToString());
    }
}
