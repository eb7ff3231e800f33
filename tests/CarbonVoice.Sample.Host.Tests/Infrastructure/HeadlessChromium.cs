using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CarbonVoice.Sample.Host.Tests.Infrastructure;

/// <summary>A Fact skipped when CARBONVOICE_SKIP_BROWSER_TESTS=1, whether Chromium is installed or not; without that variable a missing Chromium fails it.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessChromium.SkipRequested)
        {
            Skip = "CARBONVOICE_SKIP_BROWSER_TESTS=1.";
        }
    }
}

/// <summary>Debian's headless Chromium driven over the Chrome DevTools Protocol (one page, loopback only).</summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>True when CARBONVOICE_SKIP_BROWSER_TESTS=1.</summary>
    public static bool SkipRequested => Environment.GetEnvironmentVariable("CARBONVOICE_SKIP_BROWSER_TESTS") == "1";

    /// <summary>Uncaught exceptions and console errors of the page, in order (the page should have none).</summary>
    public ConcurrentQueue<string> PageErrors { get; } = new();

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"Browser tests need Debian's Chromium at {ExecutablePath} (apt-get install -y chromium chromium-driver), or set CARBONVOICE_SKIP_BROWSER_TESTS=1 to skip them.");
        }

        var profile = Path.Combine(Path.GetTempPath(), "cv-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=1280,1100",
            $"--user-data-dir={profile}", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.AttachAsync();
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }

        return browser;
    }

    /// <summary>Navigates and waits for the load event.</summary>
    public async Task NavigateAsync(Uri url)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() });
        await WaitForAsync("document.readyState === 'complete'", "the page to load");
    }

    /// <summary>Evaluates an expression (promises awaited) and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true });
        if (result.TryGetProperty("exceptionDetails", out var error))
        {
            throw new InvalidOperationException($"Script failed: {error}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>Polls an expression until it is truthy (bounded; navigation in between is tolerated).</summary>
    public async Task WaitForAsync(string expression, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                var value = await EvaluateAsync($"!!({expression})");
                if (value.ValueKind == JsonValueKind.True)
                {
                    return;
                }
            }
            catch (InvalidOperationException)
            {
                // The page is navigating; try again.
            }

            try
            {
                await Task.Delay(50, cts.Token);
            }
            catch (OperationCanceledException)
            {
                var location = await EvaluateAsync("location.href + ' | ' + document.body?.innerText?.slice(0, 400)");
                Assert.Fail($"Timed out waiting for {what} (page: {location}).");
            }
        }
    }

    public async Task ClickAsync(string selector)
    {
        var clicked = await EvaluateAsync($"(() => {{ const e = document.querySelector({JsonSerializer.Serialize(selector)}); if (!e) return false; e.click(); return true; }})()");
        Assert.True(clicked.ValueKind == JsonValueKind.True, $"Nothing matches {selector}.");
    }

    /// <summary>Types into a field as a user would end up with: its value replaced, then input and change events.</summary>
    public async Task FillAsync(string selector, string value)
    {
        var filled = await EvaluateAsync(
            $"(() => {{ const e = document.querySelector({JsonSerializer.Serialize(selector)}); if (!e) return false; e.focus(); e.value = {JsonSerializer.Serialize(value)}; "
            + "e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); return true; })()");
        Assert.True(filled.ValueKind == JsonValueKind.True, $"Nothing matches {selector}.");
    }

    /// <summary>Presses and releases a key as the keyboard would (a trusted event, to the focused element).</summary>
    /// <param name="key">The DOM key name, for example <c>Escape</c>.</param>
    /// <param name="keyCode">Its Windows virtual key code, for example 27.</param>
    public async Task PressAsync(string key, int keyCode)
    {
        foreach (var type in new[] { "keyDown", "keyUp" })
        {
            await SendAsync("Input.dispatchKeyEvent", new JsonObject { ["type"] = type, ["key"] = key, ["code"] = key, ["windowsVirtualKeyCode"] = keyCode });
        }
    }

    /// <summary>The text content of the first match, or null when nothing matches.</summary>
    public async Task<string?> TextAsync(string selector)
    {
        var text = await EvaluateAsync($"document.querySelector({JsonSerializer.Serialize(selector)})?.textContent ?? null");
        return text.ValueKind == JsonValueKind.String ? text.GetString() : null;
    }

    /// <summary>Evaluates a boolean expression once.</summary>
    public async Task<bool> IsAsync(string expression) => (await EvaluateAsync($"!!({expression})")).ValueKind == JsonValueKind.True;

    /// <summary>Saves a PNG of the page from its top (up to <paramref name="maxHeight"/> CSS pixels of it), scaled by <paramref name="scale"/>.</summary>
    public async Task ScreenshotAsync(string path, double scale = 1, int maxHeight = 1100)
    {
        var size = await EvaluateAsync("[document.documentElement.clientWidth, document.documentElement.scrollHeight]");
        var clip = new JsonObject
        {
            ["x"] = 0,
            ["y"] = 0,
            ["width"] = size[0].GetInt32(),
            ["height"] = Math.Min(maxHeight, size[1].GetInt32()),
            ["scale"] = scale,
        };
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true, ["clip"] = clip });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
        }

        _socket.Dispose();
        _process.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task AttachAsync()
    {
        // Chromium writes its DevTools port to the profile once it listens.
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string[] lines = [];
        while (lines.Length < 2)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"Chromium exited with code {_process.ExitCode} before opening DevTools.");
            }

            if (File.Exists(portFile))
            {
                lines = (await File.ReadAllTextAsync(portFile, cts.Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            }

            if (lines.Length < 2)
            {
                await Task.Delay(50, cts.Token);
            }
        }

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{lines[0].Trim()}/") };
        var targets = await http.GetFromJsonAsync<JsonElement>("json/list", cts.Token);
        var page = targets.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
        await _socket.ConnectAsync(new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!), cts.Token);
        _reader = Task.Run(ReadLoopAsync);
        await SendAsync("Page.enable", new JsonObject());
        await SendAsync("Runtime.enable", new JsonObject());
    }

    private void RecordPageError(string? method, JsonElement parameters)
    {
        if (method == "Runtime.exceptionThrown")
        {
            var details = parameters.GetProperty("exceptionDetails");
            PageErrors.Enqueue(details.TryGetProperty("exception", out var exception) && exception.TryGetProperty("description", out var description)
                ? description.GetString()!
                : details.GetProperty("text").GetString()!);
        }
        else if (method == "Runtime.consoleAPICalled" && parameters.GetProperty("type").GetString() == "error")
        {
            PageErrors.Enqueue(string.Join(' ', parameters.GetProperty("args").EnumerateArray().Select(a => a.TryGetProperty("value", out var v) ? v.ToString() : a.GetProperty("type").GetString())));
        }
    }

    private async Task<JsonElement> SendAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, _stop.Token);
        var response = await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
        if (response.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error}");
        }

        return response.GetProperty("result").Clone();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 20];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                if (document.RootElement.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var reply))
                {
                    reply.TrySetResult(document.RootElement.Clone());
                }
                else if (document.RootElement.TryGetProperty("method", out var method))
                {
                    RecordPageError(method.GetString(), document.RootElement.GetProperty("params"));
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }
    }
}
