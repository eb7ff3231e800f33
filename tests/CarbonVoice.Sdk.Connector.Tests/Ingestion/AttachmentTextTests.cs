using System.Text;
using CarbonVoice.Sdk.Connector.Internal;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

public sealed class AttachmentTextTests
{
    [Theory]
    [InlineData("text/plain", "a.bin", "text/plain")]
    [InlineData("text/markdown; charset=utf-8", null, "text/markdown")]
    [InlineData("TEXT/CSV", null, "text/csv")]
    [InlineData("application/json", null, "application/json")]
    [InlineData("text/html", null, "text/html")]
    [InlineData(null, "notes.md", "text/markdown")]
    [InlineData("application/octet-stream", "data.CSV", "text/csv")]
    [InlineData("application/pdf", "report.txt", null)]
    [InlineData("image/png", "photo.png", null)]
    [InlineData(null, null, null)]
    public void TextType_reads_the_mime_type_and_falls_back_to_the_extension(string? mime, string? name, string? expected)
        => Assert.Equal(expected, AttachmentText.TextType(mime, name));

    [Fact]
    public void Html_keeps_the_words_and_drops_markup_scripts_and_styles()
    {
        var html = "<!doctype html><html><head><title>Plan</title><style>p { color: red }</style><script>alert('x')</script></head>"
            + "<body><h1>Pricing</h1><p>Quarterly &amp; yearly <b>renewals</b></p><noscript>enable js</noscript></body></html>";

        var text = AttachmentText.Extract(Encoding.UTF8.GetBytes(html), "text/html", null)!;

        Assert.Equal("Plan\nPricing\nQuarterly & yearly\nrenewals", text);
    }

    [Fact]
    public void Bytes_are_decoded_by_bom_then_charset_then_utf8()
    {
        Assert.Equal("café", AttachmentText.Extract([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("café")], "text/plain", "latin1"));
        Assert.Equal("café", AttachmentText.Extract(Encoding.Latin1.GetBytes("café"), "text/plain", "iso-8859-1"));
        Assert.Equal("café", AttachmentText.Extract([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("café")], "text/plain", null));
        Assert.Equal("ok", AttachmentText.Extract("ok"u8, "text/plain", "no-such-charset"));
    }

    [Fact]
    public void Bytes_with_nul_are_not_text()
        => Assert.Null(AttachmentText.Extract([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], "text/plain", null));
}
