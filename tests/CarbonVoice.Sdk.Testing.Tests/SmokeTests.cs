namespace CarbonVoice.Sdk.Testing.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task Whoami_returns_the_token_owner()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        var (status, body) = await Emu.GetJson(client, "/whoami");
        Assert.Equal(200, status);
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal(emulator.Data.Users[0].Id, body.GetProperty("user").GetProperty("user_guid").GetString());
    }
}
