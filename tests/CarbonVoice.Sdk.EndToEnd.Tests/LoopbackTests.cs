using CarbonVoice.Sdk.EndToEnd.Tests.Support;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

/// <summary>One smoke test over a real socket (Kestrel on 127.0.0.1), the SDK using its own SocketsHttpHandler.</summary>
public sealed class LoopbackTests
{
    [Fact]
    public async Task OAuth_dance_and_calls_work_over_a_real_loopback_port()
    {
        await using var emulator = new CarbonVoiceEmulator(new EmulatorOptions { Seed = 7, AutoApprove = true });
        await using var server = await emulator.StartServerAsync();
        var options = new CarbonVoiceOptions
        {
            BaseAddress = server.BaseAddress,
            ClientId = Harness.ClientId,
            ClientSecret = Harness.ClientSecret,
            RedirectUri = Harness.RedirectUri,
            RetryBaseDelay = TimeSpan.Zero,
        };
        using var anonymous = new CarbonVoiceClient(options, new StaticAccessTokenProvider("unused"));

        var request = await anonymous.OAuth.CreateAuthorizationRequestAsync("loopback");
        Assert.Equal(server.BaseAddress.Authority, request.Url.Authority); // endpoints come from the server's metadata
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var redirect = await browser.GetAsync(request.Url);
        var code = Expect.QueryValue(redirect.Headers.Location!, "code");
        var token = await anonymous.OAuth.ExchangeCodeAsync(code, request.CodeVerifier, request.RedirectUri);

        using var client = new CarbonVoiceClient(options, new StaticAccessTokenProvider(token.AccessToken));
        Assert.Equal(emulator.Data.Users[0].Id, (await client.Users.WhoAmIAsync()).Id);
        emulator.Faults.Enqueue(FaultKind.ConnectionReset, FaultKind.Status503);
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(emulator.Data.Users[0].Id)[0].Id)[0];
        Expect.SameMessages(emulator.Data.MessagesIn(conversation.Id), (await client.Messages.ListAllAsync(conversation.Id).ToListAsync()).Select(m => m.Id).ToList());
        Assert.Contains(emulator.Requests, r => r.Fault == FaultKind.ConnectionReset);
    }
}
