using CarbonVoice.Sdk.EndToEnd.Tests.Support;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

/// <summary>
/// The routes PhononX's own clients call besides the v6 feeds (facts §7 "More confirmed routes"), SDK against emulator:
/// the flat v3 message, the message index, share links, reactions, signed attachment URLs and the download of their bytes.
/// </summary>
public sealed class ConfirmedRoutesTests
{
    private static IEnumerable<EmulatorMessage> MessagesOf(Harness h)
        => h.Emulator.Data.WorkspacesOf(h.User.Id).SelectMany(w => h.Emulator.Data.ConversationsIn(w.Id)).SelectMany(c => h.Emulator.Data.MessagesIn(c.Id));

    [Fact]
    public async Task GetV3_reads_the_flat_v3_message_with_its_words()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var picks = MessagesOf(h).Where(m => m.IsTranscriptReady).GroupBy(m => (m.Kind, m.TranscriptOnlyInTimeCodes, m.HasAttachment)).Select(g => g.First()).ToList();
        Assert.Contains(picks, m => m.Kind == "audio");

        foreach (var data in picks)
        {
            var message = await client.Messages.GetV3Async(data.Id);
            Assert.Equal(data.Id, message.Id);
            Assert.Equal([data.ConversationId], message.ChannelIds);
            Assert.Equal(data.Transcript, message.Transcript);
            Assert.Equal(data.Attachments.Select(a => a.Id), (message.Attachments ?? []).Select(a => a.Id));
            Assert.Equal(data.ShareLinkId, message.ShareLinkId);
        }

