namespace CarbonVoice.Sdk.Testing;

/// <summary>A small router over path segments: routes are bucketed by segment count and matched in order (literals before parameters).</summary>
internal sealed class Router
{
    private readonly Dictionary<int, List<Route>> _bySegmentCount = [];

    public void Add(string method, string template, bool requiresAuth, EndpointHandler handler)
    {
        var route = new Route(method, template, requiresAuth, handler);
        if (!_bySegmentCount.TryGetValue(route.Segments.Length, out var list))
        {
            list = [];
            _bySegmentCount.Add(route.Segments.Length, list);
        }

        list.Add(route);

        // Routes with more literal segments win over parameterised ones.
        list.Sort((a, b) => a.ParamPositions.Length.CompareTo(b.ParamPositions.Length));
    }

    public Route? Match(string method, string[] path)
    {
        if (!_bySegmentCount.TryGetValue(path.Length, out var list))
        {
            return null;
        }

        foreach (var route in list)
        {
            if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase) && route.Matches(path))
            {
                return route;
            }
        }

        return null;
    }

    public static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
