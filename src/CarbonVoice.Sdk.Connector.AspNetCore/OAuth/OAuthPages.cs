using System.Net;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>The small HTML pages the OAuth callback answers a browser with.</summary>
internal static class OAuthPages
{
    public static string Refused(string title, string detail, string returnUrl)
        => Page(title, $"<p id=\"oauth-error\">{WebUtility.HtmlEncode(detail)}</p><p>Nothing was connected. Start again from <a href=\"{WebUtility.HtmlEncode(returnUrl)}\">the connectors page</a>.</p>");

    private static string Page(string title, string body)
        => $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(title)}} – Carbon Voice</title>
            <link rel="stylesheet" href="/css/oauth.css"></head>
            <body><h1 id="oauth-title">{{WebUtility.HtmlEncode(title)}}</h1>{{body}}</body></html>
            """;
}