        await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.Messages.GetV3Async("no-such-message"));
    }

    [Fact]
    public async Task ListIndex_finds_a_threads_replies_which_GetByIdsV6_then_reads()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var reply = MessagesOf(h).First(m => m.ParentMessageId is not null);
        var all = h.Emulator.Data.MessagesIn(reply.ConversationId);

        var index = await client.Messages.ListIndexAsync(reply.ConversationId, new MessageIndexOptions { Limit = 1000 });

        Assert.Equal(all.Reverse().Select(m => m.Id), index.Select(r => r.Id));
        Assert.All(index, row => Assert.Equal("active", row.Status));
        var thread = index.Where(r => r.ParentMessageId == reply.ParentMessageId).Select(r => r.Id).ToList();
        Assert.Contains(reply.Id, thread);
        var replies = await client.Messages.GetByIdsV6Async(reply.ConversationId, thread);
        Assert.All(replies, m => Assert.Equal(reply.ParentMessageId, m.ParentMessageId));
        var oldest = await client.Messages.ListIndexAsync(reply.ConversationId, new MessageIndexOptions { Limit = 3, Direction = MessageDirections.Newer });
        Assert.Equal(all.Take(3).Select(m => m.Id), oldest.Select(r => r.Id));
        Assert.Equal(all[0].CreatedAt, oldest[0].CreatedAt);
    }

    [Fact]
    public async Task A_forwarded_messages_share_link_holds_the_original_and_a_revoked_one_is_forbidden()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var links = h.Emulator.Data.ShareLinks;
        var visible = MessagesOf(h).Where(m => m.ShareLinkId is not null).Select(m => m.ShareLinkId!).ToHashSet();
        var live = links.First(l => visible.Contains(l.Id) && !l.IsRevoked && !l.IsExpired);
        var wrapper = await client.Messages.GetV6Async(live.WrapperMessageId!);

        var link = await client.ShareLinks.GetAsync(wrapper.ShareLinkId!);

        Assert.Equal(live.Id, link.Id);
        Assert.Equal(ShareLinkTypes.Forward, link.ShareType);
        Assert.Equal(live.CreatedBy, link.CreatedBy);
        Assert.Null(link.RevokedAt);
        Assert.NotNull(link.HasChannelAccess);
        Assert.Equal(live.SharedMessageId, link.SharedMessage!.Id);
        Assert.Equal(h.Emulator.Data.FindMessage(live.SharedMessageId)!.Transcript, link.SharedMessage.Transcript);

        var revoked = links.First(l => l.IsRevoked);
        var error = await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.ShareLinks.GetAsync(revoked.Id));
        Assert.Contains("revoked", error.ErrorMessage, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.ShareLinks.GetAsync("000000000000000000000000"));
    }

    [Fact]
    public async Task A_created_link_opens_for_another_user()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var message = MessagesOf(h).First();

        var created = await client.ShareLinks.CreateAsync(new CreateShareLinkRequest { SharedMessageId = message.Id, EndAccessAt = Harness.Start.AddDays(7) });

        Assert.False(string.IsNullOrEmpty(created.Id));
        Assert.Equal(message.Id, created.SharedMessageId);
        Assert.Equal(Harness.Start.AddDays(7), created.EndAccessAt);
        var other = h.ClientFor(h.Emulator.Data.Users[^1].Id);
        var opened = await other.ShareLinks.GetAsync(created.Id);
        Assert.Equal(message.Transcript, opened.SharedMessage!.Transcript);
        var refused = await Assert.ThrowsAsync<CarbonVoiceValidationException>(() => client.ShareLinks.CreateAsync(new CreateShareLinkRequest { SharedMessageId = message.Id, ShareType = "copy" }));
        Assert.Contains("share_type", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reactions_list_the_ids_message_summaries_name()
    {
        await using var h = new Harness();
        var client = h.ClientFor();

        var reactions = await client.Reactions.ListAsync();
        var reacted = await client.Messages.GetV6Async(MessagesOf(h).First(m => m.ReactionCount > 0).Id);

        Assert.NotEmpty(reactions);
        Assert.All(reactions, r => Assert.False(string.IsNullOrEmpty(r.Code)));
        Assert.Subset(reactions.Select(r => r.Id).ToHashSet(), reacted.ReactionSummary!.ReactionCounts!.Keys.ToHashSet());
    }

    [Fact]
    public async Task A_text_attachment_downloads_through_its_signed_url_in_both_answer_shapes()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var attachments = MessagesOf(h).SelectMany(m => m.Attachments).ToList();
        var plain = attachments.First(a => !IsQuoted(a.Id));
        var quoted = attachments.First(a => IsQuoted(a.Id));

        foreach (var attachment in new[] { plain, quoted })
        {
            var url = await client.Attachments.GetDownloadUrlAsync(attachment.Id);
            var download = await client.Attachments.DownloadAsync(url, attachment.LengthInBytes);
            Assert.Equal(h.Emulator.Data.AttachmentContent(attachment.Id), download.Content.ToArray());
            Assert.Equal(attachment.MimeType, download.MediaType);
        }

        var last = h.Emulator.Requests.Last();
        Assert.StartsWith("/files/", last.PathAndQuery, StringComparison.Ordinal);
        Assert.False(last.PresentedCredential);
        Assert.Equal(200, last.Status);
    }

    [Fact]
    public async Task Bulk_signed_urls_download_and_expire_on_the_emulators_clock()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var attachments = MessagesOf(h).SelectMany(m => m.Attachments).Take(4).ToList();

        var urls = await client.Attachments.GetDownloadUrlsAsync([.. attachments.Select(a => a.Id), "unknown"]);

        Assert.Equal(attachments.Select(a => a.Id), urls.Select(u => u.AttachmentId));
        var small = attachments.MinBy(a => a.LengthInBytes)!;
        var smallUrl = urls.Single(u => u.AttachmentId == small.Id);
        Assert.Equal(small.LengthInBytes, (await client.Attachments.DownloadAsync(smallUrl, small.LengthInBytes)).Length);
        var tooLarge = await Assert.ThrowsAsync<CarbonVoiceContentTooLargeException>(() => client.Attachments.DownloadAsync(smallUrl, small.LengthInBytes - 1));
        Assert.Equal(small.LengthInBytes, tooLarge.ContentLength);

        h.Time.Advance(h.Emulator.Options.SignedUrlLifetime);
        var expired = await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.Attachments.DownloadAsync(smallUrl, small.LengthInBytes));
        Assert.DoesNotContain("X-Amz-Signature=", expired.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bot_reads_its_owner_from_whoami_with_a_personal_access_token()
    {
        await using var h = new Harness();
        var bot = h.Emulator.Data.Users.Single(u => u.IsBot);
        var pat = h.Emulator.CreatePersonalAccessToken(bot.Id);
        var client = h.Client(null, o =>
        {
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.PersonalAccessToken;
            o.PersonalAccessToken = pat;
        });

        var me = await client.Users.WhoAmIAsync();

        Assert.Equal(bot.Id, me.Id);
        Assert.Equal(h.User.Id, me.CreatedBy);
        var contacts = await h.ClientFor().Users.ListContactsAsync([bot.Id]);
        Assert.Equal("bot", Assert.Single(contacts).UserType);
    }

    [Fact]
    public async Task Over_a_loopback_port_the_signed_url_points_at_the_emulator_itself()
    {
        await using var emulator = new CarbonVoiceEmulator(new EmulatorOptions { Seed = 7 });
        await using var server = await emulator.StartServerAsync();
        var user = emulator.Data.Users[0];
        var attachment = emulator.Data.WorkspacesOf(user.Id).SelectMany(w => emulator.Data.ConversationsIn(w.Id))
            .SelectMany(c => emulator.Data.MessagesIn(c.Id)).SelectMany(m => m.Attachments).First(a => a.IsText);
        using var client = new CarbonVoiceClient(new CarbonVoiceOptions
        {
            BaseAddress = server.BaseAddress,
            AuthenticationMode = CarbonVoiceAuthenticationMode.PersonalAccessToken,
            PersonalAccessToken = emulator.CreatePersonalAccessToken(user.Id),
        });

        var url = await client.Attachments.GetDownloadUrlAsync(attachment.Id);
        var download = await client.Attachments.DownloadAsync(url, 1 << 20);

        Assert.Equal(server.BaseAddress.Authority, url.Url!.Authority);
        Assert.Equal(emulator.Data.AttachmentContent(attachment.Id), download.Content.ToArray());
    }

    private static bool IsQuoted(string attachmentId) => attachmentId.Sum(c => c) % 2 == 1;
}
