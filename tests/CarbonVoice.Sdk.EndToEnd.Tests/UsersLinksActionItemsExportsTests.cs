using CarbonVoice.Sdk.EndToEnd.Tests.Support;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

public sealed class UsersTests
{
    [Fact]
    public async Task WhoAmI_users_and_last_seen_match_the_data()
    {
        await using var h = new Harness(o => o.Users = 6);
        var client = h.ClientFor();
        var data = h.Emulator.Data;
        var mine = data.WorkspacesOf(h.User.Id).Select(w => w.Id).ToHashSet();
        var known = data.Users.Where(u => u.Id == h.User.Id || data.WorkspacesOf(u.Id).Any(w => mine.Contains(w.Id))).ToList();

        var me = await client.Users.WhoAmIAsync();
        var users = await client.Users.ListAsync();
        var lastSeen = await client.Users.ListLastSeenAsync();

        Assert.Equal(h.User.Id, me.Id);
        Assert.Equal(h.User.FirstName, me.FirstName);
        Assert.Equal(h.User.LastName, me.LastName);
        Assert.Equal(h.User.Email, me.Email);
        Assert.Equal(mine.Order(), me.WorkspaceIds!.Order());
        Assert.Equal(known.Select(u => u.Id), users.Select(u => u.Id));
        Assert.All(users, u => Assert.Equal(known.Single(k => k.Id == u.Id).FirstName, u.FirstName));
        Assert.Equal(known.Select(u => u.Id).Order(), lastSeen.Select(u => u.UserId).Order());
        Assert.All(lastSeen, u => Assert.NotNull(u.LastSeenAt));
    }
}

public sealed class CarbonLinksTests
{
    [Fact]
    public async Task Create_and_create_personal_return_links_owned_by_the_user()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var workspace = h.Emulator.Data.WorkspacesOf(h.User.Id)[0];
        var conversation = h.Emulator.Data.ConversationsIn(workspace.Id)[0];

        var link = await client.CarbonLinks.CreateAsync(new CreateCarbonLinkRequest { WorkspaceId = workspace.Id, Type = CarbonLinkTypes.QrCode, Name = "Front desk", ChannelId = conversation.Id });
        var personal = await client.CarbonLinks.CreatePersonalAsync(new CreatePersonalCarbonLinkRequest { Name = "Me" });
        var unnamed = await client.CarbonLinks.CreatePersonalAsync();

        Assert.False(string.IsNullOrEmpty(link.Id));
        Assert.True(Uri.IsWellFormedUriString(link.Link, UriKind.Absolute), link.Link);
        Assert.Equal(CarbonLinkTypes.QrCode, link.Type);
        Assert.Equal("Front desk", link.Name);
        Assert.Equal(workspace.Id, link.WorkspaceId);
        Assert.Equal(conversation.Id, link.ChannelId);
        Assert.Equal(h.User.Id, link.OwnerId);
        Assert.Equal(Harness.Start, link.CreatedAt);
        Assert.Equal("Me", personal.Name);
        Assert.Equal(h.User.Id, personal.OwnerId);
        Assert.NotEqual(personal.Id, unnamed.Id);
        Assert.Equal(2, h.RequestsTo("POST", "/carbonlink/personal").Count);
    }
}

public sealed class ActionItemsTests
{
    [Fact]
    public async Task List_by_container_mine_and_create_match_the_data()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var data = h.Emulator.Data;
        var other = data.Users.First(u => u.Id != h.User.Id && data.WorkspacesOf(u.Id).Count > 0);
        var conversation = data.ConversationsIn(data.WorkspacesOf(h.User.Id)[0].Id).First(c => c.CollaboratorIds.Contains(other.Id) && c.CollaboratorIds.Contains(h.User.Id));
        var assignedToMe = h.Emulator.Control.CreateActionItem(conversation.Id, other.Id, "Review the transcript", assignedToUserId: h.User.Id);
        var assignedToOther = h.Emulator.Control.CreateActionItem(conversation.Id, h.User.Id, "Someone else's job", assignedToUserId: other.Id);

