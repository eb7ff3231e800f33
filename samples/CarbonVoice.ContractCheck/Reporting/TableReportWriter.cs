using System.Globalization;
using System.Text;

namespace CarbonVoice.ContractCheck;

/// <summary>Writes a report as a readable table (one row per route) followed by the details of each route.</summary>
public static class TableReportWriter
{
    private static readonly string[] Headers = ["ROUTE", "EV", "HTTP", "RESULT", "ITEMS", "UNKNOWN", "UNSEEN", "ENVELOPE", "PER PAGE/LIMIT", "MORE", "CURSOR", "PAGE 2"];

    /// <summary>The report as text.</summary>
    /// <param name="report">The report.</param>
    public static string Render(ContractReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var took = (report.FinishedAt - report.StartedAt).TotalSeconds;
        text.AppendLine("Carbon Voice contract check");
        text.AppendLine(Invariant($"  service {report.BaseAddress}, credential: {Label(report.Authentication)}, SDK {report.SdkVersion}, page size {report.PageSize}"));
        text.AppendLine(Invariant($"  started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, took {took:0.0} s"));
        text.AppendLine();

        var rows = report.Routes.Select(Row).ToList();
        var widths = Headers.Select((header, i) => Math.Max(header.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        text.AppendLine(Line(Headers, widths));
        foreach (var row in rows)
        {
            text.AppendLine(Line(row, widths));
        }

        text.AppendLine();
        text.AppendLine(SummaryLine(report.Summary));
        text.AppendLine();
        text.AppendLine("Details");
        foreach (var route in report.Routes)
        {
            AppendDetails(text, route);
        }

        return text.ToString();
    }

    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to.</param>
    public static void Write(ContractReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Render(report));
    }

    /// <summary>A one-line summary of the counts.</summary>
    /// <param name="summary">The counts.</param>
    public static string SummaryLine(ReportSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Invariant($"{summary.Routes} routes: {summary.Ok} ok, {summary.ParseFailures} parse failures, {summary.Errors} errors, {summary.NotFound} not found, {summary.Forbidden} forbidden, {summary.NotApplicable} not applicable. ")
            + Invariant($"{summary.WithUnknownFields} with fields the SDK does not model, {summary.WithFieldsNeverSeen} with modelled fields never seen.");
    }

    /// <summary>The short name of an outcome, as the RESULT column shows it.</summary>
    /// <param name="outcome">The outcome.</param>
    public static string Label(RouteOutcome outcome) => outcome switch
    {
        RouteOutcome.Ok => "ok",
        RouteOutcome.ParseFailure => "PARSE FAILURE",
        RouteOutcome.Error => "ERROR",
        RouteOutcome.NotFound => "not found",
        RouteOutcome.Forbidden => "forbidden",
        _ => "not applicable",
    };

    private static string Label(CredentialKind kind) => kind switch
    {
        CredentialKind.PersonalAccessToken => "personal access token (bearer)",
        CredentialKind.OAuthAccessToken => "OAuth access token (bearer)",
        _ => "API key (x-api-key)",
    };

    private static string[] Row(RouteReport route)
    {
        var paging = route.Paging;
        return
        [
            route.Route,
            Evidence(route.Evidence),
            Statuses(route.Statuses),
            Label(route.Outcome),
            route.Items?.ToString(CultureInfo.InvariantCulture) ?? "-",
            Count(route.UnknownFields),
            Count(route.ModelledFieldsNeverSeen),
            route.Envelope ?? "-",
            paging is null ? "-" : PerPage(paging),
            paging is null ? "-" : YesNo(paging.HasMorePresent),
            paging is null ? "-" : YesNo(paging.NextCursorPresent),
            paging is null ? "-" : YesNo(paging.SecondPage),
        ];
    }

    private static void AppendDetails(StringBuilder text, RouteReport route)
    {
        text.AppendLine();
        text.AppendLine(Invariant($"{route.Route}  [{Evidence(route.Evidence)}: {route.EvidenceSource}]  {route.SdkMember}"));
        text.AppendLine(Invariant($"  result: {Label(route.Outcome)}") + (route.Statuses.Count > 0 ? Invariant($", HTTP {Statuses(route.Statuses)}") : string.Empty));
        if (route.ExceptionType is not null)
        {
            text.AppendLine(Invariant($"  {route.ExceptionType}: {route.ExceptionMessage}"));
        }

        if (route.Note is not null)
        {
            text.AppendLine(Invariant($"  note: {route.Note}"));
        }

        if (route.UnknownFields is { } unknown)
        {
            text.AppendLine("  fields the SDK does not model: " + List(unknown));
        }

        if (route.ModelledFieldsNeverSeen is { } unseen)
        {
            text.AppendLine("  modelled fields never seen: " + List(unseen));
        }

        if (route.EnvelopeKeys.Count > 0)
        {
            text.AppendLine(Invariant($"  body: {route.Envelope}; top-level keys: {string.Join(", ", route.EnvelopeKeys)}"));
        }

        if (route.Paging is { } paging)
        {
            for (var i = 0; i < paging.Pages.Count; i++)
            {
                var page = paging.Pages[i];
                var limit = page.Limit is { } asked ? asked.ToString(CultureInfo.InvariantCulture) : "none sent";
                var hasMore = page.HasMorePresent ? page.HasMore?.ToString().ToLowerInvariant() ?? "not a boolean" : "absent";
                text.AppendLine(Invariant($"  page {i + 1}: {page.Items} items (limit {limit}), {page.Envelope}, has_more {hasMore}, next_cursor {Cursor(page.NextCursor)}"));
            }

            if (paging.Note is not null)
            {
                text.AppendLine(Invariant($"  paging: {paging.Note}"));
            }
        }
    }

    private static string Line(string[] cells, int[] widths)
        => string.Join("  ", cells.Select((cell, i) => i == cells.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd();

    private static string Evidence(EvidenceLevel level) => level switch
    {
        EvidenceLevel.Confirmed => "C",
        EvidenceLevel.GuideOnly => "G",
        _ => "I",
    };

    /// <summary>Statuses with runs folded: <c>200x2</c>, <c>502,200</c>.</summary>
    private static string Statuses(IReadOnlyList<int> statuses)
    {
        if (statuses.Count == 0)
        {
            return "-";
        }

        var parts = new List<string>();
        for (var i = 0; i < statuses.Count;)
        {
            var run = 1;
            while (i + run < statuses.Count && statuses[i + run] == statuses[i])
            {
                run++;
            }

            parts.Add(run == 1 ? statuses[i].ToString(CultureInfo.InvariantCulture) : Invariant($"{statuses[i]}x{run}"));
            i += run;
        }

        return string.Join(",", parts);
    }

    private static string PerPage(PagingReport paging)
    {
        var counts = paging.Pages.Count == 0 ? "-" : string.Join(",", paging.Pages.Select(p => p.Items.ToString(CultureInfo.InvariantCulture)));
        return paging.LimitAsked is { } limit ? Invariant($"{counts}/{limit}") : counts + "/-";
    }

    private static string Count(IReadOnlyList<string>? fields) => fields is null ? "-" : fields.Count.ToString(CultureInfo.InvariantCulture);

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string List(IReadOnlyList<string> fields) => fields.Count == 0 ? "(none)" : string.Join(", ", fields);

    private static string Cursor(CursorState state) => state switch
    {
        CursorState.Value => "set",
        CursorState.Null => "null",
        _ => "absent",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
