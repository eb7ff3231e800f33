using System.Diagnostics;
using System.Globalization;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Sdk.Connector.Benchmarks.Pipeline;

/// <summary>
/// The pipeline's Carbon Voice: the emulator with exactly the asked number of messages, either in a process of its own
/// (the default: like the real service, its data set is not in the measured process, and requests go over loopback
/// HTTP) or in this process behind an in-memory handler (<c>--in-process</c>).
/// </summary>
internal sealed class PipelineEmulator : IAsyncDisposable
{
    private const string ReadyPrefix = "emulator-ready ";
    private const int Conversations = 50;
    private readonly IAsyncDisposable? _inProcess;
    private readonly Process? _process;

    private PipelineEmulator(Uri baseAddress, string accessToken, int messageCount, HttpMessageHandler? handler, IAsyncDisposable? inProcess, Process? process)
    {
        (BaseAddress, AccessToken, MessageCount, Handler, _inProcess, _process) = (baseAddress, accessToken, messageCount, handler, inProcess, process);
    }

    /// <summary>Where the client sends its requests.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A token of the user who sees every workspace.</summary>
    public string AccessToken { get; }

    /// <summary>How many messages the emulator holds.</summary>
    public int MessageCount { get; }

    /// <summary>The in-memory handler of an in-process emulator; null for a separate process (the client's own sockets).</summary>
    public HttpMessageHandler? Handler { get; }

    /// <summary>Why <paramref name="messageCount"/> cannot be served, or null.</summary>
    public static string? Validate(int messageCount)
        => messageCount > 0 && messageCount % Conversations == 0 ? null : $"--messages must be a positive multiple of {Conversations}.";

    /// <summary>Starts the emulator, in this process or in a child process.</summary>
    public static async Task<PipelineEmulator> StartAsync(int messageCount, bool inProcess)
    {
        if (inProcess)
        {
            var emulator = new CarbonVoiceEmulator(Options(messageCount));
            return new PipelineEmulator(emulator.BaseAddress, TokenOf(emulator), emulator.Data.MessageCount, emulator.CreateHandler(), emulator, null);
        }

        var start = new ProcessStartInfo(Environment.ProcessPath!, ["--serve-emulator", "--messages", messageCount.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                var fields = line[ReadyPrefix.Length..].Split(' ');
                return new PipelineEmulator(new Uri(fields[0]), fields[1], int.Parse(fields[2], CultureInfo.InvariantCulture), null, null, process);
            }
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        throw new InvalidOperationException($"The emulator process ended before serving (exit code {process.ExitCode}).");
    }

    /// <summary>The child process: serves the data set on a free loopback port until its standard input closes.</summary>
    public static async Task<int> ServeAsync(int messageCount)
    {
        await using var emulator = new CarbonVoiceEmulator(Options(messageCount));
        await using var server = await emulator.StartServerAsync().ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ReadyPrefix}{server.BaseAddress} {TokenOf(emulator)} {emulator.Data.MessageCount}"));
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
        {
        }

        return 0;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_inProcess is not null)
        {
            await _inProcess.DisposeAsync().ConfigureAwait(false);
        }

        if (_process is not null)
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }

    /// <summary>
    /// <paramref name="messageCount"/> messages over 50 conversations (the generator leaves its fourth conversation empty:
    /// one more conversation makes the count exact), no rate limit.
    /// </summary>
    private static EmulatorOptions Options(int messageCount)
    {
        var options = new EmulatorOptions { Seed = 11, Workspaces = 1, ConversationsPerWorkspace = Conversations + 1, MessagesPerConversation = messageCount / Conversations, Users = 4 };
        options.RateLimit.Enabled = false;
        return options;
    }

    private static string TokenOf(CarbonVoiceEmulator emulator)
    {
        var user = emulator.Data.Users.OrderByDescending(u => emulator.Data.WorkspacesOf(u.Id).Count).First();
        return emulator.IssueTokens(user.Id).AccessToken;
    }
}