        var inConversation = await client.ActionItems.ListAsync(ActionItemContainerTypes.Channel, conversation.Id, new ActionItemListOptions { PageSize = 2 }).ToListAsync();
        Assert.Equal(data.ActionItemIdsIn(conversation.Id).Order(), inConversation.Select(a => a.Id).Order());
        Assert.All(inConversation, a => Assert.Equal(conversation.Id, a.ContainerId));

        var mine = await client.ActionItems.ListMineAsync().ToListAsync();
        Assert.Contains(assignedToMe, mine.Select(a => a.Id));
        Assert.DoesNotContain(assignedToOther, mine.Select(a => a.Id));
        Assert.All(mine, a => Assert.True(a.AssignedTo == h.User.Id || (a.AssignedTo is null && a.CreatorId == h.User.Id)));
        var todo = await client.ActionItems.ListMineAsync(new ActionItemListOptions { Status = ActionItemStatuses.Todo }).ToListAsync();
        Assert.All(todo, a => Assert.Equal(ActionItemStatuses.Todo, a.Status));
        Assert.Contains(assignedToMe, todo.Select(a => a.Id));

        var source = data.MessagesIn(conversation.Id)[0];
        var created = await client.ActionItems.CreateAsync(new CreateActionItemRequest
        {
            Title = "Follow up with ✓ the customer",
            ContainerType = ActionItemContainerTypes.Channel,
            ContainerId = conversation.Id,
            NotesText = "from the e2e suite",
            AssignedTo = h.User.Id,
            DueDate = new DateOnly(2026, 3, 15),
            SourceMessageId = source.Id,
        });
        Assert.Equal("Follow up with ✓ the customer", created.Title);
        Assert.Equal(conversation.Id, created.ContainerId);
        Assert.Equal(h.User.Id, created.AssignedTo);
        Assert.Equal(h.User.Id, created.CreatorId);
        Assert.Equal(source.Id, created.SourceMessageId);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero), created.DueDate);
        Assert.Contains(created.Id, data.ActionItemIdsIn(conversation.Id));
        Assert.Contains(created.Id, (await client.ActionItems.ListMineAsync().ToListAsync()).Select(a => a.Id));
    }
}

public sealed class DataExportsTests
{
    [Fact]
    public async Task Export_jobs_go_from_pending_to_done()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var workspace = h.Emulator.Data.WorkspacesOf(h.User.Id)[0];
        var channels = h.Emulator.Data.ConversationsIn(workspace.Id).Take(2).Select(c => c.Id).ToList();

        var conversations = await client.DataExports.ExportConversationsAsync(new ExportConversationsRequest
        {
            WorkspaceId = workspace.Id,
            ChannelIds = channels,
            StartDate = Harness.Start.AddDays(-30),
            EndDate = Harness.Start,
            Format = ExportFormats.Csv,
        });
        var users = await client.DataExports.ExportUsersAsync(new ExportUsersRequest { WorkspaceId = workspace.Id, Format = ExportFormats.Json });

        Assert.Equal(ExportJobStatuses.Pending, conversations.Status);
        Assert.Equal(ExportJobTypes.Conversations, conversations.Type);
        Assert.Equal(workspace.Id, conversations.WorkspaceId);
        Assert.Equal(ExportJobTypes.Users, users.Type);
        Assert.NotEqual(conversations.Id, users.Id);

        var read = await client.DataExports.GetAsync(users.Id);
        Assert.Equal(users.Id, read.Id);
        Assert.Equal(ExportJobStatuses.Pending, read.Status);

        // Polls on the shared fake clock: pending → processing → done.
        var done = await h.Clock.DriveAsync(client.DataExports.WaitForCompletionAsync(conversations.Id, TimeSpan.FromSeconds(2), h.Clock));
        Assert.Equal(ExportJobStatuses.Done, done.Status);
        Assert.False(string.IsNullOrEmpty(done.DownloadUrl));
        Assert.Equal(3, h.RequestsTo("GET", $"/data-exporter/{conversations.Id}").Count);
        Assert.Equal(ExportJobStatuses.Processing, (await client.DataExports.GetAsync(users.Id)).Status);
    }
}
