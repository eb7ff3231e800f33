using CarbonVoice.Sdk.EndToEnd.Tests.Support;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

public sealed class ConversationsTests
{
    [Fact]
    public async Task List_and_available_partition_the_workspaces_conversations()
    {
        await using var h = new Harness(o => o.ConversationsPerWorkspace = 8);
        var client = h.ClientFor();

        foreach (var workspace in h.Emulator.Data.WorkspacesOf(h.User.Id))
        {
            var expected = h.Emulator.Data.ConversationsIn(workspace.Id);
            var joined = await client.Conversations.ListAsync(workspace.Id);
            var available = await client.Conversations.ListAvailableAsync(workspace.Id);

            Assert.Equal(expected.Where(c => c.CollaboratorIds.Contains(h.User.Id)).Select(c => c.Id).Order(), joined.Select(c => c.Id).Order());
            Assert.Equal(expected.Where(c => !c.CollaboratorIds.Contains(h.User.Id)).Select(c => c.Id).Order(), available.Select(c => c.Id).Order());
            foreach (var conversation in joined.Concat(available))
            {
                var data = expected.Single(c => c.Id == conversation.Id);
                Assert.Equal(data.Name, conversation.Name);
                Assert.Equal(workspace.Id, conversation.WorkspaceId);
                Assert.Equal(data.Type, conversation.Type);
                Assert.Equal(data.MessageCount, conversation.TotalMessages);
            }
        }
    }

    [Fact]
    public async Task Get_v2_v1_and_collaborators_match_the_data()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var workspace = h.Emulator.Data.WorkspacesOf(h.User.Id)[0];

        foreach (var data in h.Emulator.Data.ConversationsIn(workspace.Id))
        {
            var v2 = await client.Conversations.GetAsync(data.Id);
            Assert.Equal(data.Id, v2.Id);
            Assert.Equal(data.Name, v2.Name);
            Assert.Equal(data.WorkspaceId, v2.WorkspaceId);
            Assert.Equal(data.Type, v2.Type);
            Assert.Equal(data.MessageCount, v2.TotalMessages);
            Assert.Equal(data.CollaboratorIds.Order(), v2.Collaborators!.Select(c => c.UserId!).Order());

            var v1 = await client.Conversations.GetV1Async(data.Id);
            Assert.Equal(data.Id, v1.Id);
            Assert.Equal(data.Name, v1.Name);
            Assert.Equal(data.WorkspaceId, v1.WorkspaceId);

            var collaborators = await client.Conversations.ListCollaboratorsAsync(workspace.Id, data.Id);
            Assert.Equal(data.CollaboratorIds.Order(), collaborators.Select(c => c.UserId!).Order());
            Assert.All(collaborators, c => Assert.NotNull(c.JoinedAt));
        }
    }

    [Fact]
    public async Task Summary_exists_for_a_busy_conversation_and_not_for_an_empty_one()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var conversations = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id);
        var busy = conversations.First(c => c.MessageCount >= 5);
        var empty = conversations.First(c => c.MessageCount == 0);

        var summary = await client.Conversations.GetSummaryAsync(busy.Id);
        Assert.Equal(busy.Id, summary.ConversationId);
        Assert.Equal(busy.MessageCount, summary.MessageCount);
        Assert.False(string.IsNullOrWhiteSpace(summary.Summary));
        Assert.Equal(summary, await client.Conversations.FindSummaryAsync(busy.Id));

        Assert.Null(await client.Conversations.FindSummaryAsync(empty.Id));
        var missing = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.Conversations.GetSummaryAsync(empty.Id));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.False(string.IsNullOrEmpty(missing.RequestId));
    }
}
