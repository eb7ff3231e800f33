using System.Net;
using CarbonVoice.Sdk.EndToEnd.Tests.Support;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

public sealed class AccessControlTests
{
    [Fact]
    public async Task Another_users_workspace_is_forbidden_on_every_path()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var foreign = h.Emulator.Data.Workspaces[^1];
        Assert.DoesNotContain(h.User.Id, foreign.MemberIds);
        var conversation = h.Emulator.Data.ConversationsIn(foreign.Id)[0];
        var message = h.Emulator.Data.MessagesIn(conversation.Id)[0];

        var calls = new (string Name, Func<Task> Call)[]
        {
            ("workspace v5", () => client.Workspaces.GetAsync(foreign.Id)),
            ("workspace v3", () => client.Workspaces.GetLegacyAsync(foreign.Id)),
            ("channels", () => client.Conversations.ListAsync(foreign.Id)),
            ("available", () => client.Conversations.ListAvailableAsync(foreign.Id)),
            ("channel v2", () => client.Conversations.GetAsync(conversation.Id)),
            ("channel v1", () => client.Conversations.GetV1Async(conversation.Id)),
            ("collaborators", () => client.Conversations.ListCollaboratorsAsync(foreign.Id, conversation.Id)),
            ("summary", () => client.Conversations.GetSummaryAsync(conversation.Id)),
            ("message", () => client.Messages.GetAsync(message.Id)),
            ("by-ids", () => client.Messages.GetByIdsAsync(conversation.Id, [message.Id])),
            ("ids", () => client.Messages.ListIdsAsync(conversation.Id).ToListAsync()),
            ("all", () => client.Messages.ListAllAsync(conversation.Id).ToListAsync()),
            ("by date", () => client.Messages.ListByChannelAsync(conversation.Id).ToListAsync()),
            ("sequential", () => client.Messages.ListSequentialAsync(conversation.Id).ToListAsync()),
            ("recent", () => client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = Harness.Start, ChannelId = conversation.Id }).ToListAsync()),
            ("search", () => client.Messages.SearchAsync(new MessageSearchRequest { Query = "a", WorkspaceId = foreign.Id }).ToListAsync()),
            ("action items", () => client.ActionItems.ListAsync(ActionItemContainerTypes.Channel, conversation.Id).ToListAsync()),
            ("carbonlink", () => client.CarbonLinks.CreateAsync(new CreateCarbonLinkRequest { WorkspaceId = foreign.Id, Type = CarbonLinkTypes.Website })),
            ("export", () => client.DataExports.ExportUsersAsync(new ExportUsersRequest { WorkspaceId = foreign.Id })),
        };

        foreach (var (name, call) in calls)
        {
            var error = await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(call);
            Assert.True(error.StatusCode == HttpStatusCode.Forbidden, name);
            Assert.False(string.IsNullOrEmpty(error.RequestId), name);
            Assert.False(string.IsNullOrEmpty(error.ErrorMessage), name);
        }

        Assert.DoesNotContain(foreign.Id, (await client.Workspaces.ListAsync().ToListAsync()).Select(w => w.Id));
        Assert.DoesNotContain(foreign.Id, (await client.Users.WhoAmIAsync()).WorkspaceIds!);
        Assert.All(await client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = Harness.Start, PageSize = 100 }).ToListAsync(), m => Assert.DoesNotContain(foreign.Id, m.WorkspaceIds!));

        // A member of that workspace sees it.
        var member = h.ClientFor(foreign.MemberIds[0]);
        Assert.Equal(foreign.Name, (await member.Workspaces.GetAsync(foreign.Id)).Name);
        Assert.Equal(message.Transcript, (await member.Messages.GetAsync(message.Id)).Transcript);
    }

    [Fact]
    public async Task Unknown_ids_are_not_found()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var workspace = h.Emulator.Data.WorkspacesOf(h.User.Id)[0];

        var calls = new (string Name, Func<Task> Call)[]
        {
            ("workspace v5", () => client.Workspaces.GetAsync("NoSuchWs0000")),
            ("workspace v3", () => client.Workspaces.GetLegacyAsync("NoSuchWs0000")),
            ("channels", () => client.Conversations.ListAsync("NoSuchWs0000")),
            ("channel", () => client.Conversations.GetAsync("NoSuchChannel000")),
            ("collaborators", () => client.Conversations.ListCollaboratorsAsync(workspace.Id, "NoSuchChannel000")),
            ("message", () => client.Messages.GetAsync("NoSuchMessage")),
            ("ids", () => client.Messages.ListIdsAsync("NoSuchChannel000").ToListAsync()),
            ("sequential", () => client.Messages.GetSequenceWindowAsync("NoSuchChannel000", 1, 10)),
            ("export", () => client.DataExports.GetAsync("nosuchexport")),
        };

        foreach (var (name, call) in calls)
        {
            var error = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(call);
            Assert.True(error.StatusCode == HttpStatusCode.NotFound, name);
            Assert.False(string.IsNullOrEmpty(error.Endpoint), name);
        }
    }

    [Fact]
    public async Task Personal_access_token_mode_works_non_DI_and_DI()
    {
        await using var h = new Harness();
        var pat = h.Emulator.CreatePersonalAccessToken(h.User.Id);
        Assert.StartsWith("cv_pat_", pat, StringComparison.Ordinal);
        void Pat(CarbonVoiceOptions o)
        {
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.PersonalAccessToken;
            o.PersonalAccessToken = pat;
        }

        var client = h.Client(tokens: null, Pat);
        Assert.Equal(h.User.Id, (await client.Users.WhoAmIAsync()).Id);
        Assert.Equal(h.Emulator.Data.WorkspacesOf(h.User.Id).Count, (await client.Workspaces.ListAsync().ToListAsync()).Count);

        using var services = h.Services(Pat);
        var di = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ICarbonVoiceClient>(services);
        Assert.Equal(h.User.Id, (await di.Users.WhoAmIAsync()).Id);

        Assert.Equal(3, h.Emulator.Requests.Count);
        Assert.All(h.Emulator.Requests, r => Assert.Equal(EmulatorAuthKind.PersonalAccessToken, r.AuthKind));
        await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.Workspaces.GetAsync(h.Emulator.Data.Workspaces[^1].Id));
    }

    [Fact]
    public async Task Api_key_mode_works_and_a_wrong_key_is_401()
    {
        await using var h = new Harness();
        var key = h.Emulator.CreateApiKey(h.User.Id);
        var client = h.Client(tokens: null, o =>
        {
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey;
            o.ApiKey = key;
        });

        Assert.Equal(h.User.Id, (await client.Users.WhoAmIAsync()).Id);
        var conversation = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id)[0];
        Expect.SameMessages(h.Emulator.Data.MessagesIn(conversation.Id), await client.Messages.ListIdsAsync(conversation.Id).ToListAsync());
        Assert.All(h.Emulator.Requests, r => Assert.Equal(EmulatorAuthKind.ApiKey, r.AuthKind));
        await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.Workspaces.GetAsync(h.Emulator.Data.Workspaces[^1].Id));

        var wrong = h.Client(tokens: null, o =>
        {
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey;
            o.ApiKey = "not-a-key";
        });
        var error = await Assert.ThrowsAsync<CarbonVoiceAuthenticationException>(() => wrong.Users.WhoAmIAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.DoesNotContain("not-a-key", error.ToString(), StringComparison.Ordinal);
    }
}
