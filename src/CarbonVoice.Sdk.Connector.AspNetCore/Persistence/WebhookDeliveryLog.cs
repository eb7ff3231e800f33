namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// Remembers webhook deliveries by their delivery key (<see cref="CarbonVoice.Sdk.CarbonVoiceWebhooks.GetDeliveryKey"/>:
/// the event's identity, else its canonical body) so that a replay inside the window is processed once.
/// </summary>
internal sealed class WebhookDeliveryLog(ConnectorDatabase database)
{
    /// <summary>
    /// Records a delivery; false when one with the same key was recorded inside <paramref name="window"/>. The insert is
    /// conditional (the key is the primary key), so of several concurrent duplicates exactly one records it.
    /// </summary>
    public async Task<bool> TryRecordAsync(string deliveryKey, string? eventName, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryKey);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var purge = connection.Command("DELETE FROM webhook_deliveries WHERE received_at <= @cutoff", ("@cutoff", now - window)))
        {
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.Command(
            "INSERT INTO webhook_deliveries (delivery_hash, event_name, received_at) VALUES (@key, @event, @now) ON CONFLICT (delivery_hash) DO NOTHING",
            ("@key", deliveryKey), ("@event", eventName), ("@now", now));
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Whether a delivery with this key is recorded.</summary>
    public async Task<bool> ContainsAsync(string deliveryKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT COUNT(*) FROM webhook_deliveries WHERE delivery_hash = @key", ("@key", deliveryKey));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>Forgets a delivery whose processing failed, so that the sender's retry is processed.</summary>
    public async Task ForgetAsync(string deliveryKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM webhook_deliveries WHERE delivery_hash = @key", ("@key", deliveryKey));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
