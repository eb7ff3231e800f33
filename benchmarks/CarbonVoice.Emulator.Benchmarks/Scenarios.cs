using System.Net.Http.Headers;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Emulator.Benchmarks;

internal static class Scenarios
{
    /// <summary>1 workspace × 101 conversations (the 4th is empty by design) × 1,000 messages = 100,000 messages.</summary>
    public static EmulatorOptions HundredThousandMessages() => new()
    {
        Seed = 42,
        Users = 8,
        Workspaces = 1,
        ConversationsPerWorkspace = 101,
        MessagesPerConversation = 1000,
        DataEnd = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public static CarbonVoiceEmulator CreateForThroughput()
    {
        var options = new EmulatorOptions { Seed = 42 };
        options.RateLimit.Enabled = false;
        return new CarbonVoiceEmulator(options);
    }

    public static HttpClient Client(CarbonVoiceEmulator emulator)
    {
        var client = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.IssueTokens(emulator.Data.Users[0].Id).AccessToken);
        return client;
    }
}
