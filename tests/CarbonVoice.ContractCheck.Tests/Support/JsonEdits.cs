using System.Text;
using System.Text.Json.Nodes;

namespace CarbonVoice.ContractCheck.Tests.Support;

/// <summary>Body rewrites for <see cref="AlteringHandler"/>.</summary>
internal static class JsonEdits
{
    /// <summary>Rewrites a JSON body (status unchanged).</summary>
    public static Func<int, byte[], (int, byte[])> Json(Action<JsonNode> edit)
        => (status, body) =>
        {
            var node = JsonNode.Parse(body)!;
            edit(node);
            return (status, Encoding.UTF8.GetBytes(node.ToJsonString()));
        };

    /// <summary>Replaces the answer altogether.</summary>
    public static Func<int, byte[], (int, byte[])> Replace(int status, string body)
        => (_, _) => (status, Encoding.UTF8.GetBytes(body));

    /// <summary>Removes a field by path: <c>a.b</c>, or <c>a[].b</c> for every element of the array <c>a</c>.</summary>
    public static void Remove(JsonNode node, string path)
    {
        foreach (var (parent, name) in Parents(node, path))
        {
            parent.Remove(name);
        }
    }

    /// <summary>Sets a field by path (creating it), in every element for <c>a[].b</c>.</summary>
    public static void Set(JsonNode node, string path, JsonNode? value)
    {
        foreach (var (parent, name) in Parents(node, path))
        {
            parent[name] = value?.DeepClone();
        }
    }

    private static List<(JsonObject Parent, string Name)> Parents(JsonNode node, string path)
    {
        var segments = path.Split('.');
        var current = new List<JsonNode> { node };
        foreach (var segment in segments[..^1])
        {
            var name = segment.EndsWith("[]", StringComparison.Ordinal) ? segment[..^2] : segment;
            var next = new List<JsonNode>();
            foreach (var item in current)
            {
                if (item is JsonObject obj && obj[name] is { } child)
                {
                    if (segment.EndsWith("[]", StringComparison.Ordinal))
                    {
                        next.AddRange(child.AsArray().OfType<JsonNode>());
                    }
                    else
                    {
                        next.Add(child);
                    }
                }
            }

            current = next;
        }

        return [.. current.OfType<JsonObject>().Select(parent => (parent, segments[^1]))];
    }
}
