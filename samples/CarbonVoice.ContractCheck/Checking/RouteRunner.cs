using CarbonVoice.ContractCheck.Capture;
using CarbonVoice.Sdk;

namespace CarbonVoice.ContractCheck.Checking;

/// <summary>Calls one route at a time inside a capture scope and turns what happened into a <see cref="RouteReport"/>.</summary>
internal sealed class RouteRunner
{
    private readonly CaptureRecorder _recorder;
    private readonly SecretRedactor _redactor;
    private readonly int _maxPages;
    private readonly IProgress<RouteReport>? _progress;
    private readonly Dictionary<RouteDefinition, RouteReport> _reports = [];

    public RouteRunner(CaptureRecorder recorder, SecretRedactor redactor, int maxPages, IProgress<RouteReport>? progress)
    {
        _recorder = recorder;
        _redactor = redactor;
        _maxPages = maxPages;
        _progress = progress;
    }

    /// <summary>The report of a route, once it was checked.</summary>
    public RouteReport? ReportOf(RouteDefinition route) => _reports.GetValueOrDefault(route);

    /// <summary>Checks a route that returns one object; returns it, or null when the call failed.</summary>
    public async Task<T?> SingleAsync<T>(RouteDefinition route, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, string? note = null)
        where T : class
    {
        var result = await RunAsync(route, async ct => new CallResult([await call(ct)], 1, null), cancellationToken, note);
        return result?.Items[0] as T;
    }

    /// <summary>Checks a route that returns a list in one call; returns it, or null when the call failed.</summary>
    public async Task<IReadOnlyList<T>?> ListAsync<T>(RouteDefinition route, Func<CancellationToken, Task<IReadOnlyList<T>>> call, CancellationToken cancellationToken, string? note = null)
        where T : notnull
    {
        var result = await RunAsync(route, async ct => new CallResult([.. (await call(ct)).Cast<object>()], 1, null), cancellationToken, note);
        return result?.Items.Cast<T>().ToList();
    }

    /// <summary>Checks a paged list: reads up to the configured number of pages; returns their items, or null when a call failed.</summary>
    public async Task<IReadOnlyList<T>?> PagedAsync<T>(RouteDefinition route, Func<CarbonVoicePageable<T>> create, CancellationToken cancellationToken, string? note = null)
        where T : notnull
    {
        var result = await RunAsync(
            route,
            async ct =>
            {
                var items = new List<object>();
                var pages = 0;
                var more = false;
                await foreach (var page in create().AsPages(null, null, ct))
                {
                    items.AddRange(page.Items.Cast<object>());
                    pages++;
                    more = page.HasMore;
                    if (pages >= _maxPages)
                    {
                        break;
                    }
                }

                return new CallResult(items, pages, more);
            },
            cancellationToken,
            note);
        return result?.Items.Cast<T>().ToList();
    }

    /// <summary>Adds a sentence to the note of a route already checked.</summary>
    public void Annotate(RouteDefinition route, string note)
    {
        if (_reports.TryGetValue(route, out var report))
        {
            _reports[route] = report with { Note = _redactor.Redact(report.Note is null ? note : $"{report.Note}; {note}") };
        }
    }

    /// <summary>Reports a route that was not called, and why.</summary>
    public void NotApplicable(RouteDefinition route, string reason)
        => Add(RouteReportBuilder.NotApplicable(route, reason));

    private async Task<CallResult?> RunAsync(RouteDefinition route, Func<CancellationToken, Task<CallResult>> call, CancellationToken cancellationToken, string? note)
    {
        var exchanges = _recorder.Begin();
        CallResult? result = null;
        Exception? failure = null;
        try
        {
            result = await call(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            failure = exception;
        }
        finally
        {
            _recorder.End();
        }

        List<CapturedExchange> captured;
        lock (exchanges)
        {
            captured = [.. exchanges];
        }

        Add(RouteReportBuilder.Build(route, captured, result, failure, note, _redactor));
        return failure is null ? result : null;
    }

    private void Add(RouteReport report)
    {
        var route = RouteCatalog.All.First(r => r.Route == report.Route);
        _reports[route] = report;
        _progress?.Report(report);
    }
}
