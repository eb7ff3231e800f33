using System.Net.Http.Headers;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Sdk.Benchmarks;

/// <summary>
/// Writes the resources the HTTP-path benchmarks replay: the body the emulator answers for one page of 100 messages of
/// the v6 history feed (<c>GET /v6/messages?direction=older&amp;limit=100</c>). Rerun after the emulator's shapes change:
/// <c>dotnet run -c Release --project benchmarks/CarbonVoice.Sdk.Benchmarks -- --capture benchmarks/CarbonVoice.Sdk.Benchmarks/Resources</c>.
/// </summary>
internal static class Capture
{
    public static async Task<int> RunAsync(string directory)
    {
        var options = new EmulatorOptions { Seed = 12, Workspaces = 1, ConversationsPerWorkspace = 1, MessagesPerConversation = 150, Users = 4 };
        options.RateLimit.Enabled = false;
        await using var emulator = new CarbonVoiceEmulator(options);
        var user = emulator.Data.Users.OrderByDescending(u => emulator.Data.WorkspacesOf(u.Id).Count).First();
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.IssueTokens(user.Id).AccessToken);

        var body = await http.GetByteArrayAsync(new Uri(MessagePage.Path, UriKind.Relative));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, MessagePage.ResourceName);
        await File.WriteAllBytesAsync(file, body);
        Console.WriteLine($"{file}: {body.Length} bytes");
        return 0;
    }
}
