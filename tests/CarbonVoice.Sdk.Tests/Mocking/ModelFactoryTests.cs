using System.Net;

namespace CarbonVoice.Sdk.Tests.Mocking;

public class ModelFactoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_legacy_message_exposes_its_transcript_through_the_text_models()
    {
        var message = CarbonVoiceModelFactory.LegacyMessage("m1", "c1", "Hello", createdAt: Now, creatorId: "u1");

        Assert.Equal("Hello", message.Transcript);
        var model = Assert.Single(message.TextModels!);
        Assert.Equal((LegacyTextModel.TranscriptType, "Hello"), (model.Type, model.Value));
        Assert.Equal(("m1", "u1", "active", true), (message.Id, message.CreatorId, message.Status, message.IsTextMessage));
        Assert.Equal(["c1"], message.ChannelIds);
        Assert.Equal((Now, Now, (DateTimeOffset?)null), (message.CreatedAt!.Value, message.LastUpdatedAt!.Value, message.DeletedAt));
    }

    [Fact]
    public void A_legacy_message_without_words_is_processing()
    {
        var message = CarbonVoiceModelFactory.LegacyMessage("m1", "c1", createdAt: Now);

        Assert.Equal(MessageStatuses.Processing, message.Status);
        Assert.Empty(message.TextModels!);
        Assert.Null(message.Transcript);
    }

    [Fact]
    public void Voice_messages_are_built_in_the_real_shape_with_the_words_only_in_the_timecodes()
    {
        var legacy = CarbonVoiceModelFactory.LegacyMessage("m1", "c1", "Hello there", createdAt: Now, voice: true);
        var v6 = CarbonVoiceModelFactory.MessageV6("m2", "c1", "Hello there", createdAt: Now, voice: true);

        var model = Assert.Single(legacy.TextModels!);
        Assert.Equal((LegacyTextModel.TranscriptWithTimecodeType, string.Empty), (model.Type, model.Value));
        Assert.Equal(["Hello", "there"], model.Timecodes!.Select(t => t.Text));
        Assert.Equal("Hello there", legacy.Transcript);
        Assert.Equal(string.Empty, v6.Content!.Transcript);
        Assert.Equal("Hello there", v6.Transcript);
        Assert.Equal(("audio", "active", "m2"), (v6.Kind, v6.Status, v6.ThreadId));
        Assert.False(legacy.IsTextMessage);
        Assert.Equal([(0, 350), (400, 750)], v6.Content.TimeCodes!.Select(t => ((int)t.Start!, (int)t.End!)));
    }

    [Fact]
    public void A_v6_text_message_carries_every_field_it_names()
    {
        var message = CarbonVoiceModelFactory.MessageV6("m1", "c1", "Hi", createdAt: Now, creatorId: "u1", updatedAt: Now.AddMinutes(2));

        Assert.Equal(("m1", "c1", "u1", "m1"), (message.Id, message.ConversationId, message.CreatorId, message.ThreadId));
        Assert.Equal(("text", MessageStatuses.Active), (message.Kind, message.Status));
        Assert.Equal((Now, Now.AddMinutes(2), (DateTimeOffset?)null), (message.CreatedAt!.Value, message.UpdatedAt!.Value, message.DeletedAt));
        Assert.Equal("Hi", message.Content!.Transcript);
        Assert.Null(message.Content.TimeCodes);
        Assert.Equal("Hi", message.Transcript);
    }

    [Fact]
    public void A_v6_message_without_words_is_processing_and_a_v6_tombstone_is_deleted()
    {
        var processing = CarbonVoiceModelFactory.MessageV6("m1", "c1", createdAt: Now);
        var tombstone = CarbonVoiceModelFactory.MessageV6("m2", "c1", "gone", createdAt: Now, deletedAt: Now.AddMinutes(1));

        Assert.True(processing.IsPending);
        Assert.Null(processing.Content);
        Assert.True(tombstone.IsDeleted);
        Assert.False(tombstone.IsPending);
        Assert.Null(tombstone.Transcript);
        Assert.Equal(Now.AddMinutes(1), tombstone.UpdatedAt);
    }

    [Fact]
    public void A_legacy_tombstone_is_marked_deleted_and_has_no_transcript()
    {
        // Words are passed on purpose: a tombstone drops them, as the v6 one does.
        var message = CarbonVoiceModelFactory.LegacyMessage("m1", "c1", "gone", createdAt: Now.AddMinutes(-5), deletedAt: Now);

        Assert.Null(message.Transcript);
        Assert.Empty(message.TextModels!);
        Assert.Equal("deleted", message.Status);
        Assert.Equal((Now, Now), (message.LastUpdatedAt, message.DeletedAt));
    }

    [Fact]
    public void Unknown_fields_can_be_added_to_any_model()
    {
        var workspace = CarbonVoiceModelFactory.WithAdditionalProperties(CarbonVoiceModelFactory.Workspace("w1", "Sales"), """{"mood":"happy","score":3}""");

        Assert.Equal("happy", workspace.AdditionalProperties!["mood"].GetString());
        Assert.Equal(3, workspace.AdditionalProperties["score"].GetInt32());
        Assert.Equal("Sales", workspace.Name);
    }

    [Fact]
    public void Errors_carry_what_hosts_switch_on()
    {
        var notFound = CarbonVoiceModelFactory.NotFound("GET /v5/messages/{id}", requestId: "r-9");
        var limited = CarbonVoiceModelFactory.RateLimited("GET /v5/workspaces", TimeSpan.FromSeconds(30), Now);
        var expired = CarbonVoiceModelFactory.TokenExpired("connector-1");

        Assert.Equal((HttpStatusCode.NotFound, "GET /v5/messages/{id}", "r-9", "Not found"), (notFound.StatusCode, notFound.Endpoint, notFound.RequestId, notFound.ErrorMessage));
        Assert.Equal((HttpStatusCode.TooManyRequests, "GET /v5/workspaces"), (limited.StatusCode, limited.Endpoint));
        Assert.Equal(Now.AddSeconds(30), limited.ResetAt);
        Assert.Equal(TimeSpan.FromSeconds(30), limited.RetryAfter);
        Assert.Equal(new RateLimitInfo(null, 0, Now.AddSeconds(30), Now), limited.RateLimit);
        Assert.Equal("connector-1", expired.ConnectionId);
        Assert.Contains("connector-1", expired.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<CarbonVoiceAuthenticationException>(expired);
    }

    [Fact]
    public void Workspace_conversation_and_user_carry_every_field_they_name()
    {
        var workspace = CarbonVoiceModelFactory.Workspace("w1", "Sales", Now);
        var conversation = CarbonVoiceModelFactory.Conversation("c1", "w1", "General", 3);
        var user = CarbonVoiceModelFactory.User("u1", "Ada", "Lovelace", "ada@example.test", ["w1"]);

        Assert.Equal(("w1", "Sales", Now, Now), (workspace.Id, workspace.Name, workspace.CreatedAt, workspace.LastUpdatedAt));
        Assert.Equal(("c1", "w1", "General", 3L), (conversation.Id, conversation.WorkspaceId, conversation.Name, conversation.TotalMessages));
        Assert.Equal(("u1", "Ada", "Lovelace", "ada@example.test"), (user.Id, user.FirstName, user.LastName, user.Email));
        Assert.Equal(["w1"], user.WorkspaceIds);
        Assert.Empty(CarbonVoiceModelFactory.User("u2").WorkspaceIds!);
    }

    [Fact]
    public void A_v5_message_carries_every_field_it_names()
    {
        var message = CarbonVoiceModelFactory.Message("m1", "c1", "hi", Now, "u1", 7);

        Assert.Equal(("m1", "c1", "hi", "u1", 7L, "active"), (message.Id, message.ConversationId, message.RawTranscript, message.CreatorId, message.ConversationSequence, message.Status));
        Assert.Equal((Now, Now), (message.CreatedAt, message.UpdatedAt));
        Assert.Equal("hi", message.Transcript);
    }

    [Fact]
    public void Attachments_index_entries_and_reactions_carry_every_field_they_name()
    {
        var attachment = CarbonVoiceModelFactory.MessageAttachment("a1", "notes.txt", "text/plain", 12, "https://files.test/a1");
        var entry = CarbonVoiceModelFactory.MessageIndexEntry("m2", "m1", Now, "deleted");
        var reaction = CarbonVoiceModelFactory.Reaction("thumbs_up", ":+1:");
        var url = CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", new Uri("https://files.test/a1?sig=1"));
        var download = CarbonVoiceModelFactory.AttachmentDownload(new byte[] { 1, 2, 3 }, "text/plain");

        Assert.Equal(("a1", "file", "notes.txt", "text/plain", 12L, "https://files.test/a1"), (attachment.Id, attachment.Type, attachment.Filename, attachment.MimeType, attachment.LengthInBytes, attachment.Url));
        Assert.Equal(("m2", "m1", Now, "deleted"), (entry.Id, entry.ParentMessageId, entry.CreatedAt, entry.Status));
        Assert.Equal("active", CarbonVoiceModelFactory.MessageIndexEntry("m3").Status);
        Assert.Equal(("thumbs_up", ":+1:", "thumbs up"), (reaction.Id, reaction.Code, reaction.Name));
        Assert.Equal("Clap", CarbonVoiceModelFactory.Reaction("clap", name: "Clap").Name);
        Assert.Equal(("a1", new Uri("https://files.test/a1?sig=1")), (url.AttachmentId, url.Url));
        Assert.Equal([1, 2, 3], download.Content.ToArray());
        Assert.Equal("text/plain", download.MediaType);
    }

    [Fact]
    public void Share_links_carry_the_shared_message_and_the_access_of_their_type()
    {
        var shared = CarbonVoiceModelFactory.MessageV6("m1", "c1", "Hi", createdAt: Now);
        var forward = CarbonVoiceModelFactory.MessageShareLink("s1", shared, "u1", hasChannelAccess: true);
        var link = CarbonVoiceModelFactory.MessageShareLink("s2", shareType: ShareLinkTypes.Link);

        Assert.Equal(("s1", ShareLinkTypes.Forward, ShareLinkAccessTypes.Forward, "u1", "m1", true), (forward.Id, forward.ShareType, forward.AccessType, forward.CreatedBy, forward.SharedMessageId, forward.HasChannelAccess));
        Assert.Same(shared, forward.SharedMessage);
        Assert.Equal((ShareLinkTypes.Link, ShareLinkAccessTypes.Public, null, false), (link.ShareType, link.AccessType, link.SharedMessageId, link.HasChannelAccess));
    }

    [Fact]
    public void Action_items_export_jobs_and_pages_carry_every_field_they_name()
    {
        var item = CarbonVoiceModelFactory.ActionItem("a1", "Call back", "done", containerId: "c1");
        var loose = CarbonVoiceModelFactory.ActionItem("a2", "Think");
        var job = CarbonVoiceModelFactory.ExportJob("e1", "done", "https://files.test/e1");
        var page = CarbonVoiceModelFactory.Page<int>([1, 2], "next");

        Assert.Equal(("a1", "Call back", "done", "c1", "channel"), (item.Id, item.Title, item.Status, item.ContainerId, item.ContainerType));
        Assert.Equal(("todo", null, null), (loose.Status, loose.ContainerId, loose.ContainerType));
        Assert.Equal(("e1", "done", "https://files.test/e1"), (job.Id, job.Status, job.DownloadUrl));
        Assert.Equal(("pending", null), (CarbonVoiceModelFactory.ExportJob("e2").Status, CarbonVoiceModelFactory.ExportJob("e2").DownloadUrl));
        Assert.Equal([1, 2], page.Items);
        Assert.Equal("next", page.ContinuationToken);
        Assert.True(page.HasMore);
        Assert.False(CarbonVoiceModelFactory.Page<int>([1]).HasMore);
    }
}
