using System.Net;
using System.Text;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.Tests.Support;
using CarbonVoice.Sdk.Testing;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.EndToEnd;

/// <summary>
/// Attachments of synced messages: their metadata in raw records of their own, the text of text documents fetched through
/// signed URLs and chunked like a transcript, never downloaded again while unchanged, retried after a failure, and removed
/// with their message.
/// </summary>
public sealed class AttachmentSyncTests
{
    private const string Words = "zebra quartz invoice renewal for the harbour office, signed by Marguerite";

    private static RawRecordKey AttachmentKey(string id) => new(TenantId, ConnectorId, CarbonVoiceEntities.Attachment, id);

    private static async Task<List<Chunk>> AttachmentChunksAsync(EmulatorHarness h)
        => [.. (await h.Chunks.QueryAsync(new ChunkQuery(TenantId, ConnectorId) { EntityType = CarbonVoiceEntities.Attachment }, pageSize: 1000)).Items.Select(i => i.Chunk)];

    private static IReadOnlyList<(EmulatorMessage Message, EmulatorAttachment Attachment)> SyncedAttachments(EmulatorHarness h)
        => [.. h.SyncedConversations().SelectMany(c => h.Emulator.Data.MessagesIn(c.Id)).SelectMany(m => m.Attachments.Select(a => (m, a)))];

    private static int Downloads(EmulatorHarness h) => h.Emulator.Requests.Count(r => r.PathAndQuery.StartsWith("/files/", StringComparison.Ordinal));

    private static string PostWithAttachment(EmulatorHarness h, string filename, string mimeType, string text)
    {
        var conversation = h.SyncedConversations().First(c => c.MessageCount > 0);
        var messageId = h.Emulator.Control.PostMessage(conversation.Id, h.UserId, "the file is attached");
        h.Emulator.Control.AddAttachment(messageId, filename, mimeType, Encoding.UTF8.GetBytes(text));
        return messageId;
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_synced_message_with_a_text_attachment_produces_chunks_with_its_words(StoreKind kind)
    {
        await using var h = new EmulatorHarness(kind, sync: o => o.FetchTextAttachments = true);
        var messageId = PostWithAttachment(h, "renewal.md", "text/markdown", "# Renewal\n\n" + Words);
        var attachment = Assert.Single(h.Emulator.Data.FindMessage(messageId)!.Attachments);

        var run = await h.SyncAsync();
        var ingestion = await h.IngestAsync();

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(0, run.ErrorCount);
        Assert.Equal(SyncRunStatus.Succeeded, ingestion.Status);
        var chunk = Assert.Single(await AttachmentChunksAsync(h), c => c.Metadata["attachment_id"] == attachment.Id);
        Assert.Contains(Words, chunk.Text, StringComparison.Ordinal);
        Assert.StartsWith("Attachment: renewal.md (text/markdown)", chunk.Text, StringComparison.Ordinal);
        Assert.Contains($"Message: {messageId}", chunk.Text, StringComparison.Ordinal);
        Assert.Equal(messageId, chunk.Metadata["message_id"]);
        Assert.Equal("renewal.md", chunk.Metadata["filename"]);
        Assert.Equal(attachment.LengthInBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), chunk.Metadata["length_in_bytes"]);
        Assert.Equal(h.Emulator.Data.FindMessage(messageId)!.ConversationId, chunk.ConversationId);
        Assert.Equal("attachment:" + attachment.Id, chunk.SourceKey);
        Assert.DoesNotContain(h.Emulator.Requests, r => r.PathAndQuery.StartsWith("/files/", StringComparison.Ordinal) && r.PresentedCredential);
    }

