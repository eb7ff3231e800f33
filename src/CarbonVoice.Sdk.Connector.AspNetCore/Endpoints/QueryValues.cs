using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Query values parsed by the routes, so that a wrong type answers a validation problem naming the parameter and what it must be.</summary>
internal static class QueryValues
{
    /// <summary>An optional boolean: absent is null; <c>true</c>/<c>false</c> (any case) are accepted.</summary>
    public static (bool? Value, ProblemHttpResult? Problem) Boolean(string name, string? raw)
        => raw is null ? (null, null)
            : bool.TryParse(raw, out var value) ? (value, null)
            : (null, Problems.Validation(name, $"{name} must be true or false (got '{raw}')."));

    /// <summary>An optional integer between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static (int? Value, ProblemHttpResult? Problem) Integer(string name, string? raw, int min, int max)
        => raw is null ? (null, null)
            : int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? (value, null)
            : (null, Problems.Validation(name, $"{name} must be an integer between {min} and {max} (got '{raw}')."));
}
