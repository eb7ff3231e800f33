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
    [InlineData("text/x-markdown", null, "text/x-markdown")]
    [InlineData("application/csv", null, "application/csv")]
    [InlineData("text/json", null, "text/json")]
    [InlineData("application/xhtml+xml", null, "application/xhtml+xml")]
    [InlineData(null, "notes.txt", "text/plain")]
    [InlineData(null, "notes.text", "text/plain")]
    [InlineData("", "notes.markdown", "text/markdown")]
    [InlineData(null, "data.json", "application/json")]
    [InlineData(null, "page.html", "text/html")]
    [InlineData("application/octet-stream", "page.HTM", "text/html")]
    [InlineData(null, "archive", null)]
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
    public void Xhtml_is_read_as_html()
        => Assert.Equal("Title\nBody", AttachmentText.Extract("<html><head><title>Title</title></head><body><p>Body</p></body></html>"u8, "application/xhtml+xml", null));

    [Fact]
    public void Whitespace_between_html_blocks_adds_no_empty_lines()
        => Assert.Equal("a\nb", AttachmentText.Extract("<html><body><p>a</p>\n   <p>b</p></body></html>"u8, "text/html", null));

    [Fact]
    public void Html_is_only_parsed_for_html_types()
        => Assert.Equal("<p>a</p>", AttachmentText.Extract("<p>a</p>"u8, "text/plain", null));

    [Fact]
    public void Invalid_utf8_is_replaced_not_refused()
        => Assert.Equal("a\uFFFDb", AttachmentText.Extract([0x61, 0xC3, 0x62], "text/plain", null));

    [Fact]
    public void A_big_endian_bom_decodes_utf16_big_endian()
        => Assert.Equal("café", AttachmentText.Extract([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("café")], "text/plain", null));

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
