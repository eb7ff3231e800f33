using System.Text.RegularExpressions;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Removes credentials from text that may reach an exception message or a log.</summary>
internal static partial class Redactor
{
    public const int MaxExcerptLength = 512;

    /// <summary>Returns at most <see cref="MaxExcerptLength"/> characters of <paramref name="body"/> with tokens, codes and secrets masked.</summary>
    public static string? Excerpt(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return body;
        }

        var text = body.Length > MaxExcerptLength * 2 ? body[..(MaxExcerptLength * 2)] : body;
        text = SecretJsonValue().Replace(text, "$1\"***\"");
        text = SecretFormValue().Replace(text, "$1***");
        text = BearerLike().Replace(text, "***");
        return text.Length > MaxExcerptLength ? text[..MaxExcerptLength] + "…" : text;
    }

    [GeneratedRegex("(\"(?:access_token|refresh_token|id_token|code|code_verifier|client_secret|token|api_key|password)\"\\s*:\\s*)\"[^\"]*\"?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretJsonValue();

    [GeneratedRegex("((?:access_token|refresh_token|code|code_verifier|client_secret|token)=)[^&\\s\"]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretFormValue();

    [GeneratedRegex("(?:cv_pat_[A-Za-z0-9_\\-]+|eyJ[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]*|Bearer\\s+[A-Za-z0-9_\\-\\.=]+)", RegexOptions.CultureInvariant)]
    private static partial Regex BearerLike();
}
