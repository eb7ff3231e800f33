namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>The control API needs the control key; credentials come from a cryptographic RNG, not the data seed.</summary>
public sealed class ControlKeyTests
{
    [Fact]
    public async Task Control_requests_without_the_key_or_with_a_wrong_one_are_401_and_change_nothing()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        var conversation = emulator.Data.Conversations.First(c => c.MessageCount > 0);
        var before = emulator.Data.MessagesIn(conversation.Id).Count;
        using var anonymous = Emu.Client(emulator);
        using var wrong = Emu.Client(emulator);
        wrong.DefaultRequestHeaders.Add("X-Emulator-Control-Key", emulator.ControlKey + "x");
        var body = $$"""{"conversation_id": "{{conversation.Id}}", "creator_id": "{{emulator.Data.Users[0].Id}}", "transcript": "forged"}""";

        Assert.Equal(401, (await Emu.PostJson(anonymous, "/_emulator/messages", body)).Status);
        Assert.Equal(401, (await Emu.PostJson(wrong, "/_emulator/messages", body)).Status);
        using (var state = await anonymous.GetAsync("/_emulator/state"))
        {
            Assert.Equal(401, (int)state.StatusCode);
        }

        Assert.Equal(before, emulator.Data.MessagesIn(conversation.Id).Count);
        using var control = Emu.ControlClient(emulator);
        Assert.Equal(201, (await Emu.PostJson(control, "/_emulator/messages", body)).Status);
        Assert.Equal(before + 1, emulator.Data.MessagesIn(conversation.Id).Count);
    }

    [Fact]
    public async Task The_key_is_random_per_emulator_unless_configured()
    {
        var (a, _) = Emu.Create();
        var (b, _) = Emu.Create();
        var (fixedKey, _) = Emu.Create(o => o.ControlKey = "my-key");
        await using var _a = a;
        await using var _b = b;
        await using var _c = fixedKey;

        Assert.NotEqual(a.ControlKey, b.ControlKey);
        Assert.True(a.ControlKey.Length >= 40);
        Assert.Equal("my-key", fixedKey.ControlKey);
    }

    [Fact]
    public async Task Two_emulators_with_the_same_seed_issue_different_tokens_and_codes()
    {
        var (a, _) = Emu.Create(o => o.Seed = 7);
        var (b, _) = Emu.Create(o => o.Seed = 7);
        await using var _a = a;
        await using var _b = b;

        Assert.Equal(a.Data.Users[0].Id, b.Data.Users[0].Id);
        var ta = a.IssueTokens(a.Data.Users[0].Id);
        var tb = b.IssueTokens(b.Data.Users[0].Id);
        Assert.NotEqual(ta.AccessToken, tb.AccessToken);
        Assert.NotEqual(ta.RefreshToken, tb.RefreshToken);
        Assert.NotEqual(a.CreatePersonalAccessToken(a.Data.Users[0].Id), b.CreatePersonalAccessToken(b.Data.Users[0].Id));
    }
}
