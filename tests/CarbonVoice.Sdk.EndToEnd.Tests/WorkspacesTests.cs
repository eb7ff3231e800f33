using CarbonVoice.Sdk.EndToEnd.Tests.Support;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

public sealed class WorkspacesTests
{
    [Fact]
    public async Task List_v5_returns_exactly_the_users_workspaces_across_pages()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var expected = h.Emulator.Data.WorkspacesOf(h.User.Id);

        var all = await client.Workspaces.ListAsync().ToListAsync();
        var paged = await client.Workspaces.ListAsync(new WorkspaceListOptions { PageSize = 1 }).ToListAsync();

        Assert.Equal(expected.Select(w => w.Id).Order(), all.Select(w => w.Id).Order());
        Assert.Equal(all.Select(w => w.Id), paged.Select(w => w.Id));
        foreach (var workspace in all)
        {
            var data = expected.Single(w => w.Id == workspace.Id);
            Assert.Equal(data.Name, workspace.Name);
            Assert.Equal(data.Type, workspace.Type);
            Assert.Equal(data.OwnerId, workspace.OwnerId);
        }

        Assert.True(h.RequestsTo("GET", "/v5/workspaces?limit=1").Count >= expected.Count, string.Join(", ", h.RequestsTo("GET", "/v5/workspaces").Select(r => r.PathAndQuery)));
    }

    [Fact]
    public async Task Get_v5_and_legacy_list_and_get_match_the_data()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var expected = h.Emulator.Data.WorkspacesOf(h.User.Id);

        var legacy = await client.Workspaces.ListLegacyAsync();
        Assert.Equal(expected.Select(w => w.Id).Order(), legacy.Select(w => w.Id).Order());

        foreach (var data in expected)
        {
            var v5 = await client.Workspaces.GetAsync(data.Id);
            Assert.Equal(data.Id, v5.Id);
            Assert.Equal(data.Name, v5.Name);
            Assert.Equal(data.OwnerId, v5.OwnerId);

            var v3 = await client.Workspaces.GetLegacyAsync(data.Id);
            Assert.Equal(data.Id, v3.Id);
            Assert.Equal(data.Name, v3.Name);
            Assert.Equal(data.OwnerId, v3.OwnerId);
            Assert.Equal(legacy.Single(w => w.Id == data.Id).Name, v3.Name);
        }
    }

    [Fact]
    public async Task Create_adds_a_workspace_the_user_then_sees()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var before = h.Emulator.Data.Workspaces.Count;

        var created = await client.Workspaces.CreateAsync(new CreateWorkspaceRequest { Name = "Ünïcode Crew 🚀", Description = "made by the e2e suite" });

        Assert.False(string.IsNullOrEmpty(created.Id));
        Assert.Equal("Ünïcode Crew 🚀", created.Name);
        Assert.Equal("made by the e2e suite", created.Description);
        Assert.Equal(h.User.Id, created.OwnerId);
        Assert.Equal(before + 1, h.Emulator.Data.Workspaces.Count);
        var data = Assert.Single(h.Emulator.Data.Workspaces, w => w.Id == created.Id);
        Assert.Equal("Ünïcode Crew 🚀", data.Name);
        Assert.Contains(h.User.Id, data.MemberIds);
        Assert.Contains(created.Id, (await client.Workspaces.ListAsync().ToListAsync()).Select(w => w.Id));
        Assert.Equal(created.Name, (await client.Workspaces.GetAsync(created.Id)).Name);
        Assert.Single(h.RequestsTo("POST", "/v3/workspace"));
    }

    [Fact]
    public async Task List_v5_filters_by_role_and_type()
    {
        await using var h = new Harness(o => { o.Workspaces = 5; o.Users = 5; });
        var client = h.ClientFor();
        var mine = h.Emulator.Data.WorkspacesOf(h.User.Id);

        var owned = await client.Workspaces.ListAsync(new WorkspaceListOptions { Roles = ["owner"] }).ToListAsync();
        var standard = await client.Workspaces.ListAsync(new WorkspaceListOptions { Types = ["standard"], PageSize = 1 }).ToListAsync();

        Assert.Equal(mine.Where(w => w.OwnerId == h.User.Id).Select(w => w.Id).Order(), owned.Select(w => w.Id).Order());
        Assert.Equal(mine.Where(w => w.Type == "standard").Select(w => w.Id).Order(), standard.Select(w => w.Id).Order());
    }
}