    [Fact]
    public async Task Every_attachment_is_recorded_with_its_metadata_and_nothing_is_downloaded_by_default()
    {
        await using var h = new EmulatorHarness();
        var expected = SyncedAttachments(h);
        Assert.NotEmpty(expected);

        await h.SyncAsync();
        await h.IngestAsync();

        Assert.Equal(expected.Count, await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Attachment));
        foreach (var (message, attachment) in expected)
        {
            var record = await h.Raw.GetAsync(AttachmentKey(attachment.Id));
            Assert.Equal(message.ConversationId, record!.ParentId);
            using var payload = JsonDocument.Parse(record.Payload);
            var root = payload.RootElement;
            Assert.Equal(message.Id, root.GetProperty("message_id").GetString());
            Assert.Equal(attachment.Filename, root.GetProperty("filename").GetString());
            Assert.Equal(attachment.MimeType, root.GetProperty("mime_type").GetString());
            Assert.Equal(attachment.LengthInBytes, root.GetProperty("length_in_bytes").GetInt64());
            Assert.Equal("disabled", root.GetProperty("content_status").GetString());
            Assert.False(root.TryGetProperty("content", out _));
        }

        Assert.Equal(0, Downloads(h));
        Assert.DoesNotContain(h.Emulator.Requests, r => r.PathAndQuery.StartsWith("/attachments/signedurl", StringComparison.Ordinal));
        Assert.Empty(await AttachmentChunksAsync(h));
    }

    [Fact]
    public async Task Generated_documents_of_every_text_kind_are_chunked_and_html_loses_its_markup()
    {
        await using var h = new EmulatorHarness(emulator: o => { o.MessagesPerConversation = 60; o.ConversationsPerWorkspace = 3; }, sync: o => o.FetchTextAttachments = true);
        var texts = SyncedAttachments(h).Where(p => p.Attachment.IsText).ToList();
        var binaries = SyncedAttachments(h).Where(p => !p.Attachment.IsText).ToList();
        Assert.True(texts.Select(t => t.Attachment.MimeType).Distinct().Count() >= 3);

        await h.SyncAsync();
        await h.IngestAsync();

        var chunks = await AttachmentChunksAsync(h);
        foreach (var (message, attachment) in texts)
        {
            var mine = chunks.Where(c => c.Metadata["attachment_id"] == attachment.Id).ToList();
            Assert.NotEmpty(mine);
            Assert.All(mine, c => Assert.Equal(message.Id, c.Metadata["message_id"]));
            var source = Encoding.UTF8.GetString(h.Emulator.Data.AttachmentContent(attachment.Id));
            // The document's last word (of the text, not of its markup).
            var word = source.Split([' ', '\n', '"', ',', '<', '>', '.'], StringSplitOptions.RemoveEmptyEntries).Last(w => w.Length >= 4 && w.All(char.IsLetter));
            Assert.Contains(mine, c => c.Text.Contains(word, StringComparison.Ordinal));
            if (attachment.MimeType == "text/html")
            {
                Assert.All(mine, c => Assert.DoesNotContain("<p>", c.Text, StringComparison.Ordinal));
                Assert.All(mine, c => Assert.DoesNotContain("color: #333", c.Text, StringComparison.Ordinal));
            }
        }

        foreach (var (_, attachment) in binaries)
        {
            using var payload = JsonDocument.Parse((await h.Raw.GetAsync(AttachmentKey(attachment.Id)))!.Payload);
            Assert.Equal("not_text", payload.RootElement.GetProperty("content_status").GetString());
        }

        Assert.Equal(texts.Count, Downloads(h));
    }

    [Fact]
    public async Task A_resync_with_unchanged_attachments_does_not_download_again()
    {
        await using var h = new EmulatorHarness(sync: o => o.FetchTextAttachments = true);
        PostWithAttachment(h, "notes.txt", "text/plain", Words);
        await h.SyncAsync();
        await h.IngestAsync();
        var downloads = Downloads(h);
        var fingerprint = await h.FingerprintAsync();
        Assert.True(downloads > 0);

        var delta = await h.SyncAsync();
        var full = await h.SyncAsync(SyncMode.Full);

        Assert.Equal(SyncKind.Delta, delta.Kind);
        Assert.Equal(SyncKind.Full, full.Kind);
        Assert.Equal(downloads, Downloads(h));
        Assert.Equal(fingerprint, await h.FingerprintAsync());
        Assert.Empty((await h.IngestAsync()).Counts);
    }

    [Fact]
    public async Task Too_large_documents_are_kept_as_metadata_only()
    {
        await using var h = new EmulatorHarness(sync: o => { o.FetchTextAttachments = true; o.MaxAttachmentBytes = 40; });
        var messageId = PostWithAttachment(h, "long.txt", "text/plain", Words + " " + Words);
        var attachment = Assert.Single(h.Emulator.Data.FindMessage(messageId)!.Attachments);

        var run = await h.SyncAsync();

        Assert.Equal(0, run.ErrorCount);
        using var payload = JsonDocument.Parse((await h.Raw.GetAsync(AttachmentKey(attachment.Id)))!.Payload);
        Assert.Equal("too_large", payload.RootElement.GetProperty("content_status").GetString());
        Assert.DoesNotContain(h.Emulator.Requests, r => r.PathAndQuery.StartsWith("/attachments/signedurl/" + attachment.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_download_is_recorded_then_retried_by_the_next_sync_and_its_conversation_stays()
    {
        await using var h = new EmulatorHarness(sync: o => o.FetchTextAttachments = true);
        var messageId = PostWithAttachment(h, "retry.txt", "text/plain", Words);
        var attachment = Assert.Single(h.Emulator.Data.FindMessage(messageId)!.Attachments);
        var conversationId = h.Emulator.Data.FindMessage(messageId)!.ConversationId;
        var blocking = new FileBlocker(h.Emulator.CreateHandler());
        using var client = new CarbonVoiceClient(
            new CarbonVoiceOptions { BaseAddress = h.Emulator.BaseAddress, ClientId = "emulator-client", ClientSecret = "emulator-secret", RetryBaseDelay = TimeSpan.Zero },
            new StaticAccessTokenProvider(h.Emulator.IssueTokens(h.UserId).AccessToken),
            blocking);

        var failed = await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId));

        Assert.Equal(SyncRunStatus.Succeeded, failed.Status);
        var error = Assert.Single(failed.Errors, e => e.ExternalId == attachment.Id);
        Assert.Equal(CarbonVoiceEntities.Attachment, error.EntityType);
        Assert.DoesNotContain("X-Amz", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(" It is retried by the next sync.", error.Message, StringComparison.Ordinal);
        using (var payload = JsonDocument.Parse((await h.Raw.GetAsync(AttachmentKey(attachment.Id)))!.Payload))
        {
            Assert.Equal("failed", payload.RootElement.GetProperty("content_status").GetString());
        }

        Assert.False((await h.Raw.GetAsync(new RawRecordKey(TenantId, ConnectorId, CarbonVoiceEntities.Channel, conversationId)))!.IsDeleted);
        Assert.NotNull(await h.State.GetCheckpointAsync(TenantId, ConnectorId, "attachment-retry:" + attachment.Id));

        blocking.Block = false;
        var retried = await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId));
        await h.IngestAsync();

        Assert.Equal(SyncKind.Delta, retried.Kind);
        Assert.Equal(0, retried.ErrorCount);
        Assert.Null(await h.State.GetCheckpointAsync(TenantId, ConnectorId, "attachment-retry:" + attachment.Id));
        Assert.Contains(await AttachmentChunksAsync(h), c => c.Metadata["attachment_id"] == attachment.Id && c.Text.Contains(Words, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_download_that_keeps_failing_is_given_up_after_the_retry_limit()
    {
        await using var h = new EmulatorHarness(sync: o => { o.FetchTextAttachments = true; o.AttachmentRetryLimit = 2; });
        var messageId = PostWithAttachment(h, "never.txt", "text/plain", Words);
        var attachment = Assert.Single(h.Emulator.Data.FindMessage(messageId)!.Attachments);
        using var client = new CarbonVoiceClient(
            new CarbonVoiceOptions { BaseAddress = h.Emulator.BaseAddress, ClientId = "emulator-client", ClientSecret = "emulator-secret", RetryBaseDelay = TimeSpan.Zero },
            new StaticAccessTokenProvider(h.Emulator.IssueTokens(h.UserId).AccessToken),
            new FileBlocker(h.Emulator.CreateHandler()));

        await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId));
        var second = await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId));
        var third = await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId));

        Assert.Contains(second.Errors, e => e.ExternalId == attachment.Id && e.Message.Contains("Gave up after 2 attempts", StringComparison.Ordinal));
        Assert.Null(await h.State.GetCheckpointAsync(TenantId, ConnectorId, "attachment-retry:" + attachment.Id));
        Assert.DoesNotContain(third.Errors, e => e.ExternalId == attachment.Id);
    }

    [Fact]
    public async Task Deleting_the_message_removes_its_attachment_and_chunks()
    {
        await using var h = new EmulatorHarness(sync: o => o.FetchTextAttachments = true);
        var messageId = PostWithAttachment(h, "gone.csv", "text/csv", "line,text\n1," + Words);
        var attachment = Assert.Single(h.Emulator.Data.FindMessage(messageId)!.Attachments);
        await h.SyncAsync();
        await h.IngestAsync();
        Assert.Contains(await AttachmentChunksAsync(h), c => c.Metadata["attachment_id"] == attachment.Id);

        h.Time.Advance(TimeSpan.FromSeconds(30));
        h.Emulator.Control.DeleteMessage(messageId);
        var delta = await h.SyncAsync();
        await h.IngestAsync();

        Assert.Equal(SyncKind.Delta, delta.Kind);
        Assert.True((await h.Raw.GetAsync(AttachmentKey(attachment.Id)))!.IsDeleted);
        Assert.DoesNotContain(await AttachmentChunksAsync(h), c => c.Metadata["attachment_id"] == attachment.Id);
    }

    [Fact]
    public async Task An_attachment_added_to_a_synced_message_comes_through_the_change_feed()
    {
        await using var h = new EmulatorHarness(sync: o => o.FetchTextAttachments = true);
        var conversation = h.SyncedConversations().First(c => c.MessageCount > 0);
        var message = h.Emulator.Data.MessagesIn(conversation.Id)[^1];
        await h.SyncAsync();

        h.Time.Advance(TimeSpan.FromSeconds(30));
        var id = h.Emulator.Control.AddAttachment(message.Id, "later.json", "application/json", Encoding.UTF8.GetBytes("{\"notes\": \"" + Words + "\"}"));
        var delta = await h.SyncAsync();
        await h.IngestAsync();

        Assert.Equal(SyncKind.Delta, delta.Kind);
        Assert.Contains(await AttachmentChunksAsync(h), c => c.Metadata["attachment_id"] == id && c.Metadata["message_id"] == message.Id && c.Text.Contains(Words, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_document_exactly_at_the_size_limit_is_downloaded()
    {
        await using var h = new EmulatorHarness(sync: o => { o.FetchTextAttachments = true; o.MaxAttachmentBytes = Encoding.UTF8.GetByteCount(Words); });
        var messageId = PostWithAttachment(h, "exact.txt", "text/plain", Words);
        var attachment = Assert.Single(h.Emulator.Data.FindMessage(messageId)!.Attachments);

        await h.SyncAsync();

        using var payload = JsonDocument.Parse((await h.Raw.GetAsync(AttachmentKey(attachment.Id)))!.Payload);
        Assert.Equal("fetched", payload.RootElement.GetProperty("content_status").GetString());
        Assert.Equal(Words, payload.RootElement.GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_text_attachment_whose_bytes_are_binary_is_recorded_as_not_text_without_content()
    {
        await using var h = new EmulatorHarness(sync: o => o.FetchTextAttachments = true);
        var messageId = PostWithAttachment(h, "disguised.txt", "text/plain", "PK\0\0binary");
        var attachment = Assert.Single(h.Emulator.Data.FindMessage(messageId)!.Attachments);

        var run = await h.SyncAsync();

        Assert.Equal(0, run.ErrorCount);
        Assert.Contains(h.Emulator.Requests, r => r.PathAndQuery.StartsWith("/attachments/signedurl/" + attachment.Id, StringComparison.Ordinal));
        using var payload = JsonDocument.Parse((await h.Raw.GetAsync(AttachmentKey(attachment.Id)))!.Payload);
        Assert.Equal("not_text", payload.RootElement.GetProperty("content_status").GetString());
        Assert.False(payload.RootElement.TryGetProperty("content", out _));
    }

    [Fact]
    public async Task The_recorded_url_of_an_attachment_has_no_query()
    {
        await using var h = new EmulatorHarness();
        var (_, attachment) = SyncedAttachments(h)[0];

        await h.SyncAsync();

        using var payload = JsonDocument.Parse((await h.Raw.GetAsync(AttachmentKey(attachment.Id)))!.Payload);
        var url = payload.RootElement.GetProperty("url").GetString();
        Assert.False(string.IsNullOrEmpty(url));
        Assert.DoesNotContain("?", url, StringComparison.Ordinal);
        Assert.True(Uri.IsWellFormedUriString(url, UriKind.Absolute));
    }

    [Fact]
    public async Task A_failed_download_whose_message_was_deleted_is_not_retried()
    {
        await using var h = new EmulatorHarness(sync: o => o.FetchTextAttachments = true);
        var messageId = PostWithAttachment(h, "deleted.txt", "text/plain", Words);
        var attachment = Assert.Single(h.Emulator.Data.FindMessage(messageId)!.Attachments);
        var blocking = new FileBlocker(h.Emulator.CreateHandler());
        using var client = new CarbonVoiceClient(
            new CarbonVoiceOptions { BaseAddress = h.Emulator.BaseAddress, ClientId = "emulator-client", ClientSecret = "emulator-secret", RetryBaseDelay = TimeSpan.Zero },
            new StaticAccessTokenProvider(h.Emulator.IssueTokens(h.UserId).AccessToken),
            blocking);
        await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId));
        Assert.NotNull(await h.State.GetCheckpointAsync(TenantId, ConnectorId, "attachment-retry:" + attachment.Id));
        int SignedUrls() => h.Emulator.Requests.Count(r => r.PathAndQuery.StartsWith("/attachments/signedurl/" + attachment.Id, StringComparison.Ordinal));
        var asked = SignedUrls();
        Assert.True(asked > 0);

        blocking.Block = false;
        h.Time.Advance(TimeSpan.FromSeconds(30));
        h.Emulator.Control.DeleteMessage(messageId);
        var delta = await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId));

        Assert.Equal(SyncKind.Delta, delta.Kind);
        Assert.Equal(SyncRunStatus.Succeeded, delta.Status);
        Assert.True(delta.ErrorCount == 0, string.Join("; ", delta.Errors));
        Assert.Equal(asked, SignedUrls());
        Assert.True((await h.Raw.GetAsync(AttachmentKey(attachment.Id)))!.IsDeleted);
        Assert.Null(await h.State.GetCheckpointAsync(TenantId, ConnectorId, "attachment-retry:" + attachment.Id));
    }

    [Fact]
    public async Task A_signed_url_refused_for_authentication_ends_the_run_as_expired_not_as_a_failed_file()
    {
        await using var h = new EmulatorHarness(sync: o => o.FetchTextAttachments = true);
        var messageId = PostWithAttachment(h, "secret.txt", "text/plain", Words);
        var attachment = Assert.Single(h.Emulator.Data.FindMessage(messageId)!.Attachments);
        using var client = new CarbonVoiceClient(
            new CarbonVoiceOptions { BaseAddress = h.Emulator.BaseAddress, ClientId = "emulator-client", ClientSecret = "emulator-secret", RetryBaseDelay = TimeSpan.Zero },
            new StaticAccessTokenProvider(h.Emulator.IssueTokens(h.UserId).AccessToken),
            new PathFailingHandler(h.Emulator.CreateHandler(), "/attachments/signedurl/" + attachment.Id, HttpStatusCode.Unauthorized));

        var run = await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId));

        Assert.Equal(SyncRunStatus.Expired, run.Status);
        Assert.DoesNotContain(run.Errors, e => e.EntityType == CarbonVoiceEntities.Attachment);
        Assert.Null(await h.State.GetCheckpointAsync(TenantId, ConnectorId, "attachment-retry:" + attachment.Id));
    }

    [Fact]
    public async Task A_pending_retry_waits_while_fetching_text_is_off()
    {
        await using var h = new EmulatorHarness(sync: o => o.FetchTextAttachments = true);
        var messageId = PostWithAttachment(h, "later.txt", "text/plain", Words);
        var attachment = Assert.Single(h.Emulator.Data.FindMessage(messageId)!.Attachments);
        // Past the safety margin, so the delta below does not meet the message again (only the retry would).
        h.Time.Advance(TimeSpan.FromMinutes(10));
        using var client = new CarbonVoiceClient(
            new CarbonVoiceOptions { BaseAddress = h.Emulator.BaseAddress, ClientId = "emulator-client", ClientSecret = "emulator-secret", RetryBaseDelay = TimeSpan.Zero },
            new StaticAccessTokenProvider(h.Emulator.IssueTokens(h.UserId).AccessToken),
            new FileBlocker(h.Emulator.CreateHandler()));
        await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId));
        var retry = await h.State.GetCheckpointAsync(TenantId, ConnectorId, "attachment-retry:" + attachment.Id);
        Assert.NotNull(retry);

        h.Time.Advance(TimeSpan.FromSeconds(30));
        var options = new SyncOptions { MessagePageSize = h.SyncOptions.MessagePageSize, EnqueueIngestionAfterSync = false, FetchTextAttachments = false };
        var delta = await new CarbonVoiceSyncService(h.Raw, h.State, Microsoft.Extensions.Options.Options.Create(options), h.Time).SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));

        Assert.Equal(SyncKind.Delta, delta.Kind);
        Assert.Equal(SyncRunStatus.Succeeded, delta.Status);
        Assert.Equal(retry, await h.State.GetCheckpointAsync(TenantId, ConnectorId, "attachment-retry:" + attachment.Id));
        using var payload = JsonDocument.Parse((await h.Raw.GetAsync(AttachmentKey(attachment.Id)))!.Payload);
        Assert.Equal("failed", payload.RootElement.GetProperty("content_status").GetString());
    }

    [Theory]
    [InlineData("Uploading")]
    [InlineData("Initializing")]
    [InlineData("uploading")]
    public async Task A_document_still_being_uploaded_is_recorded_as_not_ready_and_not_downloaded(string status)
    {
        await using var h = new EmulatorHarness(sync: o => o.FetchTextAttachments = true);
        var messageId = PostWithAttachment(h, "pending.txt", "text/plain", Words);
        var attachment = Assert.Single(h.Emulator.Data.FindMessage(messageId)!.Attachments);
        using var client = new CarbonVoiceClient(
            new CarbonVoiceOptions { BaseAddress = h.Emulator.BaseAddress, ClientId = "emulator-client", ClientSecret = "emulator-secret", RetryBaseDelay = TimeSpan.Zero },
            new StaticAccessTokenProvider(h.Emulator.IssueTokens(h.UserId).AccessToken),
            new AttachmentStatusRewriter(h.Emulator.CreateHandler(), status));

        var run = await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId));

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(0, run.ErrorCount);
        using var payload = JsonDocument.Parse((await h.Raw.GetAsync(AttachmentKey(attachment.Id)))!.Payload);
        Assert.Equal("not_ready", payload.RootElement.GetProperty("content_status").GetString());
        Assert.Equal(status, payload.RootElement.GetProperty("status").GetString());
        Assert.DoesNotContain(h.Emulator.Requests, r => r.PathAndQuery.StartsWith("/attachments/signedurl/" + attachment.Id, StringComparison.Ordinal));
    }

    /// <summary>Rewrites the upload status of every attachment in the v6 message feeds (the emulator's are all uploaded).</summary>
    private sealed class AttachmentStatusRewriter(HttpMessageHandler inner, string status) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!request.RequestUri!.AbsolutePath.StartsWith("/v6/messages", StringComparison.Ordinal) || !response.IsSuccessStatusCode)
            {
                return response;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "application/json";
            response.Content = new StringContent(body.Replace("\"status\":\"Uploaded\"", $"\"status\":\"{status}\"", StringComparison.Ordinal), Encoding.UTF8, mediaType);
            return response;
        }
    }

    /// <summary>Answers 403 (as a file host does to an expired URL) for every download while <see cref="Block"/> is set.</summary>
    private sealed class FileBlocker(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public bool Block { get; set; } = true;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Block && request.RequestUri!.AbsolutePath.StartsWith("/files/", StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"), RequestMessage = request })
                : base.SendAsync(request, cancellationToken);
    }
}
