using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CarbonVoice.Sample.Host.Tests.Infrastructure;

/// <summary>
/// The sample host as its own process (<c>dotnet CarbonVoice.Sample.Host.dll</c>, the build next to the tests), in a
/// temporary folder, with the environment given and no inherited Carbon Voice, ASP.NET Core or .NET URL variables.
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly string _directory;

    private SampleProcess(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    public static SampleProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
        => Start(environment, prepare: null, arguments);

    /// <summary>Starts the host; <paramref name="prepare"/> may write files into its content root first.</summary>
    public static SampleProcess Start(IReadOnlyDictionary<string, string> environment, Action<string>? prepare, params string[] arguments)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cv-sample-process", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        prepare?.Invoke(directory);
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CarbonVoice.Sample.Host.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("CARBONVOICE_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            || k.StartsWith("DOTNET_", StringComparison.Ordinal) && k.Contains("URL", StringComparison.Ordinal) || k is "HTTP_PORTS" or "HTTPS_PORTS").ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["ASPNETCORE_CONTENTROOT"] = directory;
        info.Environment["Sample__DatabasePath"] = Path.Combine(directory, "sample.db");
        info.Environment["Sample__DataProtectionKeysPath"] = Path.Combine(directory, "keys");
        info.Environment["Emulator__InProcess"] = "true";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var started = new SampleProcess(process, directory);
        process.OutputDataReceived += (_, e) => { lock (started._output) { started._output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (started._error) { started._error.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public string StandardError
    {
        get { lock (_error) { return _error.ToString(); } }
    }

    public string StandardOutput
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <summary>Waits for the process to exit on its own (bounded) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Polls <paramref name="url"/> until it answers (bounded); fails if the process exits first.</summary>
    public async Task<HttpResponseMessage> WaitForAnswerAsync(Uri url, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Assert.False(_process.HasExited, $"The host exited ({(_process.HasExited ? _process.ExitCode : 0)}): {StandardError}{StandardOutput}");
            try
            {
                return await client.GetAsync(url, cts.Token);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50, cts.Token);
            }
        }
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
