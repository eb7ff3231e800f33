namespace CarbonVoice.Sdk.Connector.Tests.Storage;

public sealed class RawContentHashTests
{
    [Fact]
    public void Key_order_whitespace_and_volatile_fields_do_not_matter()
    {
        var a = RawContentHash.Compute("""{"a":1,"b":{"x":[1,2],"updated_at":"2026-01-01"},"reaction_summary":{"reaction_counts":{"1":2}}}""");
        var b = RawContentHash.Compute("""{ "b": {"updated_at":"2027-01-01", "x": [1, 2]}, "a": 1 }""");
        Assert.Equal(a, b);
        Assert.Equal(64, a.Length);
    }

    [Fact]
    public void Content_and_array_order_matter()
    {
        Assert.NotEqual(RawContentHash.Compute("""{"x":[1,2]}"""), RawContentHash.Compute("""{"x":[2,1]}"""));
        Assert.NotEqual(RawContentHash.Compute("""{"t":"a"}"""), RawContentHash.Compute("""{"t":"b"}"""));
    }

    [Fact]
    public void Invalid_json_is_hashed_as_text()
    {
        Assert.Equal(RawContentHash.Compute("{not json"), RawContentHash.Compute("{not json"));
        Assert.NotEqual(RawContentHash.Compute("{not json"), RawContentHash.Compute("{not json!"));
    }
}
