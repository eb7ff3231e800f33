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

    /// <summary>
    /// Stored hashes decide what is changed: a new version must hash every payload as the last one did. These values were
    /// computed by the implementation that buffered the whole canonical form (before the hash was fed as it is written).
    /// </summary>
    [Theory]
    [InlineData("""{"b":{"x":[1,2.50,-0],"updated_at":"2026-01-01"},"a":true,"n":null}""", "262c8f7c8237c799c02ea2235617be760da4747a2a7df9d0dd282202d4e321aa")]
    [InlineData("""{"s":"caf\u00e9 😀 <tag> & \"quoted\" \u0000","z":[{"k":"v","reactions":[1]},[],{}],"A":"upper"}""", "ccfd88520f15d7ff0edcd10561b958e3991d6322cd154ee46df92e1e467a193a")]
    [InlineData("""[1,"two",{"three":3}]""", "5638683081b5aceda62f960bcb919a2c773077b6fdcb2e434beba64c36d0f8d9")]
    public void Hashes_stay_what_they_were(string payload, string expected)
        => Assert.Equal(expected, RawContentHash.Compute(payload));

    /// <summary>A payload that is not JSON is hashed as its text: SHA-256 of "text:" and its UTF-8 (values computed outside .NET).</summary>
    [Theory]
    [InlineData("not json {", "c845270ee2ea544c0ed01af652a2eab30513bcc70f34d9b2adca985174140ba6")]
    [InlineData("café 😀 plain", "d22b6a903a39821d4327bce277c3f62af1c33bcc801b303311d46f96ab048d45")]
    public void A_payload_that_is_not_json_hashes_as_its_text(string payload, string expected)
        => Assert.Equal(expected, RawContentHash.Compute(payload));

    [Fact]
    public void A_long_payload_hashes_as_it_did()
    {
        var words = string.Concat(Enumerable.Repeat("long text with a few words, repeated until the canonical form outgrows any small buffer. ", 400));
        var items = string.Join(',', Enumerable.Range(0, 300).Select(i => $$"""{"i":{{i}},"w":"word{{i}}","updated_at":"{{i}}"}"""));

        Assert.Equal("5f019e11efab9746996cd1d3ac0b3b56fdf86999f303de3608190754295128f9", RawContentHash.Compute($$"""{"t":"{{words}}","items":[{{items}}]}"""));
    }
}
