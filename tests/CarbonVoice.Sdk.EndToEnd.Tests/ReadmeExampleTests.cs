using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

/// <summary>The README's in-process emulator example, verbatim, so it cannot rot.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task The_readme_in_process_example_works()
    {
        await using var emulator = new CarbonVoiceEmulator(new EmulatorOptions { Seed = 42 });
        var user = emulator.Data.Users[0];
        using var client = new CarbonVoiceClient(
            new CarbonVoiceOptions { BaseAddress = emulator.BaseAddress, ClientId = "emulator-client", ClientSecret = "emulator-secret" },
            new StaticAccessTokenProvider(emulator.IssueTokens(user.Id).AccessToken),
            emulator.CreateHandler());
        var workspace = await client.Workspaces.ListAsync().FirstAsync();
        emulator.Control.PostMessage(emulator.Data.ConversationsIn(workspace.Id)[0].Id, user.Id, "hello"); // a write for delta sync
        emulator.Faults.Enqueue(FaultKind.Status503);                                                      // the next request fails once

        var again = await client.Workspaces.GetAsync(workspace.Id);

        Assert.Equal(workspace.Id, again.Id);
        Assert.Contains(emulator.Requests, r => r.Status == 503);
    }
}
