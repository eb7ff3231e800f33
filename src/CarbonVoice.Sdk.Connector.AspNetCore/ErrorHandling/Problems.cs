using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>RFC 7807 answers shared by the endpoints.</summary>
internal static partial class Problems
{
    public static ProblemHttpResult Validation(string field, string message)
        => TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Detail = message,
        });

    public static ProblemHttpResult NotFound(string title, string detail)
        => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    public static ProblemHttpResult Conflict(string title, string detail, IDictionary<string, object?>? extensions = null)
        => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: extensions);

    /// <summary>Company ids: 1–64 letters, digits, '.', '_' or '-'.</summary>
    public static bool IsValidCompanyId(string? companyId) => companyId is not null && CompanyIdPattern().IsMatch(companyId);

    /// <summary>Null for a well-formed company id; else a 400 saying whether it is missing or malformed.</summary>
    public static ProblemHttpResult? CompanyIdProblem(string? companyId)
        => IsValidCompanyId(companyId)
            ? null
            : Validation("company_id", string.IsNullOrEmpty(companyId)
                ? "company_id is required: 1-64 letters, digits, '.', '_' or '-'."
                : "company_id is malformed: use 1-64 letters, digits, '.', '_' or '-'.");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CompanyIdPattern();
}
