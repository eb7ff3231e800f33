using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// A JSON request body read by the route itself, so that a malformed one answers a validation problem naming the field and
/// what it must be (never the framework's "Failed to read parameter …"); an empty body reads as <see cref="Value"/> null.
/// </summary>
/// <typeparam name="T">The body's type.</typeparam>
internal sealed class JsonBody<T>
    where T : class
{
    private JsonBody(T? value, ProblemHttpResult? problem)
    {
        Value = value;
        Problem = problem;
    }

    /// <summary>The body; null when the request had none.</summary>
    public T? Value { get; }

    /// <summary>The 400 to answer when the body is not valid JSON of <typeparamref name="T"/>.</summary>
    public ProblemHttpResult? Problem { get; }

    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new JsonBody<T>(null, null);
        }

        try
        {
            return new JsonBody<T>(JsonSerializer.Deserialize<T>(body, options), null);
        }
        catch (JsonException exception)
        {
            var field = FieldOf(exception.Path);
            var message = field is null
                ? $"The body must be a JSON object ({Describe(typeof(T), options)})."
                : $"{field} must be {Expected(field, options)}.";
            return new JsonBody<T>(null, Problems.Validation(field ?? "body", message));
        }
    }

    /// <summary>The first member of a JSON path (<c>$.enabled_entities[0]</c> → <c>enabled_entities</c>); null for the root.</summary>
    private static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$" || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[2..];
        var end = rest.IndexOfAny(['.', '[']);
        return end < 0 ? rest : rest[..end];
    }

    private static string Expected(string field, JsonSerializerOptions options)
    {
        var property = typeof(T).GetProperties().FirstOrDefault(p => string.Equals(options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name, field, StringComparison.Ordinal));
        return property is null ? "a known member" : Friendly(property.PropertyType);
    }

    private static string Describe(Type type, JsonSerializerOptions options)
        => string.Join(", ", type.GetProperties().Select(p => $"{options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name}: {Friendly(p.PropertyType)}"));

    private static string Friendly(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return "an integer";
        }

        var element = type.IsArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments()[0] : null;
        return element == typeof(string) ? "an array of strings" : $"a JSON {type.Name}";
    }
}
