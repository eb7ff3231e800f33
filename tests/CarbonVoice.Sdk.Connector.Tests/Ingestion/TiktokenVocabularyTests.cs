using System.Text;
using CarbonVoice.Sdk.Connector.Internal;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

public sealed class TiktokenVocabularyTests
{
    [Fact]
    public void Cl100k_base_loads_from_the_data_package()
    {
        var tokens = TiktokenVocabulary.LoadCl100kBase();
        Assert.NotNull(tokens);
        Assert.Equal(100_256, tokens.Count);
        Assert.Equal("!"u8.ToArray(), tokens[0]);
        Assert.Equal(" the"u8.ToArray(), tokens[279]);
    }

    [Fact]
    public void Ranked_and_unranked_lines_are_read_in_order_after_an_optional_capacity_line()
    {
        var text = "Capacity: 3\nYQ== 0\n\nYmM= 1\nIA==\n";
        var tokens = TiktokenVocabulary.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        Assert.Equal([[(byte)'a'], [(byte)'b', (byte)'c'], [(byte)' ']], tokens);
    }

    [Theory]
    [InlineData("YQ== 0 1")]
    [InlineData(" 0")]
    [InlineData("not base64!")]
    public void A_malformed_line_is_refused(string line)
        => Assert.Throws<FormatException>(() => TiktokenVocabulary.Read(new MemoryStream(Encoding.UTF8.GetBytes(line))));

    [Fact]
    public void A_missing_assembly_or_resource_gives_no_vocabulary()
    {
        Assert.Null(TiktokenVocabulary.Load("CarbonVoice.NoSuchAssembly", TiktokenVocabulary.Cl100kBaseResource));
        Assert.Null(TiktokenVocabulary.Load(TiktokenVocabulary.Cl100kBaseAssembly, "no_such.tiktoken.deflate"));
        Assert.Throws<ArgumentNullException>(() => TiktokenVocabulary.Read(null!));
    }
}
