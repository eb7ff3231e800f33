using System.Globalization;
using CarbonVoice.Sdk.Testing;

// Runs the Carbon Voice emulator on 127.0.0.1.
// dotnet run --project samples/CarbonVoice.Emulator -- --port 5080 --seed 42 --workspaces 3 --conversations 20 --messages 500
var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
for (var i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal))
    {
        continue;
    }

    var key = args[i][2..];
    var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
    settings[key] = hasValue ? args[++i] : "true";
}

if (settings.ContainsKey("help"))
{
    Console.WriteLine("""
        Carbon Voice emulator
          --port N                port on 127.0.0.1 (default 5080; 0 = any free port)
          --seed N                generator seed (default 42)
          --users N               users (default 4)
          --workspaces N          workspaces (default 3)
          --conversations N       conversations per workspace (default 20)
          --messages N            messages per conversation (default 500)
          --auto-approve          skip the OAuth consent page
          --no-quirks             no bursts of 502 (on by default here; off by default in-process)
          --transcript-delay S    seconds until a posted message's transcript is ready (default 12)
          --rate-limit N          requests per minute per token (default 1000)
          --epoch-reset           X-RateLimit-Reset as epoch seconds
          --control-key K         the X-Emulator-Control-Key of /_emulator/... (default: a random key, printed)
        """);
    return;
}

int Int(string name, int fallback) => settings.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

var options = new EmulatorOptions
{
    Seed = Int("seed", 42),
    Users = Int("users", 4),
    Workspaces = Int("workspaces", 3),
    ConversationsPerWorkspace = Int("conversations", 20),
    MessagesPerConversation = Int("messages", 500),
    AutoApprove = settings.ContainsKey("auto-approve"),
    ControlKey = settings.GetValueOrDefault("control-key"),
};
// Standalone, the emulator behaves like the real service: bursts of 502 unless --no-quirks. Late transcripts and
// reactions bumping updated_at do not depend on the switch.
options.Quirks.Enabled = !settings.ContainsKey("no-quirks");
options.Quirks.TranscriptDelay = TimeSpan.FromSeconds(Int("transcript-delay", 12));
options.RateLimit.Limit = Int("rate-limit", 1000);
if (settings.ContainsKey("epoch-reset"))
{
    options.RateLimit.ResetMode = RateLimitResetMode.EpochSeconds;
}

var started = System.Diagnostics.Stopwatch.StartNew();
await using var emulator = new CarbonVoiceEmulator(options);
var generatedIn = started.Elapsed;
await using var server = await emulator.StartServerAsync(Int("port", 5080));
var user = emulator.Data.Users[0];
var tokens = emulator.IssueTokens(user.Id);
var client = options.Clients[0];

Console.WriteLine($"Carbon Voice emulator listening on {server.BaseAddress}");
Console.WriteLine($"  data: {emulator.Data.Workspaces.Count} workspaces, {emulator.Data.Conversations.Count} conversations, {emulator.Data.MessageCount} messages (seed {options.Seed}, generated in {generatedIn.TotalMilliseconds:F0} ms)");
Console.WriteLine($"  quirks:              {(options.Quirks.Enabled ? "on (bursts of 502; --no-quirks turns them off)" : "off")}; transcripts ready {options.Quirks.TranscriptDelay.TotalSeconds:F0} s after posting");
Console.WriteLine($"  OAuth client id:     {client.ClientId}");
Console.WriteLine($"  OAuth client secret: {client.ClientSecret}");
Console.WriteLine($"  authorize:           {server.BaseAddress}oauth/authorize?client_id={client.ClientId}&response_type=code&redirect_uri=http://127.0.0.1:8000/callback&state=xyz");
Console.WriteLine($"  first user:          {user.FirstName} {user.LastName} ({user.Id})");
Console.WriteLine($"  access token:        {tokens.AccessToken}");
Console.WriteLine($"  refresh token:       {tokens.RefreshToken}");
Console.WriteLine($"  personal token:      {emulator.CreatePersonalAccessToken(user.Id)}   (a PAT: clients send cv_pat_… as a bearer token, anything else as x-api-key)");
if (emulator.Data.Users.FirstOrDefault(u => u.IsBot) is { } bot)
{
    Console.WriteLine($"  bot user:            {bot.FirstName} {bot.LastName} ({bot.Id}), created by {bot.CreatedBy}");
    Console.WriteLine($"  bot personal token:  {emulator.CreatePersonalAccessToken(bot.Id)}");
}

Console.WriteLine($"  try: curl -H \"Authorization: Bearer {tokens.AccessToken}\" {server.BaseAddress}whoami");
Console.WriteLine($"  try: curl -H \"Authorization: Bearer {tokens.AccessToken}\" \"{server.BaseAddress}v6/messages/updates?limit=5\"");
Console.WriteLine($"  control key:         {emulator.ControlKey}   (send it as X-Emulator-Control-Key to /_emulator/...)");
Console.WriteLine("  control API: GET /_emulator/state, POST /_emulator/messages, POST /_emulator/faults, POST /_emulator/cursors/invalidate ...");
Console.WriteLine("Press Ctrl+C to stop.");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
