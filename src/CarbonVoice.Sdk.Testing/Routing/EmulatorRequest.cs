using System.Collections.Specialized;
using System.Text;
using System.Web;

namespace CarbonVoice.Sdk.Testing;

/// <summary>A transport-neutral request: both the in-process handler and Kestrel adapt to it.</summary>
internal sealed class EmulatorRequest
{
    private NameValueCollection? _query;
    private NameValueCollection? _form;
    private string? _baseUrl;
    private readonly Func<string> _baseUrlFactory;

    public EmulatorRequest(string method, string path, string query, Func<string> baseUrlFactory)
    {
        Method = method;
        Path = path;
        QueryString = query;
        _baseUrlFactory = baseUrlFactory;
    }

    public string Method { get; }

    /// <summary>The escaped path, starting with '/'.</summary>
    public string Path { get; }

    /// <summary>The query string including its leading '?', or empty.</summary>
    public string QueryString { get; }

    public string? AuthorizationScheme { get; init; }
    public string? AuthorizationParameter { get; init; }
    public string? ApiKey { get; init; }
    public string? ControlKey { get; init; }
    public string? ContentType { get; init; }
    public byte[] Body { get; init; } = [];

    /// <summary>Scheme and authority the client used, ending with '/', e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public string BaseUrl => _baseUrl ??= _baseUrlFactory();

    public string PathAndQuery => Path + QueryString;

    public string? Query(string name) => (_query ??= HttpUtility.ParseQueryString(QueryString))[name];

    public string[] QueryAll(string name)
    {
        var values = (_query ??= HttpUtility.ParseQueryString(QueryString)).GetValues(name);
        if (values is null)
        {
            return [];
        }

        // Accept both repeated keys and comma-separated values.
        return values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
    }

    public string? Form(string name) => (_form ??= HttpUtility.ParseQueryString(Encoding.UTF8.GetString(Body)))[name];

    public string? Bearer => string.Equals(AuthorizationScheme, "Bearer", StringComparison.OrdinalIgnoreCase) ? AuthorizationParameter : null;

    public static (string? Scheme, string? Parameter) SplitAuthorization(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return (null, null);
        }

        var trimmed = header.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (trimmed, null) : (trimmed[..space], trimmed[(space + 1)..].Trim());
    }
}
