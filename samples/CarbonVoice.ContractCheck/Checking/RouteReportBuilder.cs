using System.Text.Json;
using CarbonVoice.ContractCheck.Analysis;
using CarbonVoice.ContractCheck.Capture;
using CarbonVoice.Sdk;

namespace CarbonVoice.ContractCheck.Checking;

/// <summary>Turns a route's captured exchanges and the SDK's result (or exception) into a <see cref="RouteReport"/>.</summary>
internal static class RouteReportBuilder
{
    public static RouteReport NotApplicable(RouteDefinition route, string reason)
        => Base(route) with { Outcome = RouteOutcome.NotApplicable, Note = reason };

    public static RouteReport Build(RouteDefinition route, IReadOnlyList<CapturedExchange> exchanges, CallResult? result, Exception? failure, string? note, SecretRedactor redactor)
    {
        var list = route.ResponseKind != ResponseKind.Single;
        var successes = exchanges.Where(e => e.IsSuccess).ToList();
        var shapes = successes.Select(e => BodyShape.Read(e.Body, list, route.Wrapper)).ToList();
        var (outcome, outcomeNote) = Classify(exchanges, failure);
        if (result is not null && exchanges.Count == 0)
        {
            (outcome, outcomeNote) = (RouteOutcome.NotApplicable, "the SDK sent no request");
        }

        IReadOnlyList<string>? unknown = null;
        IReadOnlyList<string>? neverSeen = null;
        if (route.ItemType is { } itemType && result is not null)
        {
            unknown = UnknownFields.Collect(result.Items);
            var seen = new SeenFields();
            var received = 0;
            foreach (var item in shapes.SelectMany(s => s.Items))
            {
                seen.Add(item);
                received++;
            }

            neverSeen = received > 0 ? seen.NeverSeen(itemType) : null;
        }

        return Base(route) with
        {
            Outcome = outcome,
            Statuses = [.. exchanges.Select(e => e.Status)],
            Items = result?.Items.Count,
            Envelope = shapes.Count == 0 ? null : string.Join(" / ", shapes.Select(s => s.Envelope).Distinct(StringComparer.Ordinal)),
            EnvelopeKeys = [.. shapes.SelectMany(s => s.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            ExceptionType = failure?.GetType().Name,
            ExceptionMessage = redactor.Redact(failure is null ? null : MessageOf(failure)),
            Note = redactor.Redact(Join(note, outcomeNote, result is not null && neverSeen is null && route.ItemType is not null ? "no object was received, so no field could be observed" : null)),
            UnknownFields = unknown,
            ModelledFieldsNeverSeen = neverSeen,
            Paging = list && shapes.Count > 0 ? PagingAnalysis.Analyze(route, successes, shapes, result) : null,
        };
    }

    private static RouteReport Base(RouteDefinition route) => new()
    {
        Route = route.Route,
        Evidence = route.Evidence,
        EvidenceSource = route.EvidenceSource,
        SdkMember = route.SdkMember,
    };

    private static (RouteOutcome Outcome, string? Note) Classify(IReadOnlyList<CapturedExchange> exchanges, Exception? failure)
    {
        switch (failure)
        {
            case null:
                // The SDK can turn a 404 into a fallback (the OAuth metadata falls back to the default endpoints).
                return exchanges.Count > 0 && exchanges[^1].Status is 404 or 403
                    ? (exchanges[^1].Status == 404 ? RouteOutcome.NotFound : RouteOutcome.Forbidden, $"the service answered {exchanges[^1].Status}; the SDK returned a fallback value")
                    : (RouteOutcome.Ok, null);
            case CarbonVoiceMalformedResponseException or JsonException:
                return (RouteOutcome.ParseFailure, null);
            case CarbonVoiceNotFoundException:
                return (RouteOutcome.NotFound, null);
            case CarbonVoiceForbiddenException:
                return (RouteOutcome.Forbidden, null);
            case CarbonVoiceServerException or CarbonVoiceTransportException:
                return (RouteOutcome.Error, "a transient fault (5xx, timeout or no response) outlasted the SDK's retries: run the check again before reading anything into it");
            case CarbonVoiceAuthenticationException:
                return (RouteOutcome.Error, "the service refused the credential");
            default:
                return (RouteOutcome.Error, null);
        }
    }

    /// <summary>The exception's message, with the JSON reader's message (it names the path, never values) when that is the cause.</summary>
    private static string MessageOf(Exception failure)
        => failure.InnerException is JsonException json && !string.IsNullOrEmpty(json.Message)
            ? $"{failure.Message} ({json.Message})"
            : failure.Message;

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return present.Count == 0 ? null : string.Join("; ", present);
    }
}
