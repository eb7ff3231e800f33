using System.Net;
using System.Text.Json;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Reads the body of <c>GET /attachments/signedurl/{id}</c>: the URL as a bare string, sometimes JSON-quoted (with JSON
/// escapes), sometimes in single quotes; an object holding <c>signed_url</c>, <c>signedUrl</c> or <c>url</c> is accepted too.
/// Errors never quote the body (it is a credential).
/// </summary>
internal static class SignedUrlText
{
    public static Uri Parse(string endpoint, string body)
    {
        var text = body.Trim();
        try
        {
            if (text.StartsWith('"'))
            {
                text = JsonSerializer.Deserialize(text, CarbonVoiceJsonContext.Default.String) ?? string.Empty;
            }
            else if (text.StartsWith('{'))
            {
                using var document = JsonDocument.Parse(text);
                text = FromObject(document.RootElement) ?? string.Empty;
            }
            else if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
            {
                text = text[1..^1];
            }
        }
        catch (JsonException exception)
        {
            throw Malformed(endpoint, "a quoted string that is not valid JSON", exception);
        }

        text = text.Trim();
        if (text.Length == 0)
        {
            throw Malformed(endpoint, "an empty URL", null);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw Malformed(endpoint, "text that is not an absolute http or https URL", null);
        }

        return url;
    }

    private static string? FromObject(JsonElement root)
    {
        foreach (var name in (ReadOnlySpan<string>)["signed_url", "signedUrl", "url"])
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }

    private static CarbonVoiceMalformedResponseException Malformed(string endpoint, string what, Exception? inner)
        => new($"Carbon Voice {endpoint} answered 200 with {what}; the signed URL could not be read.", new CarbonVoiceErrorDetails(HttpStatusCode.OK, endpoint), inner);
}
