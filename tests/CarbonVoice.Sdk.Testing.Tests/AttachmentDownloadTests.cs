using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>Signed attachment URLs: a bare or JSON-quoted string, the bulk route, and the emulator serving the bytes itself.</summary>
public sealed class AttachmentDownloadTests : IAsyncLifetime
{
    private CarbonVoiceEmulator _emulator = null!;
    private Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = null!;
    private HttpClient _client = null!;
    private HttpClient _files = null!;

    public Task InitializeAsync()
    {
        (_emulator, _time) = Emu.Create();
        _client = Emu.UserClient(_emulator);
        _files = Emu.Client(_emulator);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _files.Dispose();
        await _emulator.DisposeAsync();
    }

    private IEnumerable<(EmulatorMessage Message, EmulatorAttachment Attachment)> VisibleAttachments()
        => _emulator.Data.WorkspacesOf(_emulator.Data.Users[0].Id)
            .SelectMany(w => _emulator.Data.ConversationsIn(w.Id))
            .SelectMany(c => _emulator.Data.MessagesIn(c.Id))
            .SelectMany(m => m.Attachments.Select(a => (m, a)));

    private async Task<string> SignedUrlAsync(string attachmentId)
    {
        using var response = await _client.GetAsync($"/attachments/signedurl/{attachmentId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return text.StartsWith('"') ? JsonSerializer.Deserialize<string>(text)! : text;
    }

    [Fact]
    public async Task Signed_urls_come_plain_for_some_attachments_and_json_quoted_for_others()
    {
        var kinds = new HashSet<string>();
        foreach (var (_, attachment) in VisibleAttachments().Take(20))
        {
            using var response = await _client.GetAsync($"/attachments/signedurl/{attachment.Id}");
            var text = await response.Content.ReadAsStringAsync();
            var media = response.Content.Headers.ContentType!.MediaType!;
            kinds.Add(media);
            Assert.Equal(media == "application/json", text.StartsWith('"'));
            var url = media == "application/json" ? JsonSerializer.Deserialize<string>(text)! : text;
            Assert.StartsWith(_emulator.BaseAddress.AbsoluteUri + "files/" + attachment.Id + "/", url, StringComparison.Ordinal);
            Assert.Contains("X-Amz-Signature=", url, StringComparison.Ordinal);
        }

        Assert.Equal(["application/json", "text/html"], kinds.Order());
    }

    [Fact]
    public async Task The_signed_url_serves_the_bytes_its_attachment_announces()
    {
        var (message, text) = VisibleAttachments().First(p => p.Attachment.IsText);
        var url = await SignedUrlAsync(text.Id);

        using var response = await _files.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(text.LengthInBytes, bytes.Length);
        Assert.Equal(_emulator.Data.AttachmentContent(text.Id), bytes);
        Assert.Equal(text.MimeType, response.Content.Headers.ContentType!.MediaType);
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
        var v6 = await Emu.GetJson(_client, $"/v6/messages/{message.Id}");
        var listed = v6.Body.GetProperty("message").GetProperty("attachments").EnumerateArray().Single(a => a.GetProperty("id").GetString() == text.Id);
        Assert.Equal(text.LengthInBytes, listed.GetProperty("length_in_bytes").GetInt64());
        Assert.Equal(text.Filename, listed.GetProperty("filename").GetString());
    }

    [Fact]
    public void Text_documents_of_every_kind_are_generated()
    {
        var types = VisibleAttachments().Where(p => p.Attachment.IsText).Select(p => p.Attachment.MimeType).ToHashSet();

        Assert.Superset(new HashSet<string> { "text/plain", "text/markdown", "text/csv", "application/json", "text/html" }, types);
        Assert.True(types.Count >= 3, string.Join(", ", types));
    }

    [Fact]
    public async Task A_signed_url_expires_on_the_emulators_clock()
    {
        var attachment = VisibleAttachments().First().Attachment;
        var url = await SignedUrlAsync(attachment.Id);
        _time.Advance(_emulator.Options.SignedUrlLifetime - TimeSpan.FromSeconds(1));
        using (var stillValid = await _files.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        using var expired = await _files.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("Request has expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_or_missing_signature_is_refused()
    {
        var attachment = VisibleAttachments().First().Attachment;
        var url = await SignedUrlAsync(attachment.Id);

        using var tampered = await _files.GetAsync(url[..^4] + "0000");
        using var unsigned = await _files.GetAsync(url[..url.IndexOf('?', StringComparison.Ordinal)]);

        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
    }

    [Fact]
    public async Task A_download_carrying_carbon_voice_credentials_is_refused_and_the_log_masks_the_signature()
    {
        var attachment = VisibleAttachments().First().Attachment;
        var url = await SignedUrlAsync(attachment.Id);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "anything");

        using var response = await _files.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var logged = _emulator.Requests.Last();
        Assert.True(logged.PresentedCredential);
        Assert.Contains("X-Amz-Signature=***", logged.PathAndQuery, StringComparison.Ordinal);
        var signature = url[(url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + 16)..];
        Assert.DoesNotContain(signature, logged.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downloads_take_no_faults()
    {
        var attachment = VisibleAttachments().First().Attachment;
        var url = await SignedUrlAsync(attachment.Id);
        _emulator.Faults.Enqueue(FaultKind.Status503);

        using var download = await _files.GetAsync(url);
        using var api = await _client.GetAsync("/whoami");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
    }

    [Fact]
    public async Task The_bulk_route_answers_visible_attachments_only()
    {
        var mine = VisibleAttachments().Take(3).Select(p => p.Attachment.Id).ToList();
        var hidden = _emulator.Data.Workspaces.Except(_emulator.Data.WorkspacesOf(_emulator.Data.Users[0].Id))
            .SelectMany(w => _emulator.Data.ConversationsIn(w.Id)).SelectMany(c => _emulator.Data.MessagesIn(c.Id)).SelectMany(m => m.Attachments).First().Id;
        var ids = string.Join(",", mine.Append(hidden).Append("unknown").Select(id => $"\"{id}\""));

        var (status, body) = await Emu.PostJson(_client, "/v5/attachments/download/signedurl/bulk", $$"""{"ids": [{{ids}}]}""");

        Assert.Equal(200, status);
        Assert.Equal(mine, body.EnumerateArray().Select(r => r.GetProperty("attachment_id").GetString()));
        foreach (var row in body.EnumerateArray())
        {
            using var download = await _files.GetAsync(row.GetProperty("signed_url").GetString());
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        }

        var (empty, error) = await Emu.PostJson(_client, "/v5/attachments/download/signedurl/bulk", """{"ids": []}""");
        Assert.Equal(400, empty);
        Assert.Equal(400, error.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task An_attachment_added_through_the_control_api_serves_its_bytes_and_moves_updated_at()
    {
        var conversation = _emulator.Data.ConversationsIn(_emulator.Data.WorkspacesOf(_emulator.Data.Users[0].Id)[0].Id)[0];
        var messageId = _emulator.Control.PostMessage(conversation.Id, _emulator.Data.Users[0].Id, "see the notes");
        var before = _emulator.Data.FindMessage(messageId)!.UpdatedAt;
        _time.Advance(TimeSpan.FromSeconds(1));
        using var control = Emu.ControlClient(_emulator);
        var (status, created) = await Emu.PostJson(control, $"/_emulator/messages/{messageId}/attachments", """{"filename": "plan.md", "mime_type": "text/markdown", "text": "# Plan\nquarterly pricing review"}""");

        Assert.Equal(201, status);
        var id = created.GetProperty("id").GetString()!;
        var message = _emulator.Data.FindMessage(messageId)!;
        Assert.True(message.UpdatedAt > before);
        var attachment = Assert.Single(message.Attachments);
        Assert.Equal(("plan.md", "text/markdown"), (attachment.Filename, attachment.MimeType));
        using var download = await _files.GetAsync(await SignedUrlAsync(id));
        Assert.Equal("# Plan\nquarterly pricing review", Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_deleted_messages_attachment_is_gone()
    {
        var (message, attachment) = VisibleAttachments().First();
        var url = await SignedUrlAsync(attachment.Id);
        _emulator.Control.DeleteMessage(message.Id);

        using var signed = await _client.GetAsync($"/attachments/signedurl/{attachment.Id}");
        using var download = await _files.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, signed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
    }
}
