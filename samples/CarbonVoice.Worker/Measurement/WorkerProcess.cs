using System.Diagnostics;

namespace CarbonVoice.Worker.Measurement;

/// <summary>A worker as a separate process (<c>dotnet CarbonVoice.Worker.dll</c>) with its settings in environment variables; killed with SIGKILL on request.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<string> _warnings = [];
    private bool _inWarning;

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The process id (its leases' holders name it).</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process printed (for failure messages).</summary>
    public string Tail
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(40));
            }
        }
    }

    /// <summary>The first line of every warning and error the process logged (the console logger's line after its <c>warn:</c> or <c>fail:</c> header), the last 200: unlike <see cref="Tail"/>, not pushed out by later output.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_output)
            {
                return [.. _warnings];
            }
        }
    }

    /// <summary>Starts a worker.</summary>
    /// <param name="workerDll">The path of <c>CarbonVoice.Worker.dll</c>.</param>
    /// <param name="environment">Its settings (<c>Section__Key</c> variables).</param>
    public static WorkerProcess Start(string workerDll, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(workerDll);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>The worker's DLL next to this assembly's (the same build output folder).</summary>
    public static string DllBesideThis() => Path.Combine(AppContext.BaseDirectory, "CarbonVoice.Worker.dll");

    /// <summary>Kills the process at once (SIGKILL on Unix) and waits for it to be gone.</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_inWarning)
            {
                _warnings.Add(line.Trim());
                if (_warnings.Count > 200)
                {
                    _warnings.RemoveAt(0);
                }
            }

            _inWarning = line.StartsWith("warn: ", StringComparison.Ordinal) || line.StartsWith("fail: ", StringComparison.Ordinal);
            _output.Add(line);
            if (_output.Count > 400)
            {
                _output.RemoveRange(0, 200);
            }
        }
    }
}
