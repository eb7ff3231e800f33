using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Connector.AzureQueues.Internal;

/// <summary>
/// A job as a queue message: ids only (tenant, connector, kind, mode, conversation ids), never data; the last error and the
/// failed attempts ride along so that a job that ends in the poison queue says why. JSON, sent base64-encoded (what Azure
/// Functions queue triggers expect).
/// </summary>
internal sealed record JobMessage
{
    public const int CurrentVersion = 1;

    /// <summary>The largest message text Azure Storage Queues accept is 64 KB after base64 (48 KB of JSON); ids of a job stay far below.</summary>
    public const int MaxJsonBytes = 48 * 1024;

    public const int MaxErrorLength = 1024;

    [JsonPropertyName("v")]
    public int Version { get; init; } = CurrentVersion;

    [JsonPropertyName("job_id")]
    public string? JobId { get; init; }

    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("tenant_id")]
    public string? TenantId { get; init; }

    [JsonPropertyName("connector_id")]
    public string? ConnectorId { get; init; }

    [JsonPropertyName("mode")]
    public string? Mode { get; init; }

    [JsonPropertyName("conversation_ids")]
    public IReadOnlyList<string>? ConversationIds { get; init; }

    [JsonPropertyName("enqueued_at")]
    public DateTimeOffset? EnqueuedAt { get; init; }

    [JsonPropertyName("correlation_id")]
    public string? CorrelationId { get; init; }

    [JsonPropertyName("failed_attempts")]
    public int FailedAttempts { get; init; }

    [JsonPropertyName("last_error")]
    public string? LastError { get; init; }

    /// <summary>The original text of a message that could not be read (kept in the poison queue).</summary>
    [JsonPropertyName("raw")]
    public string? Raw { get; init; }

    [JsonPropertyName("poisoned_at")]
    public DateTimeOffset? PoisonedAt { get; init; }

    [JsonPropertyName("dequeue_count")]
    public long? DequeueCount { get; init; }

    public static JobMessage From(ConnectorJob job) => new()
    {
        JobId = job.JobId,
        Kind = job.Kind == ConnectorJobKind.Ingestion ? "ingestion" : "sync",
        TenantId = job.TenantId,
        ConnectorId = job.ConnectorId,
        Mode = job.Kind == ConnectorJobKind.Sync ? job.Mode.ToString().ToLowerInvariant() : null,
        ConversationIds = job.ConversationIds,
        EnqueuedAt = job.EnqueuedAt == default ? null : job.EnqueuedAt,
        CorrelationId = job.CorrelationId,
    };

    /// <summary>Reads a message text; a text that is not a job of ours throws <see cref="FormatException"/> with what is wrong.</summary>
    public static JobMessage Parse(string text)
    {
        JobMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(text, JobMessageJsonContext.Default.JobMessage);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The message is not a connector job (not JSON: {exception.Message}).", exception);
        }

        if (message is null || message.Version != CurrentVersion)
        {
            throw new FormatException($"The message is not a connector job of version {CurrentVersion}.");
        }

        return message;
    }

    /// <summary>The job, or a <see cref="FormatException"/> naming the missing or unknown field.</summary>
    public ConnectorJob ToJob()
    {
        var kind = Kind switch
        {
            "sync" => ConnectorJobKind.Sync,
            "ingestion" => ConnectorJobKind.Ingestion,
            _ => throw new FormatException($"Unknown job kind '{Kind}'."),
        };
        var mode = Mode switch
        {
            null or "auto" => SyncMode.Auto,
            "full" => SyncMode.Full,
            "delta" => SyncMode.Delta,
            _ => throw new FormatException($"Unknown sync mode '{Mode}'."),
        };
        if (string.IsNullOrWhiteSpace(TenantId) || string.IsNullOrWhiteSpace(ConnectorId))
        {
            throw new FormatException("The job names no tenant_id or connector_id.");
        }

        return new ConnectorJob(string.IsNullOrWhiteSpace(JobId) ? ConnectorJob.NewId() : JobId, kind, TenantId, ConnectorId)
        {
            Mode = mode,
            ConversationIds = ConversationIds is { Count: > 0 } ids ? ids : null,
            EnqueuedAt = EnqueuedAt ?? default,
            CorrelationId = CorrelationId,
        };
    }

    /// <summary>The message text; a list of conversations too long for a queue message is dropped (the job then covers every conversation, a superset).</summary>
    public string Serialize()
    {
        var text = JsonSerializer.Serialize(this, JobMessageJsonContext.Default.JobMessage);
        if (System.Text.Encoding.UTF8.GetByteCount(text) <= MaxJsonBytes)
        {
            return text;
        }

        return (this with { ConversationIds = null, LastError = Truncate(LastError, 256) }).Serialize();
    }

    public static string? Truncate(string? text, int length = MaxErrorLength) => text is null || text.Length <= length ? text : text[..length] + "…";
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JobMessage))]
internal sealed partial class JobMessageJsonContext : JsonSerializerContext
{
}
