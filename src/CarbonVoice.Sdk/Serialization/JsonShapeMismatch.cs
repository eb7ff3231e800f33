using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Says what is wrong with a well-formed body that did not fit the model: the JSON path (from
/// <see cref="JsonException.Path"/>), the type the model expects there (from the serializer's contract) and the kind
/// of value found. Never quotes a value of the body, so it cannot carry a credential.
/// </summary>
internal static class JsonShapeMismatch
{
    /// <summary>
    /// Describes the failure as <c>at $.data[3].duration_ms: expected a number (Int64), found a string</c>, or returns
    /// null when the body is not well-formed JSON (a syntax error or a truncation, not a shape mismatch).
    /// </summary>
    /// <param name="exception">The deserialization error.</param>
    /// <param name="body">The whole body.</param>
    /// <param name="root">The contract the body (or its <paramref name="wrapper"/> object) was read with.</param>
    /// <param name="wrapper">The property of the body whose object was read, or null for the body itself.</param>
    public static string? Describe(JsonException exception, ReadOnlySpan<byte> body, JsonTypeInfo root, string? wrapper)
    {
        if (!IsWellFormed(body))
        {
            return null;
        }

        var relative = JsonPaths.Parse(exception.Path) ?? [];
        var path = JsonPaths.Combine(wrapper is null ? "$" : JsonPaths.Child("$", wrapper), exception.Path);
        var expected = ExpectedAt(root, relative);
        using var document = JsonDocument.Parse(body.ToArray());
        var found = FoundAt(wrapper is null ? document.RootElement : Property(document.RootElement, wrapper), relative);
        return "at " + Redactor.Excerpt(path) + ": " + Explain(expected, found);
    }

    private static string Explain(JsonTypeInfo? expected, JsonElement? found)
    {
        if (expected is null)
        {
            return found is { } value ? $"the {Noun(value)} there could not be read" : "the value there could not be read";
        }

        if (found is not { } element)
        {
            return $"expected {Expected(expected)}";
        }

        if (expected.Kind == JsonTypeInfoKind.Object && element.ValueKind == JsonValueKind.Object && MissingRequired(expected, element) is { } missing)
        {
            return $"{Expected(expected)} without its required property '{missing}'";
        }

        return Fits(expected, element)
            ? $"expected {Expected(expected)}; the {Noun(element)} there could not be read as one"
            : $"expected {Expected(expected)}, found {Kind(element)}";
    }

    /// <summary>The contract at a path: properties by their JSON name, array items by their element type, list envelopes by their item type.</summary>
    private static JsonTypeInfo? ExpectedAt(JsonTypeInfo root, List<JsonPaths.Segment> segments)
    {
        JsonTypeInfo? info = root;
        foreach (var segment in segments)
        {
            info = Unwrap(info);
            if (info is null)
            {
                return null;
            }

            var listItem = ListItemType(info.Type);
            if (segment.Name is null)
            {
                var element = info.Kind is JsonTypeInfoKind.Enumerable ? info.ElementType : listItem;
                info = element is null ? null : info.Options.GetTypeInfo(element);
            }
            else if (listItem is not null)
            {
                // The envelope key of a wrapped list (results, data, workspaces…): the list itself, indexed next.
            }
            else if (info.Kind == JsonTypeInfoKind.Dictionary && info.ElementType is { } value)
            {
                info = info.Options.GetTypeInfo(value);
            }
            else if (info.Kind == JsonTypeInfoKind.Object)
            {
                var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, segment.Name, StringComparison.OrdinalIgnoreCase));
                info = property is null ? null : info.Options.GetTypeInfo(property.PropertyType);
            }
            else
            {
                return null;
            }
        }

        return Unwrap(info);
    }

    private static JsonElement? FoundAt(JsonElement? root, List<JsonPaths.Segment> segments)
    {
        var current = root;
        foreach (var segment in segments)
        {
            if (current is not { } element)
            {
                return null;
            }

            current = segment.Name is null
                ? element.ValueKind == JsonValueKind.Array && segment.Index < element.GetArrayLength() ? element[segment.Index] : null
                : Property(element, segment.Name);
        }

        return current;
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? MissingRequired(JsonTypeInfo info, JsonElement element)
        => info.Properties.FirstOrDefault(p => p.IsRequired && Property(element, p.Name) is null)?.Name;

    private static JsonTypeInfo? Unwrap(JsonTypeInfo? info)
        => info is not null && Nullable.GetUnderlyingType(info.Type) is { } underlying ? info.Options.GetTypeInfo(underlying) : info;

    private static Type? ListItemType(Type type)
        => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ApiList<>) ? type.GetGenericArguments()[0] : null;

    private static bool Fits(JsonTypeInfo expected, JsonElement found)
    {
        var type = expected.Type;
        return found.ValueKind switch
        {
            JsonValueKind.String => type == typeof(string) || type == typeof(Uri) || IsTimestamp(type) || IsNumber(type) || type.IsEnum,
            JsonValueKind.Number => type == typeof(string) || IsNumber(type) || IsTimestamp(type),
            JsonValueKind.True or JsonValueKind.False => type == typeof(bool) || type == typeof(string),
            JsonValueKind.Array => expected.Kind == JsonTypeInfoKind.Enumerable || ListItemType(type) is not null,
            JsonValueKind.Object => expected.Kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary || ListItemType(type) is not null,
            _ => false,
        };
    }

    private static string Expected(JsonTypeInfo info)
    {
        var type = info.Type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "a boolean";
        }

        if (IsNumber(type))
        {
            return $"a number ({type.Name})";
        }

        if (type == typeof(DateOnly))
        {
            return "a date (yyyy-MM-dd)";
        }

        if (IsTimestamp(type))
        {
            return $"a timestamp ({type.Name}: ISO-8601, or epoch seconds or milliseconds)";
        }

        if (type == typeof(Uri))
        {
            return "a URL string";
        }

        if (ListItemType(type) is { } item)
        {
            return $"a list of {item.Name} (an array, or an object holding one)";
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => $"an array ({Describe(type)})",
            JsonTypeInfoKind.Dictionary => $"an object ({Describe(type)})",
            JsonTypeInfoKind.Object => $"an object ({type.Name})",
            _ => $"a {type.Name}",
        };
    }

    private static string Describe(Type type)
        => type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(a => a.Name))}>" : type.Name;

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "a value",
    };

    private static string Noun(JsonElement element) => element.ValueKind == JsonValueKind.Null ? "null" : Kind(element)[(Kind(element).IndexOf(' ', StringComparison.Ordinal) + 1)..];

    private static bool IsNumber(Type type)
        => type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal) || type == typeof(float)
            || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte);

    private static bool IsTimestamp(Type type) => type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly);

    private static bool IsWellFormed(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
