using CarbonVoice.Sdk.EndToEnd.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

/// <summary>The DI path (<c>AddCarbonVoice(...).ConfigurePrimaryHandler(...)</c>) against the emulator, one call per area.</summary>
public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task Every_area_works_through_the_container()
    {
        await using var h = new Harness(o => o.AutoApprove = true);
        using var services = h.Services();
        await services.GetRequiredService<ITokenStore>().SetAsync(CarbonVoiceClient.DefaultConnectionId, h.IssueToken());
        var client = services.GetRequiredService<ICarbonVoiceClient>();
        var data = h.Emulator.Data;
        var workspace = data.WorkspacesOf(h.User.Id)[0];
        var conversation = data.ConversationsIn(workspace.Id)[0];
        var messages = data.MessagesIn(conversation.Id);

        Assert.Equal(new Uri(h.Emulator.BaseAddress, "oauth/token"), (await client.OAuth.GetServerMetadataAsync()).TokenEndpoint);
        Assert.Equal(data.WorkspacesOf(h.User.Id).Select(w => w.Id).Order(), (await client.Workspaces.ListAsync().ToListAsync()).Select(w => w.Id).Order());
        Assert.Equal(conversation.Name, (await client.Conversations.GetAsync(conversation.Id)).Name);
        Expect.SameMessages(messages, (await client.Messages.ListAllAsync(conversation.Id).ToListAsync()).Select(m => m.Id).ToList());
        Expect.SameMessages(messages, (await client.Messages.ListSequentialAsync(conversation.Id).ToListAsync()).Select(m => m.Id).ToList());
        Assert.Equal(h.User.Id, (await client.Users.WhoAmIAsync()).Id);
        Assert.Equal(h.User.Id, (await client.CarbonLinks.CreatePersonalAsync()).OwnerId);
        Assert.Equal(data.ActionItemIdsIn(conversation.Id).Order(), (await client.ActionItems.ListAsync(ActionItemContainerTypes.Channel, conversation.Id).ToListAsync()).Select(a => a.Id).Order());
        var job = await client.DataExports.ExportUsersAsync(new ExportUsersRequest { WorkspaceId = workspace.Id });
        Assert.Equal(ExportJobStatuses.Done, (await h.Clock.DriveAsync(client.DataExports.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(1), h.Clock))).Status);
        Assert.Equal(h.Emulator.Options.RateLimit.Limit, client.RateLimit!.Limit);
        Assert.InRange(client.RateLimit.Remaining!.Value, 0, h.Emulator.Options.RateLimit.Limit - 1);
        Assert.All(h.Emulator.Requests, r => Assert.True(r.Status is 200 or 201 or 202, $"{r.Method} {r.PathAndQuery} {r.Status}"));
    }

    [Fact]
    public async Task Faults_and_rate_limits_are_handled_by_the_registered_pipeline()
    {
        await using var h = new Harness(o => o.RateLimit = new Testing.RateLimitOptions { Limit = 3, Window = TimeSpan.FromSeconds(3) });
        using var services = h.Services(o => o.RateLimit.WaitWhenExhausted = false);
        await services.GetRequiredService<ITokenStore>().SetAsync(CarbonVoiceClient.DefaultConnectionId, h.IssueToken());
        var client = services.GetRequiredService<ICarbonVoiceClient>();
        h.Emulator.Faults.Enqueue(Testing.FaultKind.Status503, Testing.FaultKind.ConnectionReset);

        async Task<int> RunAsync()
        {
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(h.User.Id, (await client.Users.WhoAmIAsync()).Id);
            }

            return 10;
        }

        await h.Clock.DriveAsync(RunAsync());

        Assert.Equal(10, h.Emulator.Requests.Count(r => r.Status == 200));
        Assert.Contains(h.Emulator.Requests, r => r.Status == 429);
        Assert.Contains(h.Emulator.Requests, r => r.Status == 503);
        Assert.Contains(h.Emulator.Requests, r => r.Status == 0);
    }
}
