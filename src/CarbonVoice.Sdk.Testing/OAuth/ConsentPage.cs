using System.Net;
using System.Text;

namespace CarbonVoice.Sdk.Testing;

/// <summary>The small HTML consent page of <c>/oauth/authorize</c>.</summary>
internal static class ConsentPage
{
    public static string Render(EmulatorClient client, PendingAuthorization pending, IReadOnlyList<UserRecord> users, UserRecord preselected, bool explicitRedirect)
    {
        var html = new StringBuilder(2048);
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Authorize ")
            .Append(WebUtility.HtmlEncode(client.Name))
            .Append(" – Carbon Voice emulator</title>").Append(Style).Append("</head><body><main>")
            .Append("<p class=\"brand\">Carbon Voice <span>emulator</span></p>")
            .Append("<h1>Authorize <span id=\"client-name\">").Append(WebUtility.HtmlEncode(client.Name)).Append("</span></h1>")
            .Append("<p>This app asks for: <code id=\"scope\">").Append(WebUtility.HtmlEncode(pending.Scope)).Append("</code></p>")
            .Append("<form method=\"post\" action=\"/oauth/authorize\">")
            .Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(WebUtility.HtmlEncode(pending.Id)).Append("\">")
            .Append("<input type=\"hidden\" name=\"explicit_redirect\" value=\"").Append(explicitRedirect ? "true" : "false").Append("\">")
            .Append("<label for=\"user-id\">Sign in as</label><select id=\"user-id\" name=\"user_id\">");
        foreach (var user in users)
        {
            html.Append("<option value=\"").Append(WebUtility.HtmlEncode(user.Id)).Append('"')
                .Append(ReferenceEquals(user, preselected) ? " selected" : string.Empty).Append('>')
                .Append(WebUtility.HtmlEncode($"{user.FirstName} {user.LastName} <{user.Email}>")).Append("</option>");
        }

        html.Append("</select><div class=\"buttons\">")
            .Append("<button type=\"submit\" name=\"decision\" value=\"approve\" class=\"approve\">Approve</button> ")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>")
            .Append("</div></form></main></body></html>");
        return html.ToString();
    }

    public static string ErrorPage(string message)
        => $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Authorization error</title>{Style}</head><body><main><p class=\"brand\">Carbon Voice <span>emulator</span></p><h1>Authorization error</h1><p>{WebUtility.HtmlEncode(message)}</p></main></body></html>";

    /// <summary>The pages' styling, inline: the emulator serves no files.</summary>
    private const string Style =
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>"
        + "body{font-family:system-ui,-apple-system,\"Segoe UI\",sans-serif;background:#f1f3f5;color:#1d1d1f;margin:0;padding:3rem 1rem}"
        + "main{max-width:28rem;margin:0 auto;background:#fff;border:1px solid #dde1e6;border-radius:12px;padding:1.6rem 1.8rem;box-shadow:0 8px 30px rgba(0,0,0,.08)}"
        + ".brand{margin:0 0 1rem;font-weight:700;color:#3b5bdb}.brand span{font-weight:400;color:#5f6368;font-size:.85rem;border:1px solid #dde1e6;border-radius:999px;padding:.05rem .5rem;margin-left:.3rem}"
        + "h1{font-size:1.3rem;margin:0 0 .8rem}code{background:#f1f3f5;padding:.1rem .3rem;border-radius:4px}"
        + "label{display:block;font-size:.85rem;color:#5f6368;margin:1rem 0 .3rem}"
        + "select,button{font:inherit;padding:.45rem .7rem;border:1px solid #c3c8cf;border-radius:6px;background:#fff}select{width:100%}"
        + ".buttons{display:flex;gap:.6rem;margin-top:1.4rem}button{cursor:pointer}"
        + "button.approve{background:#3b5bdb;border-color:#3b5bdb;color:#fff}button:focus-visible,select:focus-visible{outline:3px solid #91a7ff;outline-offset:1px}"
        + "</style>";
}
