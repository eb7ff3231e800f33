namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// The credentials a request carries (bearer token, API key, OAuth form secrets). A service that echoes one of
/// them in an error body (<c>"token abc… was revoked"</c>) must not get it into an exception message or a log,
/// whatever its shape, so error bodies are scrubbed of them before they are parsed.
/// </summary>
internal static class RequestSecrets
{
    private const int MinLength = 8;
    private static readonly string[] FormSecretNames = ["access_token", "refresh_token", "code", "code_verifier", "client_secret", "token", "client_assertion"];

    /// <summary>Replaces every credential of <paramref name="request"/> found in <paramref name="text"/> with <c>***</c>.</summary>
    public static async Task<string> ScrubAsync(HttpRequestMessage? request, string text, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrEmpty(text))
        {
            return text;
        }

        var secrets = new List<string>();
        if (request.Headers.Authorization?.Parameter is { } credential)
        {
            secrets.Add(credential);
        }

        if (request.Headers.TryGetValues("x-api-key", out var apiKeys))
        {
            secrets.AddRange(apiKeys);
        }

        if (request.Content is FormUrlEncodedContent form)
        {
            var body = await form.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var index = pair.IndexOf('=', StringComparison.Ordinal);
                if (index > 0 && FormSecretNames.Contains(Unescape(pair[..index]), StringComparer.Ordinal))
                {
                    secrets.Add(Unescape(pair[(index + 1)..]));
                }
            }
        }

        foreach (var secret in secrets.Where(s => s.Length >= MinLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
