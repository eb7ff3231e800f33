using System.Net.Http.Headers;
using System.Text;

namespace CarbonVoice.Sdk.Testing.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Concurrent_writes_and_reads_lose_nothing()
    {
        var (emulator, _) = Emu.Create(o => o.RateLimit.Enabled = false);
        await using var _e = emulator;
        var user = emulator.Data.Users[0].Id;
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(user)[0].Id)[0];
        using var client = Emu.UserClient(emulator);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 250; i++)
            {
                emulator.Control.PostMessage(conversation.Id, user, $"writer {w} message {i}");
            }
        }));
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                using var response = await client.GetAsync($"/v5/conversations/{conversation.Id}/messages/ids?limit=1000");
                Assert.True(response.IsSuccessStatusCode);
            }
        }));
        await Task.WhenAll(writers.Concat(readers));
        var messages = emulator.Data.MessagesIn(conversation.Id);
        Assert.Equal(conversation.MessageCount + 1000, messages.Count);
        Assert.Equal(Enumerable.Range(1, messages.Count), messages.Select(m => m.Sequence));
        Assert.Equal(400, emulator.TotalRequests);
    }

    [Fact]
    public async Task Dynamic_client_registration_gives_a_usable_client()
    {
        var (emulator, _) = Emu.Create(o => o.AutoApprove = true);
        await using var _e = emulator;
        using var client = Emu.Client(emulator);
        var (status, registered) = await Emu.PostJson(client, "/oauth/register", """{"redirect_uris": ["https://app.example/cb"], "client_name": "BDE"}""");
        Assert.Equal(201, status);
        var id = registered.GetProperty("client_id").GetString()!;
        var secret = registered.GetProperty("client_secret").GetString()!;
        using var authorize = await client.GetAsync($"/oauth/authorize?client_id={id}&response_type=code&redirect_uri=https%3A%2F%2Fapp.example%2Fcb");
        var code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"]!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = "https://app.example/cb" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
        using var token = await client.SendAsync(request);
        Assert.Equal(200, (int)token.StatusCode);
    }
}
