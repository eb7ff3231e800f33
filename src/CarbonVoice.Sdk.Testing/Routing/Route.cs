namespace CarbonVoice.Sdk.Testing;

/// <summary>A route template such as <c>GET /v5/messages/{id}</c>, compiled to literal segments and parameter positions.</summary>
internal sealed class Route
{
    public Route(string method, string template, bool requiresAuth, EndpointHandler handler)
    {
        Method = method;
        Template = template;
        Segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        ParamPositions = Enumerable.Range(0, Segments.Length).Where(i => Segments[i].StartsWith('{')).ToArray();
        RequiresAuth = requiresAuth;
        Handler = handler;
    }

    public string Method { get; }
    public string Template { get; }
    public string[] Segments { get; }
    public int[] ParamPositions { get; }
    public bool RequiresAuth { get; }
    public EndpointHandler Handler { get; }

    public bool Matches(string[] path)
    {
        var segments = Segments;
        for (var i = 0; i < segments.Length; i++)
        {
            var literal = segments[i];
            if (literal[0] != '{' && !string.Equals(literal, path[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
