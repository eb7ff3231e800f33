using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>
/// The test-only console <c>CarbonVoice.Sdk.Connector.FaultHost</c> as a separate process: its numbered stdout lines are
/// read as they come, and it can be killed with SIGKILL (<see cref="Process.Kill()"/> on Unix) at any of them.
/// </summary>
public sealed class FaultHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Task _stdout;
    private readonly Task<string> _stderr;

    private FaultHostProcess(Process process)
    {
        _process = process;
        _stdout = PumpAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Every line read so far.</summary>
    public List<string> Lines { get; } = [];

    public int ProcessId => _process.Id;

    public static string DllPath { get; } = FindDll();

    /// <summary>Starts the fault host; with <paramref name="holdAtLine"/> it stops at that line until it is killed.</summary>
    public static FaultHostProcess Start(string databasePath, Uri api, string token, TimeSpan lease, int? holdAtLine = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { DllPath, "--db", databasePath, "--api", api.ToString(), "--token", token, "--lease-ms", ((int)lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (holdAtLine is { } hold)
        {
            start.ArgumentList.Add("--hold-at-line");
            start.ArgumentList.Add(hold.ToString(CultureInfo.InvariantCulture));
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return new FaultHostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>The number a line starts with (lines are <c>N text</c>).</summary>
    public static int Number(string line) => int.Parse(line.AsSpan(0, line.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);

    /// <summary>The text of a line without its number.</summary>
    public static string Text(string line) => line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..];

    /// <summary>Reads lines until one matches; null when the process ended first. Fails after <paramref name="deadline"/> (a generous guard, not a timing).</summary>
    public async Task<string?> ReadUntilAsync(Func<string, bool> match, TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cts.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    Lines.Add(line);
                    if (match(line))
                    {
                        return line;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Assert.Fail($"The fault host printed no matching line within {deadline}; last lines:\n{string.Join('\n', Lines.TakeLast(10))}\nstderr: {await StderrAsync()}");
        }

        return null;
    }

    /// <summary>Kills the process with SIGKILL and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(cts.Token);
        await _stdout;
        return _process.ExitCode;
    }

    public async Task<string> StderrAsync() => _process.HasExited ? await _stderr : "(still running)";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        await _stdout.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
    }

    private async Task PumpAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            _lines.Writer.TryWrite(line);
        }

        _lines.Writer.TryComplete();
    }

    private static string FindDll()
    {
        // .../tests/CarbonVoice.Sdk.Connector.Tests/bin/{Configuration}/net10.0/ → the same folder of the fault host.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var tests = here.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "CarbonVoice.Sdk.Connector.FaultHost", "bin", configuration, framework, "CarbonVoice.Sdk.Connector.FaultHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build tests/CarbonVoice.Sdk.Connector.FaultHost first (the test project references it).", path);
    }
}
