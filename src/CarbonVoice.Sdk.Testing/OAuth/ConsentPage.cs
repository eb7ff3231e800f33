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
            .Append(" – Carbon Voice emulator</title></head><body>")
            .Append("<h1>Authorize <span id=\"client-name\">").Append(WebUtility.HtmlEncode(client.Name)).Append("</span></h1>")
            .Append("<p>This app asks for: <code id=\"scope\">").Append(WebUtility.HtmlEncode(pending.Scope)).Append("</code></p>")
            .Append("<form method=\"post\" action=\"/oauth/authorize\">")
            .Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(WebUtility.HtmlEncode(pending.Id)).Append("\">")
            .Append("<input type=\"hidden\" name=\"explicit_redirect\" value=\"").Append(explicitRedirect ? "true" : "false").Append("\">")
            .Append("<label>Sign in as <select name=\"user_id\">");
        foreach (var user in users)
        {
            html.Append("<option value=\"").Append(WebUtility.HtmlEncode(user.Id)).Append('"')
                .Append(ReferenceEquals(user, preselected) ? " selected" : string.Empty).Append('>')
                .Append(WebUtility.HtmlEncode($"{user.FirstName} {user.LastName} <{user.Email}>")).Append("</option>");
        }

        html.Append("</select></label> ")
            .Append("<button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button> ")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>")
            .Append("</form></body></html>");
        return html.ToString();
    }

    public static string ErrorPage(string message)
        => $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Authorization error</title></head><body><h1>Authorization error</h1><p>{WebUtility.HtmlEncode(message)}</p></body></html>";
}
