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

/// <summary>The OAuth flow of a script that uses no dependency injection: OAuth client, token store, stored-token provider.</summary>
public class ScriptStyleOAuthTests
{
    [Fact]
    public async Task A_script_completes_the_oauth_flow_and_calls_the_api_without_di()
    {
        await using var emulator = new CarbonVoiceEmulator(new EmulatorOptions { Seed = 7, AutoApprove = true });
        var options = new CarbonVoiceOptions
        {
            BaseAddress = emulator.BaseAddress,
            ClientId = "emulator-client",
            ClientSecret = "emulator-secret",
            RedirectUri = new Uri("http://127.0.0.1:9/callback"),
        };
        using var http = new HttpClient(emulator.CreateHandler(), disposeHandler: false);
        var oauth = new OAuthClient(http, options);
        var store = new InMemoryTokenStore();

        var request = await oauth.CreateAuthorizationRequestAsync(Pkce.CreateState());
        using var redirect = await http.GetAsync(request.Url);
        var query = System.Web.HttpUtility.ParseQueryString(redirect.Headers.Location!.Query);
        Assert.Equal(request.State, query["state"]);
        await store.SetAsync("connector-1", await oauth.ExchangeCodeAsync(query["code"]!, request.CodeVerifier));

        using var client = new CarbonVoiceClient(options, new StoredTokenProvider(store, oauth, options), emulator.CreateHandler(), "connector-1");
        var me = await client.Users.WhoAmIAsync();

        Assert.Equal(emulator.Data.Users[0].Id, me.Id);
    }
}
