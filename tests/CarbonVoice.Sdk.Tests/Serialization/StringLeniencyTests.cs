using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Serialization;

/// <summary>Every string field reads a number or a boolean as its text, as Carbon Voice's own clients do.</summary>
public class StringLeniencyTests
{
    [Fact]
    public async Task A_workspace_with_numbers_and_booleans_in_string_fields_reads_them_as_text()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v5/workspaces")).Respond(Json.MediaType, """
            [{"id": 12, "name": 3.5, "vanity_name": true, "plan_type": false, "description": null}]
            """);
        using var client = TestClients.Create(mock);

        var workspace = Assert.Single(await client.Workspaces.ListAsync().ToListAsync());

        Assert.Equal("12", workspace.Id);
        Assert.Equal("3.5", workspace.Name);
        Assert.Equal("true", workspace.VanityName);
        Assert.Equal("false", workspace.PlanType);
        Assert.Null(workspace.Description);
    }

    [Fact]
    public async Task Strings_in_nested_objects_and_lists_of_a_v6_feed_read_numbers_and_booleans_as_text()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v6/messages")).Respond(Json.MediaType, """
            {"data": [
              {"id": "m1", "status": "active", "creator_id": 4711, "tagged_user_ids": [1, "u2", true],
               "attachments": [{"id": 9, "filename": 2024, "mime_type": "audio/mpeg", "length_in_bytes": 10}],
               "content": {"transcript": 42, "language": false, "duration_ms": 1200}},
              {"id": 7, "status": "active"}
            ], "has_more": false, "next_cursor": null}
            """);
        using var client = TestClients.Create(mock);

        var messages = await client.Messages.ListHistoryAsync(new MessageFeedOptions { ConversationId = "c1" }).ToListAsync();

        Assert.Equal(["m1", "7"], messages.Select(m => m.Id));
        var first = messages[0];
        Assert.Equal("4711", first.CreatorId);
        Assert.Equal(["1", "u2", "true"], first.TaggedUserIds);
        var attachment = Assert.Single(first.Attachments!);
        Assert.Equal("9", attachment.Id);
        Assert.Equal("2024", attachment.Filename);
        Assert.Equal(10, attachment.LengthInBytes);
        Assert.Equal("42", first.Content!.Transcript);
        Assert.Equal("false", first.Content.Language);
        Assert.Equal(1200, first.Content.DurationMs);
    }

    [Fact]
    public async Task Collaborators_of_a_conversation_read_numeric_ids_as_text()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("channel/collaborators/w1/c1")).Respond(Json.MediaType, """
            [{"user_guid": 1001, "first_name": "Ana", "last_name": 0, "permission": true}]
            """);
        using var client = TestClients.Create(mock);

        var collaborator = Assert.Single(await client.Conversations.ListCollaboratorsAsync("w1", "c1"));

        Assert.Equal("1001", collaborator.UserId);
        Assert.Equal("0", collaborator.LastName);
        Assert.Equal("true", collaborator.Permission);
    }

    [Fact]
    public async Task Large_and_fractional_numbers_keep_their_exact_text()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v5/workspaces")).Respond(Json.MediaType, """[{"id": 123456789012345678901234567890, "name": -1.50e3}]""");
        using var client = TestClients.Create(mock);

        var workspace = Assert.Single(await client.Workspaces.ListAsync().ToListAsync());

        Assert.Equal("123456789012345678901234567890", workspace.Id);
        Assert.Equal("-1.50e3", workspace.Name);
    }

    [Fact]
    public async Task Strings_are_still_written_as_strings_in_request_bodies()
    {
        using var mock = new MockHttpMessageHandler();
        string? sent = null;
        mock.When(HttpMethod.Post, TestClients.Url("v3/workspace")).Respond(request =>
        {
            sent = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            return Responses.Json(System.Net.HttpStatusCode.OK, """{"id":"w9","name":"12"}""");
        });
        using var client = TestClients.Create(mock);

        await client.Workspaces.CreateAsync(new CreateWorkspaceRequest { Name = "12" });

        Assert.Contains("\"name\":\"12\"", sent, StringComparison.Ordinal);
    }
}
