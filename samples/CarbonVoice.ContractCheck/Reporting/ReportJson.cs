using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CarbonVoice.ContractCheck;

/// <summary>The JSON form of a report (snake_case, indented); the same content as the table.</summary>
public static class ReportJson
{
    // A report is a file for people, not HTML: quotes and non-ASCII stay readable.
    private static readonly JsonTypeInfo<ContractReport> TypeInfo = (JsonTypeInfo<ContractReport>)new JsonSerializerOptions(ReportJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = ReportJsonContext.Default,
    }.GetTypeInfo(typeof(ContractReport));

    /// <summary>The report as JSON.</summary>
    /// <param name="report">The report.</param>
    public static string Serialize(ContractReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, TypeInfo);
    }

    /// <summary>Reads a report written by <see cref="Serialize"/>.</summary>
    /// <param name="json">The JSON.</param>
    /// <exception cref="JsonException">The text is not a report.</exception>
    public static ContractReport Deserialize(string json)
        => JsonSerializer.Deserialize(json, TypeInfo) ?? throw new JsonException("The JSON is null, not a report.");
}

/// <summary>The source-generated serializer of the report types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ContractReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
}
