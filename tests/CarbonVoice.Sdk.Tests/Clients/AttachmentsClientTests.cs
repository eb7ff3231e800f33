using System.Net;
using System.Text;
using System.Text.Json;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Clients;

/// <summary><c>GET /attachments/signedurl/{id}</c> (a bare, sometimes JSON-quoted string) and the bulk route.</summary>
public sealed class AttachmentsClientTests
{
    private const string Signed = "https://files.test/a1/notes.txt?X-Amz-Expires=900&X-Amz-Signature=sig-0123456789abcdef";

    [Theory]
    [InlineData(Signed, "text/html")]
    [InlineData("\"" + Signed + "\"", "application/json")]
    [InlineData("\"https:\\/\\/files.test\\/a1\\/notes.txt?X-Amz-Expires=900\\u0026X-Amz-Signature=sig-0123456789abcdef\"", "application/json")]
    [InlineData("  '" + Signed + "'\n", "text/plain")]
    [InlineData("{\"signed_url\": \"" + Signed + "\"}", "application/json")]
    public async Task GetDownloadUrlAsync_reads_every_shape_of_the_bare_string(string body, string mediaType)
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("attachments/signedurl/a1"))
            .Respond(_ => Responses.Create(HttpStatusCode.OK, body, mediaType, []));
        using var client = TestClients.Create(mock);

        var url = await client.Attachments.GetDownloadUrlAsync("a1");

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal("a1", url.AttachmentId);
        Assert.Equal(new Uri(Signed), url.Url);
        Assert.Equal("https://files.test/a1/notes.txt?***", url.RedactedUrl);
        Assert.DoesNotContain("sig-0123456789abcdef", url.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url at all")]
    [InlineData("\"ftp://files.test/a1?X-Amz-Signature=sig-0123456789abcdef\"")]
    [InlineData("\"/relative/a1?X-Amz-Signature=sig-0123456789abcdef\"")]
    [InlineData("\"unterminated")]
    [InlineData("   ")]
    public async Task GetDownloadUrlAsync_refuses_what_is_no_http_url_without_quoting_it(string body)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("attachments/signedurl/a1")).Respond(_ => Responses.Create(HttpStatusCode.OK, body, "text/html", []));
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Attachments.GetDownloadUrlAsync("a1"));
        Assert.DoesNotContain("sig-0123456789abcdef", error.Message, StringComparison.Ordinal);
        Assert.Null(error.ResponseBodyExcerpt);
        Assert.Equal("GET /attachments/signedurl/{id}", error.Endpoint);
    }

    [Fact]
    public async Task GetDownloadUrlAsync_still_refuses_an_html_error_page()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("attachments/signedurl/a1")).Respond(_ => Responses.Html(HttpStatusCode.OK, "<html>502 Bad Gateway</html>"));
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Attachments.GetDownloadUrlAsync("a1"));
        Assert.Contains("HTML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDownloadUrlAsync_maps_404()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("attachments/signedurl/nope"))
            .Respond(HttpStatusCode.NotFound, Json.MediaType, """{"success": false, "requestId": "r1", "errmsg": "Attachment not found"}""");
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.Attachments.GetDownloadUrlAsync("nope"));
    }

    [Fact]
    public async Task GetDownloadUrlsAsync_posts_ids_in_batches_and_keeps_the_requested_order()
    {
        var mock = new MockHttpMessageHandler();
        var bodies = new List<string[]>();
        var route = mock.When(HttpMethod.Post, TestClients.Url("v5/attachments/download/signedurl/bulk")).Respond(async request =>
        {
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync());
            var ids = body.RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToArray();
            lock (bodies)
            {
                bodies.Add(ids);
            }

            // Answered in reverse, one id left out: the client restores the order and leaves the missing one out.
            var rows = ids.Where(id => id != "a7").Reverse().Select(id => $$"""{"attachment_id": "{{id}}", "signed_url": "https://files.test/{{id}}?X-Amz-Signature=s"}""");
            return Responses.Json(HttpStatusCode.OK, "[" + string.Join(",", rows) + "]");
        });
        using var client = TestClients.Create(mock);
        var wanted = Enumerable.Range(0, AttachmentsClient.MaxBulkSize + 5).Select(i => "a" + i).Append("a3").Append(" ").ToList();

        var urls = await client.Attachments.GetDownloadUrlsAsync(wanted);

        Assert.Equal(2, mock.GetMatchCount(route));
        Assert.Equal([AttachmentsClient.MaxBulkSize, 5], bodies.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, AttachmentsClient.MaxBulkSize + 5).Select(i => "a" + i).Where(id => id != "a7"), urls.Select(u => u.AttachmentId));
        Assert.Equal(new Uri("https://files.test/a0?X-Amz-Signature=s"), urls[0].Url);
    }

    [Fact]
    public async Task GetDownloadUrlsAsync_of_no_ids_sends_nothing()
    {
        var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);

        Assert.Empty(await client.Attachments.GetDownloadUrlsAsync([]));
        Assert.Empty(await client.Attachments.GetDownloadUrlsAsync([" ", ""]));
    }

    [Fact]
    public async Task GetDownloadUrlsAsync_is_retried_as_a_read()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Post, TestClients.Url("v5/attachments/download/signedurl/bulk")).Respond(Responses.Sequence(
            () => new HttpResponseMessage(HttpStatusCode.BadGateway),
            () => Responses.Json(HttpStatusCode.OK, """[{"attachment_id": "a1", "signed_url": "https://files.test/a1"}]""")));
        using var client = TestClients.Create(mock);

        var urls = await client.Attachments.GetDownloadUrlsAsync(["a1"]);

        Assert.Equal(2, mock.GetMatchCount(route));
        Assert.Single(urls);
    }

    [Fact]
    public async Task GetDownloadUrlAsync_is_retried_as_a_read()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("attachments/signedurl/a1")).Respond(Responses.Sequence(
            () => new HttpResponseMessage(HttpStatusCode.BadGateway),
            () => Responses.Create(HttpStatusCode.OK, Signed, "text/html", [])));
        using var client = TestClients.Create(mock);

        var url = await client.Attachments.GetDownloadUrlAsync("a1");

        Assert.Equal(2, mock.GetMatchCount(route));
        Assert.Equal(new Uri(Signed), url.Url);
    }

    [Fact]
    public void A_download_url_prints_no_signature()
    {
        var url = CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", new Uri(Signed));

        Assert.Equal("AttachmentDownloadUrl { AttachmentId = a1, Url = https://files.test/a1/notes.txt?*** }", url.ToString());
        Assert.Equal("https://files.test/x", AttachmentDownloadUrl.Redact(new Uri("https://files.test/x")));
        Assert.Equal(Encoding.UTF8.GetBytes("x").Length, CarbonVoiceModelFactory.AttachmentDownload("x"u8.ToArray()).Length);
    }
}
