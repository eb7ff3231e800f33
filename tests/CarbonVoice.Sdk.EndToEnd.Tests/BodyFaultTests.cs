using CarbonVoice.Sdk.EndToEnd.Tests.Support;
using CarbonVoice.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

/// <summary>
/// The body is read inside each attempt of the resilience pipeline: a connection reset mid-body is retried like any
/// transport error, and a body dripping slowly is cut by the attempt timeout and by the call's budget (fake clock).
/// </summary>
public sealed class BodyFaultTests
{
    /// <summary>The longest jump of fake time in the drip tests: one part of the body.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_reset_mid_body_on_a_get_is_retried_and_the_call_succeeds()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        h.Emulator.Faults.Enqueue(FaultKind.ResetMidBody);

        var me = await h.Clock.DriveAsync(client.Users.WhoAmIAsync());

        Assert.Equal(h.User.Id, me.Id);
        Assert.Equal([FaultKind.ResetMidBody, null], h.Emulator.Requests.Select(r => r.Fault));
        Assert.Equal(Harness.Start, h.Time.GetUtcNow()); // RetryBaseDelay 0: no time passed
    }

    [Fact]
    public async Task A_reset_mid_body_on_every_page_of_a_listing_is_retried_page_by_page()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var conversation = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id)[0];
        var messages = h.Emulator.Data.MessagesIn(conversation.Id);

        async Task<List<string>> ListAsync()
        {
            var ids = new List<string>();
            h.Emulator.Faults.Enqueue(FaultKind.ResetMidBody); // the first page's first attempt…
            await foreach (var page in client.Messages.ListSequentialAsync(conversation.Id, new SequentialListOptions { PageSize = 10 }).AsPages())
            {
                ids.AddRange(page.Items.Select(m => m.Id));
                h.Emulator.Faults.Enqueue(FaultKind.ResetMidBody); // …and every next page's
            }

            return ids;
        }

        var listed = await h.Clock.DriveAsync(ListAsync());

        Expect.SameMessages(messages, listed);
        var pages = h.Emulator.Requests.Count(r => r.Fault == FaultKind.ResetMidBody);
        Assert.True(pages >= 3, $"{pages} pages");
        Assert.Equal(2 * pages, h.Emulator.Requests.Count); // each page twice: the cut attempt and its retry
        Assert.Equal(1, h.Emulator.Faults.Pending);          // the fault queued after the last page is never used
    }

    [Fact]
    public async Task A_reset_mid_body_of_a_read_only_post_is_retried()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var conversation = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id)[0];
        var message = h.Emulator.Data.MessagesIn(conversation.Id)[0];
        h.Emulator.Faults.Enqueue(FaultKind.ResetMidBody);

        var found = await h.Clock.DriveAsync(client.Messages.GetByIdsAsync(conversation.Id, [message.Id]));

        Assert.Equal(message.Id, Assert.Single(found).Id);
        Assert.Equal(2, h.RequestsTo("POST", "/v5/messages/by-ids").Count);
    }

    [Fact]
    public async Task A_reset_mid_body_through_the_dependency_injection_client_is_retried()
    {
        await using var h = new Harness();
        var token = h.IssueToken();
        await using var provider = h.Services(o => o.AuthenticationMode = CarbonVoiceAuthenticationMode.OAuth);
        await provider.GetRequiredService<ITokenStore>().SetAsync("c1", token);
        var client = provider.GetRequiredService<ICarbonVoiceClientFactory>().CreateClient("c1");
        h.Emulator.Faults.Enqueue(FaultKind.ResetMidBody);

        Assert.Equal(h.User.Id, (await h.Clock.DriveAsync(client.Users.WhoAmIAsync())).Id);
        Assert.Equal(2, h.RequestsTo("GET", "/whoami").Count);
    }

    [Fact]
    public async Task A_reset_mid_body_of_a_create_post_is_not_retried()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var conversation = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id)[0];
        var before = h.Emulator.Data.ActionItemIdsIn(conversation.Id).Count;
        h.Emulator.Faults.Enqueue(FaultKind.ResetMidBody);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => h.Clock.DriveAsync(client.ActionItems.CreateAsync(
            new CreateActionItemRequest { Title = "Once", ContainerType = ActionItemContainerTypes.Channel, ContainerId = conversation.Id })));

        Assert.Contains("POST /action-items", error.Message, StringComparison.Ordinal);
        Assert.Contains("answered 201 but the connection failed before its body was read", error.Message, StringComparison.Ordinal);
        Assert.Single(h.RequestsTo("POST", "/action-items"));
        Assert.Equal(before + 1, h.Emulator.Data.ActionItemIdsIn(conversation.Id).Count); // created once, never twice
    }

    [Fact]
    public async Task A_persistent_reset_mid_body_surfaces_as_a_transport_error_after_the_retries()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        h.Emulator.Faults.Enqueue(FaultKind.ResetMidBody, FaultKind.ResetMidBody, FaultKind.ResetMidBody, FaultKind.ResetMidBody);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => h.Clock.DriveAsync(client.Users.WhoAmIAsync()));

        Assert.Contains("GET /whoami answered 200 but the connection failed before its body was read", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, h.Emulator.Requests.Count); // 1 + MaxRetryAttempts (3)
    }

    [Fact]
    public async Task A_slow_body_is_cut_by_the_attempt_timeout_and_retried()
    {
        // The body takes 10 s (10 parts of 1 s); each attempt may take 2.5 s.
        await using var h = new Harness(o =>
        {
            o.Faults.DripChunks = 10;
            o.Faults.DripInterval = TimeSpan.FromSeconds(1);
        });
        var client = h.ClientFor(configure: o => o.AttemptTimeout = TimeSpan.FromSeconds(2.5));
        h.Emulator.Faults.Enqueue(FaultKind.SlowBody);

        // Jumps of at most 1 s: time moves only once the emulator waits on its next part (never straight to the timeout).
        var me = await h.Clock.DriveAsync(client.Users.WhoAmIAsync(), Step);

        Assert.Equal(h.User.Id, me.Id);
        Assert.Equal(TimeSpan.FromSeconds(2.5), h.Time.GetUtcNow() - Harness.Start);
        Assert.Equal([FaultKind.SlowBody, null], h.Emulator.Requests.Select(r => r.Fault));
    }

    [Fact]
    public async Task A_slow_body_beyond_the_budget_fails_at_the_budget()
    {
        // The reported case: a 6 s budget and a body trickling for 45 s (10 parts of 4.5 s) ends at 6 s, not at 45 s.
        await using var h = new Harness(o =>
        {
            o.Faults.DripChunks = 10;
            o.Faults.DripInterval = TimeSpan.FromSeconds(4.5);
        });
        var client = h.ClientFor(configure: o =>
        {
            o.Timeout = TimeSpan.FromSeconds(6);
            o.AttemptTimeout = TimeSpan.FromSeconds(6);
            o.MaxRetryAttempts = 0;
        });
        h.Emulator.Faults.Enqueue(FaultKind.SlowBody);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => h.Clock.DriveAsync(client.Users.WhoAmIAsync()));

        Assert.Contains("GET /whoami timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(6), h.Time.GetUtcNow() - Harness.Start);
        Assert.Single(h.Emulator.Requests);
    }

    [Fact]
    public async Task Slow_bodies_on_every_attempt_are_retried_until_the_budget_ends_the_call()
    {
        // Each body takes 5 s (10 parts of 0.5 s); attempts are cut at 2.2 s and retried at once (2.2 s, 4.4 s); the 6 s
        // budget ends the third attempt. Jumps of at most 0.5 s: after a cut, time waits for the retry to reach the
        // emulator (the budget is further away than one jump), so every attempt is sent.
        await using var h = new Harness(o =>
        {
            o.Faults.DripChunks = 10;
            o.Faults.DripInterval = TimeSpan.FromSeconds(0.5);
        });
        var client = h.ClientFor(configure: o =>
        {
            o.Timeout = TimeSpan.FromSeconds(6);
            o.AttemptTimeout = TimeSpan.FromSeconds(2.2);
        });
        h.Emulator.Faults.Enqueue(FaultKind.SlowBody, FaultKind.SlowBody, FaultKind.SlowBody, FaultKind.SlowBody);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => h.Clock.DriveAsync(client.Users.WhoAmIAsync(), TimeSpan.FromSeconds(0.5)));

        Assert.Contains("GET /whoami timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(6), h.Time.GetUtcNow() - Harness.Start);
        Assert.Equal(3, h.Emulator.Requests.Count);
        Assert.Equal(1, h.Emulator.Faults.Pending);
    }

    [Fact]
    public async Task A_slow_body_of_a_create_post_is_cut_by_the_attempt_timeout_and_not_retried()
    {
        await using var h = new Harness(o =>
        {
            o.Faults.DripChunks = 10;
            o.Faults.DripInterval = TimeSpan.FromSeconds(1);
        });
        var client = h.ClientFor(configure: o => o.AttemptTimeout = TimeSpan.FromSeconds(2.5));
        var conversation = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id)[0];
        h.Emulator.Faults.Enqueue(FaultKind.SlowBody);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => h.Clock.DriveAsync(
            client.ActionItems.CreateAsync(new CreateActionItemRequest { Title = "Once", ContainerType = ActionItemContainerTypes.Channel, ContainerId = conversation.Id }),
            Step));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(2.5), h.Time.GetUtcNow() - Harness.Start);
        Assert.Single(h.RequestsTo("POST", "/action-items"));
    }

    [Fact]
    public async Task Over_a_real_loopback_socket_a_reset_mid_body_is_retried()
    {
        await using var emulator = new CarbonVoiceEmulator(new EmulatorOptions { Seed = 7 });
        await using var server = await emulator.StartServerAsync();
        var user = emulator.Data.Users[0];
        using var client = new CarbonVoiceClient(
            new CarbonVoiceOptions { BaseAddress = server.BaseAddress, RetryBaseDelay = TimeSpan.Zero, AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey, ApiKey = emulator.CreateApiKey(user.Id) });
        emulator.Faults.Enqueue(FaultKind.ResetMidBody);

        Assert.Equal(user.Id, (await client.Users.WhoAmIAsync()).Id);
        Assert.Equal([FaultKind.ResetMidBody, null], emulator.Requests.Select(r => r.Fault));
    }
}
