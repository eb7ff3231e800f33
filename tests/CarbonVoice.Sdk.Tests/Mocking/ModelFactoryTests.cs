using System.Net;

namespace CarbonVoice.Sdk.Tests.Mocking;

public class ModelFactoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_legacy_message_exposes_its_transcript_through_the_text_models()
    {
        var message = CarbonVoiceModelFactory.LegacyMessage("m1", "c1", "Hello", createdAt: Now);

        Assert.Equal("Hello", message.Transcript);
        Assert.Equal(LegacyTextModel.TranscriptType, Assert.Single(message.TextModels!).Type);
        Assert.Equal(["c1"], message.ChannelIds);
        Assert.Equal("active", message.Status);
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
        var message = CarbonVoiceModelFactory.LegacyMessage("m1", "c1", deletedAt: Now);

        Assert.Null(message.Transcript);
        Assert.Equal("deleted", message.Status);
        Assert.Equal(Now, message.LastUpdatedAt);
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

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("r-9", notFound.RequestId);
        Assert.Equal(Now.AddSeconds(30), limited.ResetAt);
        Assert.Equal(TimeSpan.FromSeconds(30), limited.RetryAfter);
        Assert.Equal("connector-1", expired.ConnectionId);
        Assert.IsAssignableFrom<CarbonVoiceAuthenticationException>(expired);
    }

    [Fact]
    public void Other_builders_fill_the_fields_they_name()
    {
        Assert.Equal("c1", CarbonVoiceModelFactory.Conversation("c1", "w1", "General", 3).Id);
        Assert.Equal("hi", CarbonVoiceModelFactory.Message("m1", "c1", "hi", Now, "u1", 1).Transcript);
        Assert.Equal(["w1"], CarbonVoiceModelFactory.User("u1", "Ada", "Lovelace", "ada@example.test", ["w1"]).WorkspaceIds);
        Assert.Equal("channel", CarbonVoiceModelFactory.ActionItem("a1", "Call back", containerId: "c1").ContainerType);
        Assert.Equal("done", CarbonVoiceModelFactory.ExportJob("e1", "done", "https://files.test/e1").Status);
        Assert.False(CarbonVoiceModelFactory.Page<int>([1, 2]).HasMore);
    }
}
