using System.Net;

namespace CarbonVoice.Sdk.Tests.Mocking;

public class ModelFactoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_legacy_message_exposes_its_transcript_through_the_text_models()
    {
        var message = CarbonVoiceModelFactory.LegacyMessage("m1", "c1", "Hello", sequence: 7, createdAt: Now);

        Assert.Equal("Hello", message.Transcript);
        Assert.Equal(7, message.Sequence);
        Assert.Equal(["c1"], message.ChannelIds);
        Assert.Equal("active", message.Status);
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
