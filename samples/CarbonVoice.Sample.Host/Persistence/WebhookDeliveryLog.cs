using System.Security.Cryptography;

namespace CarbonVoice.Sample.Host.Persistence;

/// <summary>Remembers webhook deliveries by the SHA-256 of their body so that a replay inside the window is processed once.</summary>
public sealed class WebhookDeliveryLog(SampleDatabase database)
{
    /// <summary>Records a delivery; false when an identical one was recorded inside <paramref name="window"/>.</summary>
    public async Task<bool> TryRecordAsync(ReadOnlyMemory<byte> body, string? eventName, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var purge = connection.Command("DELETE FROM webhook_deliveries WHERE received_at <= $cutoff", ("$cutoff", now - window)))
        {
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.Command(
            "INSERT OR IGNORE INTO webhook_deliveries (delivery_hash, event_name, received_at) VALUES ($hash, $event, $now)",
            ("$hash", HashOf(body)), ("$event", eventName), ("$now", now));
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Forgets a delivery whose processing failed, so that the sender's retry is processed.</summary>
    public async Task ForgetAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM webhook_deliveries WHERE delivery_hash = $hash", ("$hash", HashOf(body)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string HashOf(ReadOnlyMemory<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body.Span));
}
