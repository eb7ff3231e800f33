using System.Globalization;
using System.Text;

namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>OAuth response bodies and JWT-shaped tokens for tests.</summary>
internal static class TokenJson
{
    public static string Token(string accessToken, string? refreshToken = null, int? expiresIn = 3600, string? scope = "workspaces:read messages:read")
    {
        var parts = new List<string> { $"\"access_token\":\"{accessToken}\"", "\"token_type\":\"Bearer\"" };
        if (refreshToken is not null)
        {
            parts.Add($"\"refresh_token\":\"{refreshToken}\"");
        }

        if (expiresIn is { } seconds)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"\"expires_in\":{seconds}"));
        }

        if (scope is not null)
        {
            parts.Add($"\"scope\":\"{scope}\"");
        }

        return "{" + string.Join(',', parts) + "}";
    }

    public static string Error(string code, string description = "refused")
        => $$"""{"error":"{{code}}","error_description":"{{description}}"}""";

    /// <summary>An unsigned JWT-shaped token whose payload carries <c>exp</c>.</summary>
    public static string Jwt(DateTimeOffset expiresAt, string subject = "user-1")
    {
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}""");
        var payload = Base64Url(string.Create(CultureInfo.InvariantCulture, $$"""{"sub":"{{subject}}","exp":{{expiresAt.ToUnixTimeSeconds()}}}"""));
        return $"{header}.{payload}.c2lnbmF0dXJl";
    }

    private static string Base64Url(string text)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
