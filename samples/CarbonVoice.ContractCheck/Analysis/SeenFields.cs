using System.Text.Json;

namespace CarbonVoice.ContractCheck.Analysis;

/// <summary>Which JSON field paths appeared in the raw items of a route, and which modelled fields never did.</summary>
internal sealed class SeenFields
{
    private readonly HashSet<string> _fields = new(StringComparer.Ordinal);
    private readonly HashSet<string> _objects = new(StringComparer.Ordinal);

    /// <summary>Adds every field path of an item object (nested objects as <c>a.b</c>, objects in arrays as <c>a[].b</c>).</summary>
    /// <param name="item">A raw item object.</param>
    public void Add(JsonElement item) => Walk(item, string.Empty, 0);

    /// <summary>The modelled fields of <paramref name="modelType"/> that never appeared; a nested model's fields only count where that object appeared at least once.</summary>
    /// <param name="modelType">The SDK model of the items.</param>
    public IReadOnlyList<string> NeverSeen(Type modelType)
        => [.. ModelMetadata.FieldsOf(modelType)
            .Where(field => (field.Container.Length == 0 || _objects.Contains(field.Container)) && !_fields.Contains(field.Path))
            .Select(field => field.Path)
            .Order(StringComparer.Ordinal)];

    private void Walk(JsonElement element, string prefix, int depth)
    {
        if (element.ValueKind != JsonValueKind.Object || depth > 16)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var path = prefix + property.Name;
            _fields.Add(path);
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    _objects.Add(path);
                    Walk(property.Value, path + ".", depth + 1);
                    break;
                case JsonValueKind.Array:
                    foreach (var inner in property.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                    {
                        _objects.Add(path + "[]");
                        Walk(inner, path + "[].", depth + 1);
                    }

                    break;
            }
        }
    }
}
