using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Creates <see cref="ApiListConverter{T}"/> instances.</summary>
internal sealed class ApiListConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert)
        => typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ApiList<>);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        var itemType = typeToConvert.GetGenericArguments()[0];
        return itemType == typeof(string) ? new ApiListConverter<string>()
            : (JsonConverter?)Activator.CreateInstance(typeof(ApiListConverter<>).MakeGenericType(itemType));
    }
}

/// <summary>Reads every list shape the service uses into an <see cref="ApiList{T}"/>, streaming item by item.</summary>
internal sealed class ApiListConverter<T> : JsonConverter<ApiList<T>>
{
    public override ApiList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var itemInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return new ApiList<T>(ReadItems(ref reader, itemInfo, "$"));
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON array or object holding a list but found {reader.TokenType}.");
        }

        IReadOnlyList<T>? items = null;
        bool? hasMore = null;
        string? nextCursor = null;
        long? total = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "has_more" or "hasMore" or "has_next_page" when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                    hasMore = reader.GetBoolean();
                    break;
                case "next_cursor" or "nextCursor" when reader.TokenType == JsonTokenType.String:
                    nextCursor = reader.GetString();
                    break;
                case "total" when reader.TokenType == JsonTokenType.Number:
                    total = reader.GetInt64();
                    break;
                default:
                    if (reader.TokenType == JsonTokenType.StartArray && items is null)
                    {
                        items = ReadItems(ref reader, itemInfo, JsonPaths.Child("$", name));
                    }
                    else
                    {
                        reader.Skip();
                    }

                    break;
            }
        }

        return new ApiList<T>(items ?? [], hasMore, nextCursor, total);
    }

    public override void Write(Utf8JsonWriter writer, ApiList<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var itemInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var item in value.Items)
        {
            JsonSerializer.Serialize(writer, item, itemInfo);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Reads the items of the array at <paramref name="listPath"/>. An item that fails is reported with its full path
    /// (<c>$.results[3].duration_ms</c>): the nested deserialization only knows the path inside the item.
    /// </summary>
    private static List<T> ReadItems(ref Utf8JsonReader reader, JsonTypeInfo<T> itemInfo, string listPath)
    {
        var items = new List<T>();
        var index = -1;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            index++;
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            try
            {
                items.Add(JsonSerializer.Deserialize(ref reader, itemInfo)!);
            }
            catch (JsonException exception)
            {
                var path = JsonPaths.Combine(JsonPaths.Index(listPath, index), exception.Path);
                throw new JsonException(
                    $"An item of the list could not be read. Path: {path} | LineNumber: {exception.LineNumber} | BytePositionInLine: {exception.BytePositionInLine}.",
                    path,
                    exception.LineNumber,
                    exception.BytePositionInLine,
                    exception);
            }
        }

        return items;
    }
}
